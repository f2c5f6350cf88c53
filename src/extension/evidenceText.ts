// Wording of the filters' verdicts and their evidence, shared by the CodeLens, the hover and the highlight.
// No `vscode` import, so the unit tests can run it in plain Node.
// From the module itself, not '../core': `verdict` below is read as this module loads, before the core is.
import { FILTER_RULE_IDS, filterVerdict } from '../core/rules/rule';
import type { Evidence, FilterId, StoryResult } from '../core';

export { FILTER_LABELS } from '../core/rules/rule';

/** Quote characters a CodeLens line gives its evidence; split between the lenses that share a line. */
export const QUOTE_BUDGET = 60;
const MIN_QUOTE = 24;

/** "Tradeoff ✓" / "Role ✗" (the core's wording, which the CLI prints too). */
export const verdict = filterVerdict;

/** "Tradeoff ✓ · Role ✓ · Result ✗". */
export function verdicts(result: Pick<StoryResult, 'filters'>): string {
  return FILTER_RULE_IDS.map((id) => verdict(id, result.filters[id])).join(' · ');
}

/** The text on one line with its whitespace collapsed, quoted, and cut at a word with "…" when longer than `max`. */
export function shortQuote(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return `"${flat}"`;
  const space = flat.slice(0, max).lastIndexOf(' ');
  const cut = (space >= max * 0.6 ? flat.slice(0, space) : flat.slice(0, Math.max(1, max - 1))).replace(/[\uD800-\uDBFF]$/, '').replace(/[\s,;:.!?–—-]+$/, '');
  return `"${cut}…"`;
}

/** How long each quote may be when `lensesOnLine` evidence lenses share one line. */
export function quoteLength(lensesOnLine: number): number {
  return Math.max(MIN_QUOTE, Math.floor(QUOTE_BUDGET / Math.max(1, lensesOnLine)));
}

/** Passed filters that point at the same words, in filter order; one entry per distinct span. */
export interface EvidenceGroup {
  filters: FilterId[];
  evidence: Evidence;
}

export function evidenceGroups(result: Pick<StoryResult, 'filters' | 'evidence'>): EvidenceGroup[] {
  const groups: EvidenceGroup[] = [];
  for (const id of FILTER_RULE_IDS) {
    const evidence = result.filters[id] ? result.evidence[id] : undefined;
    if (!evidence) continue;
    const same = groups.find((g) => g.evidence.span.start === evidence.span.start && g.evidence.span.end === evidence.span.end);
    if (same) same.filters.push(id);
    else groups.push({ filters: [id], evidence });
  }
  return groups;
}

/** The after-text label of a highlighted span: "tradeoff · role". */
export function highlightLabel(filters: readonly FilterId[]): string {
  return filters.join(' · ');
}
