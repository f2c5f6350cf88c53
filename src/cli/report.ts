// Imports reach into the core module by module (not through its index) so that the CLI's light half, which
// answers warm runs from the cache, does not load the parser and the rules.
import type { CachedResult } from './cache';
import type { ResolvedConfig } from '../core/config';
import { computeCoverage, type CoverageEntry, type IndexedStory } from '../core/coverage';
import { FILTER_RULE_IDS, filterVerdict, type FilterId } from '../core/rules/rule';
import type { Finding, Range } from '../core/types';

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

export function buildReport(config: ResolvedConfig, stories: ReportStory[], errors: BankError[]): BankReport {
  // computeCoverage reads only the fields a CachedResult keeps (isStory, questions, filters, findings).
  return { config, stories, coverage: computeCoverage(config.profile, stories as unknown as IndexedStory[]), errors };
}

/** The stable `--format json` shape (version 1). Add fields; never change one. */
export function toJson(report: BankReport) {
  return {
    version: 1,
    profile: report.config.profile.id,
    stories: report.stories.map(storyToJson),
    coverage: report.coverage.map((entry) => ({
      id: entry.id,
      title: entry.title,
      status: entry.status,
      stories: entry.stories,
      ready: entry.ready,
    })),
    errors: report.errors,
  };
}

// Plain object literals rather than Object.fromEntries and spreads: a warm run of a large bank builds these
// for every story and finding it prints, and little else.
function storyToJson({ path, result }: ReportStory) {
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
    path,
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

/** Stories per JSON.stringify call in writeJson. */
const JSON_BATCH = 64;

/**
 * Writes exactly `JSON.stringify(toJson(report), null, 2) + '\n'`, a batch of stories at a time, so that a large
 * bank never holds its whole JSON text (and a copy of every story) in memory at once. Each batch is indented by
 * JSON.stringify itself, as the `stories` list of an object, so its lines come out as deep as in the whole text
 * (re-indenting each story's text with a regular expression took longer than building and stringifying it).
 */
export function writeJson(report: BankReport, write: (chunk: string) => void): void {
  const marker = '"\\u0000stories\\u0000"'; // how JSON.stringify writes the placeholder below
  const shell = JSON.stringify({ ...toJson({ ...report, stories: [] }), stories: '\u0000stories\u0000' }, null, 2) + '\n';
  const at = shell.indexOf(marker);
  if (at < 0 || report.stories.length === 0) {
    write(JSON.stringify(toJson(report), null, 2) + '\n');
    return;
  }
  const opening = '{\n  "stories": [\n';
  const closing = '\n  ]\n}';
  write(shell.slice(0, at) + '[\n');
  for (let start = 0; start < report.stories.length; start += JSON_BATCH) {
    const batch = JSON.stringify({ stories: report.stories.slice(start, start + JSON_BATCH).map(storyToJson) }, null, 2);
    write((start ? ',\n' : '') + batch.slice(opening.length, batch.length - closing.length));
  }
  write('\n  ]' + shell.slice(at + marker.length));
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

/** `path:line:column` of a range's start, 1-based. */
function where(path: string, range: Range): string {
  return `${path}:${range.start.line + 1}:${range.start.character + 1}`;
}

/** 0-based core positions as the contract's 1-based lines and columns. */
function toLineColumns(range: Range) {
  return { line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

export function hasErrors(report: BankReport): boolean {
  return report.errors.length > 0 || report.stories.some(({ result }) => result.findings.some((finding) => finding.severity === 'error'));
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

/** `path:line:col severity message [rule]`, grouped by file (with `evidence`, each filter's verdict and quote), then the coverage table. */
export function toText(report: BankReport, palette: Palette, options: { evidence?: boolean } = {}): string {
  const out: string[] = [];
  const severityLabel = { error: palette.red('error'), warning: palette.yellow('warning'), info: palette.blue('info'), hint: palette.dim('hint') };
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const { path, result } of report.stories) {
    if (result.findings.length === 0 && !options.evidence) continue;
    out.push(palette.bold(path));
    if (options.evidence) {
      for (const id of FILTER_RULE_IDS) {
        const evidence = result.evidence[id];
        out.push(
          evidence
            ? `  ${palette.green(filterVerdict(id, true))} ${where(path, evidence.range)} "${evidence.text.replace(/\s+/g, ' ').trim()}"`
            : `  ${palette.red(filterVerdict(id, false))}`,
        );
      }
    }
    for (const finding of result.findings) {
      counts[finding.severity]++;
      out.push(`  ${where(path, finding.range)} ${severityLabel[finding.severity]} ${finding.message} ${palette.dim(`[${finding.ruleId}]`)}`);
    }
    out.push('');
  }
  for (const error of report.errors) {
    const at = error.line ? `${error.path}:${error.line}:${error.column ?? 1}` : error.path;
    out.push(`${at} ${palette.red('error')} ${error.message}`);
  }
  if (report.errors.length) out.push('');

  out.push(palette.bold(`Coverage (${report.config.profile.id})`));
  const titleOf = new Map(report.stories.map(({ path, result }) => [path, result.title || path]));
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
    `${countOf(storyCount, 'story', 'stories')}: ${countOf(counts.error, 'error')}, ${countOf(counts.warning, 'warning')}, ` +
      `${counts.info} info, ${countOf(counts.hint, 'hint')}` +
      (report.errors.length ? `; ${countOf(report.errors.length, 'file')} could not be checked` : ''),
  );
  return out.join('\n') + '\n';
}
