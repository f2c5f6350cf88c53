// Imports reach into the core module by module (not through its index) so that the CLI's light half, which
// answers warm runs from the cache, does not load the parser and the rules.
//
// Both formats are written from StoryRecords: what the report prints of each story, rendered once when the story
// is checked and kept in the cache beside its result. A warm run then copies each story's JSON bytes from the
// cache file to the output instead of rebuilding and stringifying its objects.
import type { CachedResult } from './cache';
import type { ResolvedConfig } from '../core/config';
import { computeCoverage, type CoverageEntry, type IndexedStory } from '../core/coverage';
import { FILTER_RULE_IDS, filterVerdict, type FilterId } from '../core/rules/rule';
import type { Finding, Range, Severity } from '../core/types';

/** A checked story as the report needs it: a full StoryResult or its cached copy. */
export interface ReportStory {
  path: string;
  result: CachedResult;
}

export interface BankError {
  path: string;
  message: string;
  line?: number;
  column?: number;
}

export interface BankReport {
  config: ResolvedConfig;
  stories: ReportStory[];
  coverage: CoverageEntry[];
  errors: BankError[];
}

/** What the report prints of one story, whatever its path. */
export interface StoryRecord {
  isStory: boolean;
  title: string;
  questions: string[];
  ready: string[];
  /** How many findings have each severity, in SEVERITIES order: an error fails the check. */
  counts: [error: number, warning: number, info: number, hint: number];
  /** The story's `--format json` text after its path line, as UTF-8, indented as deep as in the report. */
  json: Uint8Array;
  /**
   * Its findings as the plain text format prints them after the path (`:line:column severity message [rule]`),
   * one a line, as UTF-8; read from the cache file only when asked for, undefined when that fails.
   */
  lines(): Uint8Array | undefined;
  /** What the text format prints of the story in colour or with evidence (a TextRecord), as UTF-8 JSON; as `lines`. */
  text(): Uint8Array | undefined;
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** A finding as the text format prints it: 1-based line and column, severity, message, rule. */
type TextFinding = [line: number, column: number, severity: Severity, message: string, ruleId: string];
/** A passed filter's words (white space folded) and where they start. */
type TextEvidence = [line: number, column: number, text: string];
interface TextRecord {
  findings: TextFinding[];
  evidence: Partial<Record<FilterId, TextEvidence>>;
}

export interface RecordedStory {
  path: string;
  record: StoryRecord;
  /** The full result, to render the record again if its lazily read parts turn out to be damaged. */
  result?: CachedResult;
}

export interface RecordedReport {
  config: ResolvedConfig;
  stories: RecordedStory[];
  coverage: CoverageEntry[];
  errors: BankError[];
}

export function buildReport(config: ResolvedConfig, stories: ReportStory[], errors: BankError[]): BankReport {
  // computeCoverage reads only the fields a CachedResult keeps (isStory, questions, filters, findings).
  return { config, stories, coverage: computeCoverage(config.profile, stories as unknown as IndexedStory[]), errors };
}

export function recordReport(config: ResolvedConfig, stories: RecordedStory[], errors: BankError[]): RecordedReport {
  // computeCoverage reads isStory, questions and ready, which a record keeps.
  const asIndexed = stories.map(({ path, record }) => ({ path, result: record }));
  return { config, stories, coverage: computeCoverage(config.profile, asIndexed as unknown as IndexedStory[]), errors };
}

const recorded = (report: BankReport): RecordedReport => ({
  ...report,
  stories: report.stories.map(({ path, result }) => ({ path, record: storyRecord(result) })),
});

/** The stable `--format json` shape (version 1). Add fields; never change one. */
export function toJson(report: BankReport) {
  return {
    version: 1,
    profile: report.config.profile.id,
    stories: report.stories.map(({ path, result }) => ({ path, ...storyToJson(result) })),
    coverage: coverageToJson(report.coverage),
    errors: report.errors,
  };
}

function coverageToJson(coverage: CoverageEntry[]) {
  return coverage.map((entry) => ({
    id: entry.id,
    title: entry.title,
    status: entry.status,
    stories: entry.stories,
    ready: entry.ready,
  }));
}

// Plain object literals rather than Object.fromEntries and spreads: a cold run builds these for every story and
// finding it prints. The path comes first in the contract; it is written in front of the rest (see storyRecord).
function storyToJson(result: CachedResult) {
  const filters: Partial<Record<FilterId, boolean>> = {};
  const evidence: Partial<Record<FilterId, ReturnType<typeof toLineColumns> & { text: string }>> = {};
  for (const id of FILTER_RULE_IDS) {
    filters[id] = result.filters[id];
    const found = result.evidence[id];
    if (found) {
      const { line, column, endLine, endColumn } = toLineColumns(found.range);
      evidence[id] = { line, column, endLine, endColumn, text: found.text };
    }
  }
  return {
    title: result.title,
    questions: result.questions,
    words: result.words,
    seconds: result.seconds,
    filters,
    evidence,
    ready: result.ready,
    findings: result.findings.map(findingToJson),
  };
}

function findingToJson({ ruleId, severity, message, range }: Finding) {
  return {
    rule: ruleId,
    severity,
    message,
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

// A story as JSON.stringify(…, null, 2) writes it inside the report's `stories` list: its opening brace indented by
// four spaces, its fields by six. Stringified as the one story of such a list, it comes out exactly that deep.
const STORY_OPENING = '{\n  "stories": [\n    {\n';
const STORY_CLOSING = '\n  ]\n}';

/** Renders what the report prints of a story. */
export function storyRecord(result: CachedResult): StoryRecord {
  const wrapped = JSON.stringify({ stories: [storyToJson(result)] }, null, 2);
  const text: TextRecord = {
    findings: result.findings.map(({ range, severity, message, ruleId }) => [range.start.line + 1, range.start.character + 1, severity, message, ruleId]),
    evidence: {},
  };
  for (const id of FILTER_RULE_IDS) {
    const found = result.evidence[id];
    if (found) text.evidence[id] = [found.range.start.line + 1, found.range.start.character + 1, found.text.replace(/\s+/g, ' ').trim()];
  }
  return {
    isStory: result.isStory,
    title: result.title ?? '',
    questions: result.questions,
    ready: result.ready,
    counts: SEVERITIES.map((severity) => result.findings.filter((finding) => finding.severity === severity).length) as StoryRecord['counts'],
    json: Buffer.from(wrapped.slice(STORY_OPENING.length, wrapped.length - STORY_CLOSING.length), 'utf8'),
    lines: once(() =>
      Buffer.from(text.findings.map(([line, column, severity, message, ruleId]) => `:${line}:${column} ${severity} ${message} [${ruleId}]`).join('\n'), 'utf8'),
    ),
    text: once(() => Buffer.from(JSON.stringify(text), 'utf8')),
  };
}

const once = <T>(make: () => T): (() => T) => {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
};

/** Stories per write in writeJson. */
const JSON_BATCH = 256;

/** Writes exactly `JSON.stringify(toJson(report), null, 2) + '\n'` (see writeRecordedJson). */
export function writeJson(report: BankReport, write: (chunk: string | Uint8Array) => void): void {
  writeRecordedJson(recorded(report), write);
}

/**
 * Writes the report's JSON a batch of stories at a time, each story its path line followed by its record's bytes,
 * so that a large bank never holds its whole JSON text in memory and a warm run never rebuilds a story's objects.
 */
export function writeRecordedJson(report: RecordedReport, write: (chunk: string | Uint8Array) => void): void {
  const marker = '"\\u0000stories\\u0000"'; // how JSON.stringify writes the placeholder below
  const shell = (stories: unknown) =>
    JSON.stringify({ version: 1, profile: report.config.profile.id, stories, coverage: coverageToJson(report.coverage), errors: report.errors }, null, 2) +
    '\n';
  if (report.stories.length === 0) {
    write(shell([]));
    return;
  }
  const text = shell('\u0000stories\u0000');
  const at = text.indexOf(marker);
  write(text.slice(0, at) + '[\n');
  for (let start = 0; start < report.stories.length; start += JSON_BATCH) {
    const end = Math.min(start + JSON_BATCH, report.stories.length);
    const pathLines: string[] = [];
    let bytes = 0;
    for (let index = start; index < end; index++) {
      const { path, record } = report.stories[index];
      const pathLine = `${index ? ',\n' : ''}    {\n      "path": ${JSON.stringify(path)},\n`;
      pathLines.push(pathLine);
      bytes += Buffer.byteLength(pathLine, 'utf8') + record.json.length;
    }
    // One buffer per batch, filled in place: no intermediate buffer per path line.
    const chunk = Buffer.allocUnsafe(bytes);
    let at = 0;
    for (let index = start; index < end; index++) {
      at += chunk.write(pathLines[index - start], at, 'utf8');
      chunk.set(report.stories[index].record.json, at);
      at += report.stories[index].record.json.length;
    }
    write(chunk);
  }
  write('\n  ]' + text.slice(at + marker.length));
}

/** `path:line:column` of a range's start, 1-based. */
function where(path: string, line: number, column: number): string {
  return `${path}:${line}:${column}`;
}

/** 0-based core positions as the contract's 1-based lines and columns. */
function toLineColumns(range: Range) {
  return { line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

export function hasErrors(report: BankReport | RecordedReport): boolean {
  if (report.errors.length > 0) return true;
  return (report.stories as (ReportStory | RecordedStory)[]).some((story) =>
    'record' in story ? story.record.counts[0] > 0 : story.result.findings.some((finding) => finding.severity === 'error'),
  );
}

interface Palette {
  red(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  green(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const ansi = (code: number, reset: number) => (text: string) => `\u001b[${code}m${text}\u001b[${reset}m`;
export const COLORS: Palette = { red: ansi(31, 39), yellow: ansi(33, 39), blue: ansi(34, 39), green: ansi(32, 39), dim: ansi(2, 22), bold: ansi(1, 22) };
export const NO_COLORS: Palette = { red: String, yellow: String, blue: String, green: String, dim: String, bold: String };

/** "1 error", "2 errors". */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

export interface TextOptions {
  /** Under each story, each filter's verdict and the words that passed it. */
  evidence?: boolean;
  /** False for `storybank coverage`: the table alone, and no finding counted. */
  findings?: boolean;
}

/** `path:line:col severity message [rule]`, grouped by file (see writeText). */
export function toText(report: BankReport, palette: Palette, options: TextOptions = {}): string {
  const chunks: Buffer[] = [];
  writeText(recorded(report), palette, options, (chunk) => chunks.push(Buffer.from(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * `path:line:col severity message [rule]`, grouped by file (with `evidence`, each filter's verdict and quote), then
 * the coverage table. Without colours or evidence, each story's lines come from its record, behind its path.
 */
export function writeText(report: RecordedReport, palette: Palette, options: TextOptions, write: (chunk: string | Uint8Array) => void): void {
  const severityLabel = { error: palette.red('error'), warning: palette.yellow('warning'), info: palette.blue('info'), hint: palette.dim('hint') };
  const counts = [0, 0, 0, 0];
  const withFindings = options.findings !== false;
  const plain = palette === NO_COLORS && !options.evidence;
  let pending: string[] = [];
  let pendingLength = 0;
  const push = (chunk: string) => {
    pending.push(chunk);
    pendingLength += chunk.length;
    if (pendingLength >= 1 << 20) flush();
  };
  const flush = () => {
    if (pending.length) write(pending.join(''));
    pending = [];
    pendingLength = 0;
  };
  for (const { path, record, result } of report.stories) {
    const findings = withFindings ? record.counts[0] + record.counts[1] + record.counts[2] + record.counts[3] : 0;
    if (findings === 0 && !options.evidence) continue;
    if (withFindings) record.counts.forEach((count, severity) => (counts[severity] += count));
    const plainText = plain ? plainLines(path, record.lines(), findings) : undefined;
    if (plainText !== undefined) {
      push(plainText);
      continue;
    }
    const text = textRecord(record) ?? textRecord(storyRecord(result ?? failed()))!;
    const out = [palette.bold(path)];
    if (options.evidence) {
      for (const id of FILTER_RULE_IDS) {
        const evidence = text.evidence[id];
        out.push(
          evidence
            ? `  ${palette.green(filterVerdict(id, true))} ${where(path, evidence[0], evidence[1])} "${evidence[2]}"`
            : `  ${palette.red(filterVerdict(id, false))}`,
        );
      }
    }
    if (findings > 0) {
      for (const [line, column, severity, message, ruleId] of text.findings) {
        out.push(`  ${where(path, line, column)} ${severityLabel[severity]} ${message} ${palette.dim(`[${ruleId}]`)}`);
      }
    }
    out.push('', '');
    push(out.join('\n'));
  }
  flush();

  const out: string[] = [];
  for (const error of report.errors) {
    const at = error.line ? `${error.path}:${error.line}:${error.column ?? 1}` : error.path;
    out.push(`${at} ${palette.red('error')} ${error.message}`);
  }
  if (report.errors.length) out.push('');

  out.push(palette.bold(`Coverage (${report.config.profile.id})`));
  const titleOf = new Map(report.stories.map(({ path, record }) => [path, record.title || path]));
  const rows = report.coverage.map((entry) => [
    entry.id,
    entry.status,
    `${entry.ready.length} ready`,
    `${entry.stories.length} claimed`,
    entry.stories.map((path) => (entry.ready.includes(path) ? '✓ ' : '· ') + titleOf.get(path)).join('; ') || '—',
  ]);
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column].length)));
  const statusColor = { covered: palette.green, thin: palette.yellow, gap: palette.red };
  for (const [index, row] of rows.entries()) {
    const status = report.coverage[index].status;
    out.push(
      `  ${row[0].padEnd(widths[0])}  ${statusColor[status](row[1].padEnd(widths[1]))}  ${row[2].padStart(widths[2])}  ${row[3].padStart(widths[3])}  ${row[4]}`,
    );
  }
  out.push('');
  const storyCount = report.stories.length;
  out.push(
    `${countOf(storyCount, 'story', 'stories')}: ${countOf(counts[0], 'error')}, ${countOf(counts[1], 'warning')}, ` +
      `${counts[2]} info, ${countOf(counts[3], 'hint')}` +
      (report.errors.length ? `; ${countOf(report.errors.length, 'file')} could not be checked` : ''),
  );
  write(out.join('\n') + '\n');
}

function textRecord(record: StoryRecord): TextRecord | undefined {
  const bytes = record.text();
  try {
    return bytes && (JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8')) as TextRecord);
  } catch {
    return undefined;
  }
}

function failed(): never {
  throw new Error('the result cache is damaged; run again with --no-cache');
}

/**
 * A story's findings in the plain text format, from its record's lines: the path, then each line behind two spaces
 * and the path, then a blank line. Undefined when the lines do not match the count of findings.
 */
function plainLines(path: string, bytes: Uint8Array | undefined, findings: number): string | undefined {
  const lines = bytes && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8').split('\n');
  if (!lines || lines.length !== findings) return undefined;
  return `${path}\n  ${path}${lines.join(`\n  ${path}`)}\n\n`;
}
