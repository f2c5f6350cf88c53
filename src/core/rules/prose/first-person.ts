// The action part of a story: where the role and passive rules look for what the narrator did.
import type { ParsedStory } from '../../story/parse';
import type { Section, Sentence } from '../../types';

export interface ActionPart {
  /** The sentences that tell what was done, in file order. */
  sentences: Sentence[];
  /** The first Action section (written or inferred), when the story has one. */
  section: Section | undefined;
  /** How a message names the part: 'the "What I did" section', 'the story before its result', ... */
  where: string;
}

/**
 * The part of a story that tells what was done:
 * - the Action section(s) when there is one (written with a heading, or inferred in a story without headings);
 * - a story with section headings but no Action section: every sentence outside Result and Lesson;
 * - a story without headings or inline labels: every sentence but a longer story's opening one.
 */
export function actionPart(story: ParsedStory): ActionPart {
  // Sections guessed from position alone are too rough to hide an action from the role filter.
  // The opening sentence of a longer story sets the scene ("I took over payments in May").
  if (!story.hasSectionHeadings && !story.hasSectionLabels) {
    const opening = story.sentences.length >= 3 && story.sentences[0].words.length <= 30;
    return { sentences: opening ? story.sentences.slice(1) : story.sentences, section: undefined, where: 'the story' };
  }
  const section = story.sections.find((candidate) => candidate.kind === 'action');
  if (section) {
    const sentences = story.sentences.filter((sentence) => sentence.section === 'action');
    const where = section.headingSpan ? `the "${section.title}" section` : 'the middle of the story, where the actions are told';
    return { sentences, section, where };
  }
  if (story.hasSectionHeadings) {
    return {
      sentences: story.sentences.filter((sentence) => sentence.section !== 'result' && sentence.section !== 'lesson'),
      section: undefined,
      where: 'the story before its result (it has no Action section)',
    };
  }
  return { sentences: story.sentences, section: undefined, where: 'the story' };
}
