// Scores the three filters against the blind, labelled corpus in test/judgment/{dev,frozen}.
// Used by `npm run eval` (scripts/eval.ts) and by the unit test that guards the dev-part figures.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkStoryText, FILTER_RULE_IDS, type FilterId } from '../../src/core';

export type Part = string;

export interface Label {
  tradeoff: boolean;
  role: boolean;
  result: boolean;
  evidence?: Partial<Record<FilterId, string>>;
  why?: string;
}

export interface Miss {
  file: string;
  expected: boolean;
  /** What the filter said: its evidence when it passed, its finding's message when it failed. */
  said: string;
  /** The label's evidence (for a missed pass) or the labeller's note. */
  label: string;
}

export interface FilterScore {
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
  balancedAccuracy: number;
  precision: number;
  recall: number;
  /** Of the passes on stories labelled true, how many quoted words that overlap the labeller's evidence. */
  evidenceAgreement: number;
  misses: Miss[];
}

export const JUDGMENT_DIR = join(__dirname);

export function loadPart(part: Part): { file: string; text: string; label: Label }[] {
  const dir = join(JUDGMENT_DIR, part);
  const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as Record<string, Label>;
  const files = readdirSync(dir).filter((name) => name.endsWith('.md')).sort();
  return files.map((file) => {
    const label = labels[file];
    if (!label) throw new Error(`${part}/${file} has no label`);
    return { file, text: readFileSync(join(dir, file), 'utf8'), label };
  });
}

export function scorePart(part: Part): Record<FilterId, FilterScore> {
  const scores = Object.fromEntries(
    FILTER_RULE_IDS.map((id) => [
      id,
      { truePositives: 0, falsePositives: 0, trueNegatives: 0, falseNegatives: 0, balancedAccuracy: 0, precision: 0, recall: 0, evidenceAgreement: 0, misses: [] as Miss[] },
    ]),
  ) as Record<FilterId, FilterScore>;
  const agreements: Record<FilterId, number> = { tradeoff: 0, role: 0, result: 0 };
  for (const { file, text, label } of loadPart(part)) {
    const result = checkStoryText(text);
    for (const id of FILTER_RULE_IDS) {
      const score = scores[id];
      const passed = result.filters[id];
      const expected = label[id];
      if (passed && expected) {
        score.truePositives++;
        const quoted = result.evidence[id]?.text ?? '';
        if (overlaps(quoted, label.evidence?.[id] ?? '')) agreements[id]++;
      } else if (passed) score.falsePositives++;
      else if (expected) score.falseNegatives++;
      else score.trueNegatives++;
      if (passed !== expected) {
        const finding = result.findings.find((candidate) => candidate.ruleId === id);
        score.misses.push({
          file,
          expected,
          said: passed ? `passed on "${oneLine(result.evidence[id]?.text ?? '?')}"` : `failed: ${finding?.message ?? '?'}`,
          label: expected ? `evidence: "${label.evidence?.[id] ?? '?'}"` : (label.why ?? ''),
        });
      }
    }
  }
  for (const id of FILTER_RULE_IDS) {
    const s = scores[id];
    const recall = ratio(s.truePositives, s.truePositives + s.falseNegatives);
    const specificity = ratio(s.trueNegatives, s.trueNegatives + s.falsePositives);
    s.recall = recall;
    s.precision = ratio(s.truePositives, s.truePositives + s.falsePositives);
    s.balancedAccuracy = (recall + specificity) / 2;
    s.evidenceAgreement = ratio(agreements[id], s.truePositives);
  }
  return scores;
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Whether two quotes share a run of four words (or one holds the other). */
function overlaps(a: string, b: string): boolean {
  const words = (text: string) => text.toLowerCase().match(/[a-z0-9%$']+/g) ?? [];
  const x = words(a);
  const y = ` ${words(b).join(' ')} `;
  if (x.length === 0 || y.trim() === '') return false;
  const n = Math.min(4, x.length);
  for (let i = 0; i + n <= x.length; i++) if (y.includes(` ${x.slice(i, i + n).join(' ')} `)) return true;
  return false;
}
