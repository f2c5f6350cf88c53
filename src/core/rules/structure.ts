import { z } from 'zod';
import type { ParsedStory } from '../story/parse';
import { SECTION_TITLES } from '../story/sections';
import { trimSpan } from '../text';
import type { Fix, SectionKind, Span } from '../types';
import { defineRule } from './rule';

/** Canonical spoken order; missing sections are inserted where this order puts them. */
const ORDER: readonly SectionKind[] = ['context', 'task', 'action', 'result', 'lesson'];

/** One line a fix writes under a new heading, telling the candidate what belongs there. */
const PROMPTS: Record<SectionKind, string> = {
  context: 'Where were you, what was at stake, and why did it fall to you? Two or three sentences.',
  task: 'What you had to achieve or decide, in one sentence.',
  action: 'What you did, in the first person: the choice you made, what you gave up, and who you moved.',
  result: 'What happened, with a number, a before/after or a date met.',
  lesson: 'What you do differently since, with one example of the new behavior.',
};

const SUMMARY: Record<SectionKind, string> = {
  context: 'the situation and what was at stake',
  task: 'the goal you were given',
  action: 'what you did yourself',
  result: 'the outcome, with a number, a before/after or a date met',
  lesson: 'what you do differently now',
};

const WHY: Record<SectionKind, string> = {
  context: 'a listener needs the situation and the stakes before your actions make sense',
  task: 'the goal frames what you did',
  action: 'the interviewer is listening for what you did yourself',
  result: 'a story without an outcome leaves the interviewer guessing whether it worked',
  lesson: 'a failure answer is judged on what you changed afterwards',
};

export const structure = defineRule({
  id: 'structure',
  meta: {
    description: 'The story has a situation, an action and a result (plus a lesson for a failure story), none of them empty, and is long enough to judge.',
    defaultSeverity: 'warning',
    messages: {
      missing: 'No {section} section found; {why}. Add a "{title}" section with {summary}.',
      empty: 'The "{heading}" section is empty; write {summary} under it.',
      tooShort: 'This story has {count} sentence{plural}, too short to judge. Tell it in at least {min}: the situation, what you did, and what happened.',
      noBody: 'This story has no body yet: only frontmatter. Write the situation, what you did and the result below it.',
      skipped: '{reason}',
    },
    options: z.object({
      /** Below this many sentences, a story without section headings is reported as too short. */
      minSentences: z.number().int().min(1).max(20).default(3),
    }),
    examples: {
      bad: '## Situation\nOur trial conversion stalled.\n\n## Action\nI cut the trial to 7 days.',
      good: '## Situation\nOur trial conversion stalled.\n\n## Action\nI cut the trial to 7 days.\n\n## Result\nConversion rose from 9% to 12% in six weeks.',
    },
  },
  check({ story, profile, options, report }) {
    if (story.skippedAnalysis) {
      report({ messageId: 'skipped', data: { reason: story.skippedAnalysis.reason }, span: story.skippedAnalysis.span });
      return;
    }
    if (!trimSpan(story.text, story.bodySpan)) {
      report({ messageId: 'noBody', span: noBodySpan(story) });
      return;
    }

    if (!story.hasSectionHeadings) {
      const count = story.sentences.length;
      if (count < options.minSentences) {
        report({
          messageId: 'tooShort',
          data: { count, plural: count === 1 ? '' : 's', min: options.minSentences },
          span: trimSpan(story.text, story.bodySpan)!,
        });
      }
      return;
    }

    const present = new Set(story.sections.map((section) => section.kind));
    const required: SectionKind[] = ['context', 'action', 'result'];
    const ownsFailure = story.questions.some((question) => profile.questions.find((type) => type.id === question.id)?.shapeCheck === 'ownership');
    if (ownsFailure) required.push('lesson');

    for (const kind of required) {
      if (present.has(kind) || (kind === 'context' && present.has('task'))) continue;
      const { span, fix } = placeMissing(story, kind);
      report({
        messageId: 'missing',
        data: { section: kind, why: WHY[kind], title: SECTION_TITLES[kind], summary: SUMMARY[kind] },
        span,
        fixes: [fix],
      });
    }

    for (const section of story.sections) {
      if (section.sentences.length > 0 || !section.headingSpan) continue;
      report({
        messageId: 'empty',
        data: { heading: section.title, summary: SUMMARY[section.kind] },
        span: section.headingSpan,
      });
    }
  },
});

/**
 * A missing section belongs before the first present section that comes later in the spoken order: the finding
 * marks that heading and the fix inserts above it. With no later section, it marks the last section heading and
 * the fix appends at the end of the file.
 */
function placeMissing(story: ParsedStory, kind: SectionKind): { span: Span; fix: Fix } {
  const headed = story.sections.filter((section) => section.headingSpan);
  const rank = ORDER.indexOf(kind);
  const later = headed.find((section) => ORDER.indexOf(section.kind) > rank);
  const eol = story.text.includes('\r\n') ? '\r\n' : '\n';
  const depth = headingDepth(story, (later ?? headed[headed.length - 1]).headingSpan!);
  const heading = `${'#'.repeat(depth)} ${SECTION_TITLES[kind]}${eol}${PROMPTS[kind]}${eol}`;
  const title = `Add ${/^[aeiou]/i.test(SECTION_TITLES[kind]) ? 'an' : 'a'} ${SECTION_TITLES[kind]} section`;
  if (later) {
    const at = later.headingSpan!.start;
    return { span: later.headingSpan!, fix: { title, edits: [{ span: { start: at, end: at }, newText: `${heading}${eol}` }] } };
  }
  const end = story.text.length;
  const lead = story.text.endsWith('\n') ? eol : `${eol}${eol}`;
  return { span: headed[headed.length - 1].headingSpan!, fix: { title, edits: [{ span: { start: end, end }, newText: `${lead}${heading}` }] } };
}

function headingDepth(story: ParsedStory, span: Span): number {
  const heading = story.headings.find((candidate) => candidate.span.start === span.start);
  return heading?.depth ?? 2;
}

/** The closing `---` of the frontmatter; its opener when it was never closed. */
function noBodySpan(story: ParsedStory): Span {
  const frontmatter = story.frontmatter;
  if (!frontmatter) return story.bodySpan;
  if (frontmatter.problems.some((problem) => problem.kind === 'unterminated')) return frontmatter.openerSpan;
  const end = frontmatter.span.end;
  const lineStart = story.text.lastIndexOf('\n', end - 1) + 1;
  return trimSpan(story.text, { start: lineStart, end }) ?? frontmatter.openerSpan;
}
