import { z } from 'zod';
import type { ParsedStory } from '../story/parse';
import { trimSpan } from '../text';
import { formatBudget, formatDuration, secondsForWords, SECTION_BUDGETS, sectionSeconds, type SectionBudget } from '../timing';
import type { SectionKind, Span } from '../types';
import { defineRule } from './rule';

const BudgetSchema = z
  .object({ min: z.number().min(0).max(600), max: z.number().min(1).max(600) })
  .refine((budget) => budget.min <= budget.max, 'min must not exceed max');

export const timing = defineRule({
  id: 'timing',
  meta: {
    description: 'The story fits in the spoken time limit, and no section runs far outside its time budget.',
    defaultSeverity: 'warning',
    messages: {
      tooLong:
        'About {spoken} when spoken at {wpm} words per minute; aim for under {limit}. Cut about {cut} words: keep one decision, the evidence for it, and the result.',
      sectionLong: 'The {section} part runs about {spoken} when spoken; its budget is {budget}. Cut it to what the listener needs: {advice}.',
      sectionShort: 'The {section} part runs only about {spoken} when spoken; its budget is {budget}. Give it more room: {advice}.',
    },
    options: z.object({
      /** A section is "far over" its budget beyond this multiple of the budget's max. */
      overFactor: z.number().min(1).max(10).default(1.5),
      /** A section is "far under" its budget below this fraction of the budget's min. */
      underFactor: z.number().min(0).max(1).default(0.5),
      /** Short sections are only reported in stories at least this long (in spoken seconds): drafts are left alone. */
      minStorySecondsForShort: z.number().min(0).max(3600).default(60),
      /** Per-section budgets in seconds, overriding the defaults. */
      budgets: z
        .object({
          context: BudgetSchema.optional(),
          task: BudgetSchema.optional(),
          action: BudgetSchema.optional(),
          result: BudgetSchema.optional(),
          lesson: BudgetSchema.optional(),
        })
        .default({}),
    }),
    examples: {
      bad: 'A 390-word story: about 2:36 at 150 words per minute, with a 70-second situation.',
      good: 'A 280-word story: about 1:52, with the situation told in 25 seconds.',
    },
  },
  check({ story, settings, options, report }) {
    if (story.skippedAnalysis || story.wordCount === 0) return;
    const wpm = settings.wordsPerMinute;
    const total = secondsForWords(story.wordCount, wpm);
    if (Math.round(total) > settings.maxSeconds) {
      const allowedWords = Math.floor((settings.maxSeconds / 60) * wpm);
      const span = titleSpan(story);
      if (span) {
        report({
          messageId: 'tooLong',
          data: {
            spoken: formatDuration(total),
            wpm,
            limit: formatDuration(settings.maxSeconds),
            cut: Math.max(1, story.wordCount - allowedWords),
          },
          span,
        });
      }
    }

    // Budgets need real section boundaries: inferred parts of a story without headings are too fuzzy to time.
    const budgets = configuredBudgets(options);
    for (const section of story.sections) {
      const budget = budgets[section.kind];
      if (!budget || !section.headingSpan || section.wordCount === 0) continue;
      const seconds = sectionSeconds(section, wpm);
      const data = { section: section.title, spoken: formatDuration(seconds), budget: formatBudget(budget) };
      if (seconds > budget.max * options.overFactor) {
        report({ messageId: 'sectionLong', data: { ...data, advice: LONG_ADVICE[section.kind] }, span: section.headingSpan });
      } else if (total >= options.minStorySecondsForShort && seconds < budget.min * options.underFactor) {
        report({ messageId: 'sectionShort', data: { ...data, advice: SHORT_ADVICE[section.kind] }, span: section.headingSpan });
      }
    }
  },
});

/** The section budgets this rule judges by: the defaults with the configured ones over them. */
export function configuredBudgets(options: { budgets: Partial<Record<SectionKind, SectionBudget | undefined>> }): Partial<Record<SectionKind, SectionBudget>> {
  return { ...SECTION_BUDGETS, ...stripUndefined(options.budgets) } as Partial<Record<SectionKind, SectionBudget>>;
}

const LONG_ADVICE: Record<SectionKind, string> = {
  context: 'who, what was at stake, and why it fell to you',
  task: 'the goal in one sentence',
  action: 'the one or two moves that decided the outcome, in the first person',
  result: 'the number or the before/after, then stop',
  lesson: 'one behavior you changed and one example of it',
};

const SHORT_ADVICE: Record<SectionKind, string> = {
  context: 'say what was at stake so the actions make sense',
  task: 'state the goal',
  action: 'say what you chose, what you gave up, and who you had to move',
  result: 'add the number, the before/after, or the date met',
  lesson: 'say what you do differently now, with an example',
};

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

/**
 * Where the length finding goes: the story's first heading (its title when it has one), else the first line of
 * the body. Both are visible without scrolling and name the whole story rather than one part of it.
 */
function titleSpan(story: ParsedStory): Span | undefined {
  const heading = story.headings[0];
  if (heading) return heading.span;
  const body = trimSpan(story.text, story.bodySpan);
  if (!body) return undefined;
  const lineEnd = story.text.indexOf('\n', body.start);
  return trimSpan(story.text, { start: body.start, end: lineEnd === -1 || lineEnd > body.end ? body.end : lineEnd });
}
