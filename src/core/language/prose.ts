// The story's own prose, tagged: template prompts that a candidate has not replaced yet are not prose, so no
// filter can pass on them.
import { BUILT_IN_PROFILES } from '../profiles';
import type { ParsedStory } from '../story/parse';
import { SECTION_PROMPTS } from '../templates';
import type { SectionKind } from '../types';
import { analyze, type TaggedSentence } from './analyze';

const normalize = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const PROMPTS = new Set<string>([
  ...Object.values(SECTION_PROMPTS).map(normalize),
  ...[...BUILT_IN_PROFILES.values()].flatMap((profile) => profile.questions.flatMap((question) => question.answerShape.map(normalize))),
]);

export function isTemplatePrompt(text: string): boolean {
  return PROMPTS.has(normalize(text));
}

/** Each rule asks for the prose; a sentence is judged a prompt or not once. */
const promptCache = new WeakMap<TaggedSentence, boolean>();

function isPrompt(tagged: TaggedSentence): boolean {
  let prompt = promptCache.get(tagged);
  if (prompt === undefined) {
    prompt = isTemplatePrompt(tagged.sentence.text);
    promptCache.set(tagged, prompt);
  }
  return prompt;
}

/** Tagged sentences the candidate wrote, optionally only those in the given sections. */
export function proseSentences(story: ParsedStory, ...kinds: SectionKind[]): TaggedSentence[] {
  return analyze(story).filter(
    (tagged) => !isPrompt(tagged) && (kinds.length === 0 || (tagged.sentence.section !== undefined && kinds.includes(tagged.sentence.section))),
  );
}
