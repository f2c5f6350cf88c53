// Practice mode, the editor-agnostic part: which question to rehearse next (weighted toward gaps, thin
// types and stories not practised for a while), a story's spoken outline, and the frontmatter edit that
// records a practice date without touching anything else in the frontmatter.
import type { CoverageEntry, CoverageStatus } from './coverage';
import type { ParsedStory } from './story/parse';
import type { SectionKind, TextEdit } from './types';

/** What the picker needs to know about one story. */
export interface PracticeStory {
  path: string;
  questions: readonly string[];
  /** `practiced` dates (YYYY-MM-DD), in any order. */
  practiced: readonly string[];
}

export interface QuestionWeight {
  id: string;
  weight: number;
  status: CoverageStatus;
  /** Days since the most neglected claiming story was practised (capped); a story never practised counts as the cap. */
  staleDays: number;
}

/** How much more often a gap or thin question type comes up than a covered one. */
export const STATUS_WEIGHT: Readonly<Record<CoverageStatus, number>> = { gap: 4, thin: 2, covered: 1 };
/** Staleness stops adding weight after this many days; never practised counts as this many. */
export const STALE_CAP_DAYS = 28;

const DAY_MS = 24 * 60 * 60 * 1000;

function dayNumber(isoDate: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return undefined;
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isFinite(time) ? Math.floor(time / DAY_MS) : undefined;
}

/** The latest valid date of a `practiced` list, or undefined. */
export function lastPracticed(practiced: readonly string[] | undefined): string | undefined {
  let best: string | undefined;
  for (const date of practiced ?? []) if (dayNumber(date) !== undefined && (best === undefined || date > best)) best = date;
  return best;
}

/** Days since a story was last practised on `today` (YYYY-MM-DD), capped at STALE_CAP_DAYS; never → the cap. */
export function staleDays(practiced: readonly string[] | undefined, today: string): number {
  const last = lastPracticed(practiced);
  const now = dayNumber(today);
  if (last === undefined || now === undefined) return STALE_CAP_DAYS;
  return Math.max(0, Math.min(STALE_CAP_DAYS, now - (dayNumber(last) ?? now)));
}

/**
 * One weight per question type of the coverage: STATUS_WEIGHT of its status, times 1 + staleDays / 7 of its most
 * neglected claiming story (a type no story claims is as stale as it gets). A gap nobody has practised weighs
 * 4 × 5 = 20; a covered type rehearsed today weighs 1.
 */
export function questionWeights(coverage: readonly CoverageEntry[], stories: readonly PracticeStory[], today: string): QuestionWeight[] {
  return coverage.map((entry) => {
    const claiming = stories.filter((story) => story.questions.includes(entry.id));
    const stale = claiming.length === 0 ? STALE_CAP_DAYS : Math.max(...claiming.map((story) => staleDays(story.practiced, today)));
    return { id: entry.id, status: entry.status, staleDays: stale, weight: STATUS_WEIGHT[entry.status] * (1 + stale / 7) };
  });
}

/** Picks one item with probability proportional to its weight; `random` returns [0, 1) (Math.random or a seeded one). */
export function weightedPick<T extends { weight: number }>(items: readonly T[], random: () => number): T | undefined {
  const total = items.reduce((sum, item) => sum + Math.max(0, item.weight), 0);
  if (!(total > 0)) return undefined;
  let point = Math.min(Math.max(random(), 0), 1 - Number.EPSILON) * total;
  for (const item of items) {
    point -= Math.max(0, item.weight);
    if (point < 0) return item;
  }
  for (let i = items.length - 1; i >= 0; i--) if (items[i].weight > 0) return items[i];
  return undefined;
}

/** The question type to practise next. */
export function pickPracticeQuestion(
  coverage: readonly CoverageEntry[],
  stories: readonly PracticeStory[],
  today: string,
  random: () => number,
): QuestionWeight | undefined {
  return weightedPick(questionWeights(coverage, stories, today), random);
}

/** Stories to offer for a question: ready ones first, then the least recently practised first, then by path. */
export function orderPracticeStories<T extends PracticeStory & { ready: boolean }>(stories: readonly T[], today: string): T[] {
  return [...stories].sort(
    (a, b) =>
      Number(b.ready) - Number(a.ready) || staleDays(b.practiced, today) - staleDays(a.practiced, today) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
}

/** A small deterministic random source (mulberry32) for tests and reproducible picks. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `YYYY-MM-DD` of a date in local time. */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

// ---- outline -------------------------------------------------------------------------------------

export interface OutlineItem {
  kind: SectionKind;
  /** The heading as written, or the section kind's name for a story without headings. */
  heading: string;
  /** The section's first sentence, whitespace collapsed; empty when the section has no prose. */
  firstSentence: string;
  /** 0-based line of the heading (or of the first sentence when inferred). */
  line: number;
}

const KIND_NAMES: Record<SectionKind, string> = {
  context: 'Context',
  task: 'Task',
  action: 'Action',
  result: 'Result',
  lesson: 'Lesson',
};

/** Section headings and the first sentence of each: the cue card a candidate rehearses from. */
export function storyOutline(story: ParsedStory): OutlineItem[] {
  return story.sections.map((section) => {
    const first = section.sentences[0];
    const offset = section.headingSpan?.start ?? first?.span.start ?? section.bodySpan.start;
    return {
      kind: section.kind,
      heading: section.headingSpan ? section.title.trim() || KIND_NAMES[section.kind] : KIND_NAMES[section.kind],
      firstSentence: (first?.text ?? '').replace(/\s+/g, ' ').trim(),
      line: story.lines.positionAt(offset).line,
    };
  });
}

// ---- recording a practice date -------------------------------------------------------------------

export type PracticeEditResult = { kind: 'edit'; edit: TextEdit } | { kind: 'already' } | { kind: 'unsupported'; reason: string };

const FENCE = /^---[ \t]*$/;
const CLOSE = /^(---|\.\.\.)[ \t]*$/;
const PRACTICED_KEY = /^practiced[ \t]*:/;

interface Line {
  start: number;
  /** End of the content, before the line break. */
  end: number;
  text: string;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const pattern = /\r\n|\n|\r/g;
  let start = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    lines.push({ start, end: match.index, text: text.slice(start, match.index) });
    start = match.index + match[0].length;
  }
  lines.push({ start, end: text.length, text: text.slice(start) });
  return lines;
}

/**
 * The smallest edit that adds `date` to the story's `practiced` list, leaving every other frontmatter line as it
 * is: no `practiced` key → a `practiced: [date]` line before the closing fence; a flow list → `, date` before its
 * `]`; a block list → one more `- date` item line. A date already listed needs no edit. Anything else (no
 * frontmatter, a multi-line flow list, a scalar) is refused rather than rewritten.
 */
export function practiceDateEdit(text: string, date: string): PracticeEditResult {
  if (dayNumber(date) === undefined) return { kind: 'unsupported', reason: `"${date}" is not a YYYY-MM-DD date` };
  const lines = splitLines(text);
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  if (lines.length < 2 || !FENCE.test(lines[0].text.replace(/^\uFEFF/, ''))) return { kind: 'unsupported', reason: 'the file has no frontmatter' };
  const close = lines.findIndex((line, index) => index > 0 && CLOSE.test(line.text));
  if (close < 0) return { kind: 'unsupported', reason: 'the frontmatter is not closed' };
  const keyIndex = lines.findIndex((line, index) => index > 0 && index < close && PRACTICED_KEY.test(line.text));
  if (keyIndex < 0) {
    return { kind: 'edit', edit: { span: { start: lines[close].start, end: lines[close].start }, newText: `practiced: [${date}]${eol}` } };
  }
  const keyLine = lines[keyIndex];
  const value = keyLine.text
    .replace(PRACTICED_KEY, '')
    .replace(/[ \t]+#.*$/, '')
    .trim();
  if (value.startsWith('[')) {
    if (!value.endsWith(']')) return { kind: 'unsupported', reason: 'the practiced list spans several lines' };
    const items = value
      .slice(1, -1)
      .split(',')
      .map((item) => item.trim().replace(/^['"]|['"]$/g, ''))
      .filter(Boolean);
    if (items.includes(date)) return { kind: 'already' };
    const at = keyLine.start + lastIndexOfOutsideComment(keyLine.text);
    return { kind: 'edit', edit: { span: { start: at, end: at }, newText: items.length > 0 ? `, ${date}` : date } };
  }
  if (value === '' || value === '~' || value === 'null') {
    const items: Line[] = [];
    for (let index = keyIndex + 1; index < close; index++) {
      const line = lines[index];
      if (/^[ \t]*-([ \t]|$)/.test(line.text)) items.push(line);
      else if (line.text.trim() === '' || /^[ \t]+#/.test(line.text)) continue;
      else break;
    }
    if (
      items.some(
        (line) =>
          line.text
            .replace(/^[ \t]*-[ \t]*/, '')
            .replace(/[ \t]+#.*$/, '')
            .trim()
            .replace(/^['"]|['"]$/g, '') === date,
      )
    ) {
      return { kind: 'already' };
    }
    if (value !== '' && items.length === 0) {
      return { kind: 'edit', edit: { span: { start: keyLine.start, end: keyLine.end }, newText: `practiced: [${date}]` } };
    }
    const last = items.at(-1) ?? keyLine;
    const indent = items.length > 0 ? /^[ \t]*/.exec(items[0].text)![0] : '  ';
    return { kind: 'edit', edit: { span: { start: last.end, end: last.end }, newText: `${eol}${indent}- ${date}` } };
  }
  return { kind: 'unsupported', reason: 'practiced is not a list' };
}

/** Index of the last `]` before a trailing ` # comment`. */
function lastIndexOfOutsideComment(line: string): number {
  const comment = /[ \t]+#.*$/.exec(line);
  const content = comment ? line.slice(0, comment.index) : line;
  return content.lastIndexOf(']');
}

/** Applies a TextEdit to a string (for tests and previews). */
export function applyTextEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end);
}
