import type { Section, SectionKind } from './types';

/** How long one part of a spoken story should take, in seconds. */
export interface SectionBudget {
  min: number;
  max: number;
}

/**
 * Spoken-time budgets for a two-minute story. `task` has none of its own: it is usually one sentence
 * folded into the setup, so it is neither timed nor flagged.
 */
export const SECTION_BUDGETS: Readonly<Partial<Record<SectionKind, SectionBudget>>> = {
  context: { min: 20, max: 30 },
  action: { min: 30, max: 40 },
  result: { min: 20, max: 30 },
  lesson: { min: 10, max: 20 },
};

/** Seconds needed to say `words` words at `wordsPerMinute`, unrounded. */
export function secondsForWords(words: number, wordsPerMinute: number): number {
  if (!(wordsPerMinute > 0) || !(words > 0)) return 0;
  return (words / wordsPerMinute) * 60;
}

/** Seconds needed to say one section aloud, unrounded. */
export function sectionSeconds(section: Pick<Section, 'wordCount'>, wordsPerMinute: number): number {
  return secondsForWords(section.wordCount, wordsPerMinute);
}

/** `m:ss`, rounded to the nearest second: 155 -> "2:35". */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const minutes = Math.floor(total / 60);
  const rest = total % 60;
  return `${minutes}:${rest < 10 ? '0' : ''}${rest}`;
}

/** "0:30–0:40". */
export function formatBudget(budget: SectionBudget): string {
  return `${formatDuration(budget.min)}–${formatDuration(budget.max)}`;
}

/**
 * The label the editor shows above a section heading, e.g. "0:34 / 0:30–0:40"; only the duration when the
 * section has no budget.
 */
export function sectionTimingLabel(
  section: Pick<Section, 'kind' | 'wordCount'>,
  wordsPerMinute: number,
  budgets: Readonly<Partial<Record<SectionKind, SectionBudget>>> = SECTION_BUDGETS,
): string {
  const spoken = formatDuration(sectionSeconds(section, wordsPerMinute));
  const budget = budgets[section.kind];
  return budget ? `${spoken} / ${formatBudget(budget)}` : spoken;
}
