// A content-hash cache of lint results for the CLI and its MCP server. It hashes with node:crypto, so it lives
// beside them rather than in the core; it does no file I/O itself. It is keyed by the SHA-256 of the story text,
// and the whole cache is stamped with the core version and a fingerprint of the configuration, so a cached
// result is only ever returned for the exact text, rules and settings that produced it.
// Only what the CLI and its JSON need is kept: never the parsed story, which is large.
import { createHash } from 'node:crypto';
import type { SectionTime, StorySummary } from '../core/lint';
import type { FilterId } from '../core/rules/rule';
import type { Finding, Range } from '../core/types';

/** Bump when the shape of a cached entry or of the serialized cache changes. */
export const CACHE_SCHEMA = 4;

/** The part of a StoryResult that survives caching. */
export type CachedResult = StorySummary;

export interface CacheStamp {
  /** Package version plus a hash of the code that produced the results. */
  coreVersion: string;
  /** `configFingerprint()` of whatever determines the resolved configuration. */
  configFingerprint: string;
}

/**
 * What a file looked like when its text had a given key: a later run that sees the same size, modification time
 * and inode can take the key without reading the file (ESLint's metadata cache strategy).
 */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ino: number;
  key: string;
}

/** A stamp this close to the time the cache was written (or later) may hide a second write in the same tick. */
const RACY_MS = 2000;

export interface SerializedCache<M = unknown> extends CacheStamp {
  schema: number;
  /** Anything the owner wants to keep beside the entries (the CLI keeps the resolved config). */
  meta?: M;
  /** File stamps by path, and when they were written (ms since the epoch). */
  files?: Record<string, PackedStamp>;
  savedAt?: number;
  /** The strings the entries share, which they name by their index here. */
  strings: string[];
  entries: Record<string, PackedResult>;
}

// The cache file's compact form. A bank's results repeat the same rule and message ids, severities, messages,
// docs URLs, question ids and section kinds thousands of times, and their positions are small objects: as
// arrays, with each such string an index into one table, the file of a 1,000-story bank is about 1 MB instead
// of 3.5 MB, and it is read about four times as fast (what a warm run spends most of its time on).
type PackedStamp = [size: number, mtimeMs: number, ino: number, key: string];
type PackedRange = [startLine: number, startCharacter: number, endLine: number, endCharacter: number];
type PackedEvidence = [filter: number, spanStart: number, spanEnd: number, ...range: PackedRange, text: string];
/** The budget's min and max follow when the section has one. */
type PackedSection = [kind: number, title: string, spanStart: number, spanEnd: number, seconds: number, min?: number, max?: number];
type PackedFix = [title: number, edits: [spanStart: number, spanEnd: number, newText: number][]];
/** The question follows when the finding is about one. */
type PackedFinding = [
  ruleId: number,
  messageId: number,
  severity: number,
  message: number,
  spanStart: number,
  spanEnd: number,
  ...range: PackedRange,
  docsUrl: number,
  fixes: PackedFix[],
  question?: number,
];
export type PackedResult = [
  isStory: 0 | 1,
  title: string,
  questions: number[],
  words: number,
  seconds: number,
  filters: [id: number, passed: 0 | 1][],
  evidence: PackedEvidence[],
  ready: number[],
  sectionTimes: PackedSection[],
  findings: PackedFinding[],
];

/** Numbers the strings of the results being packed. */
class StringTable {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();
  of(value: string): number {
    let at = this.index.get(value);
    if (at === undefined) {
      at = this.strings.length;
      this.strings.push(value);
      this.index.set(value, at);
    }
    return at;
  }
}

const packRange = (range: Range): PackedRange => [range.start.line, range.start.character, range.end.line, range.end.character];

function pack(result: CachedResult, table: StringTable): PackedResult {
  const of = (value: string) => table.of(value);
  return [
    result.isStory ? 1 : 0,
    result.title,
    result.questions.map(of),
    result.words,
    result.seconds,
    Object.entries(result.filters).map(([id, passed]) => [of(id), passed ? 1 : 0]),
    Object.entries(result.evidence).map(([id, evidence]) => [of(id), evidence.span.start, evidence.span.end, ...packRange(evidence.range), evidence.text]),
    result.ready.map(of),
    result.sectionTimes.map((section): PackedSection => {
      const packed: PackedSection = [of(section.kind), section.title, section.headingSpan.start, section.headingSpan.end, section.seconds];
      if (section.budget) packed.push(section.budget.min, section.budget.max);
      return packed;
    }),
    result.findings.map((finding): PackedFinding => {
      const packed: PackedFinding = [
        of(finding.ruleId),
        of(finding.messageId),
        of(finding.severity),
        of(finding.message),
        finding.span.start,
        finding.span.end,
        ...packRange(finding.range),
        of(finding.docsUrl),
        finding.fixes.map((fix) => [of(fix.title), fix.edits.map((edit) => [edit.span.start, edit.span.end, of(edit.newText)])]),
      ];
      if (finding.question !== undefined) packed.push(of(finding.question));
      return packed;
    }),
  ];
}

/**
 * The result a packed entry stands for. Like the cache before it, this checks the entry's outline (its lists,
 * numbers and strings at the top) and trusts what is inside; a damaged entry fails the check or throws.
 */
function unpack(packed: unknown, strings: readonly string[]): CachedResult {
  if (!Array.isArray(packed) || packed.length !== 10) throw new Error('not a packed result');
  const [isStory, title, questions, words, seconds, filters, evidence, ready, sectionTimes, findings] = packed as unknown[];
  if (typeof title !== 'string' || typeof words !== 'number' || typeof seconds !== 'number') throw new Error('not a packed result');
  for (const list of [questions, filters, evidence, ready, sectionTimes, findings]) if (!Array.isArray(list)) throw new Error('not a packed result');
  const string = (at: number): string => {
    const value = strings[at];
    if (typeof value !== 'string') throw new Error('a string index outside the table');
    return value;
  };
  const result: CachedResult = {
    isStory: isStory === 1,
    title,
    questions: (questions as number[]).map(string),
    words,
    seconds,
    filters: {} as CachedResult['filters'],
    evidence: {},
    ready: (ready as number[]).map(string),
    sectionTimes: [],
    findings: [],
  };
  for (const [id, passed] of filters as [number, number][]) result.filters[string(id) as FilterId] = passed === 1;
  for (const item of evidence as PackedEvidence[]) {
    result.evidence[string(item[0]) as FilterId] = {
      span: { start: item[1], end: item[2] },
      range: { start: { line: item[3], character: item[4] }, end: { line: item[5], character: item[6] } },
      text: item[7],
    };
  }
  for (const item of sectionTimes as PackedSection[]) {
    const section: SectionTime = {
      kind: string(item[0]) as SectionTime['kind'],
      title: item[1],
      headingSpan: { start: item[2], end: item[3] },
      seconds: item[4],
    };
    if (item.length > 5) section.budget = { min: item[5]!, max: item[6]! };
    result.sectionTimes.push(section);
  }
  for (const item of findings as PackedFinding[]) {
    const finding: Finding = {
      ruleId: string(item[0]),
      messageId: string(item[1]),
      severity: string(item[2]) as Finding['severity'],
      message: string(item[3]),
      span: { start: item[4], end: item[5] },
      range: { start: { line: item[6], character: item[7] }, end: { line: item[8], character: item[9] } },
      docsUrl: string(item[10]),
      fixes: item[11].map(([fixTitle, edits]) => ({
        title: string(fixTitle),
        edits: edits.map(([start, end, newText]) => ({ span: { start, end }, newText: string(newText) })),
      })),
    };
    if (item.length > 12) finding.question = string(item[12]!);
    result.findings.push(finding);
  }
  return result;
}

declare const STORYBANK_ENGINE_HASH: string | undefined;

/** The SHA-256 of dist/check-worker.js, written into dist/cli.js as both are built (scripts/cli-bundles.mjs); undefined in any other build. */
export function builtEngineHash(): string | undefined {
  return typeof STORYBANK_ENGINE_HASH === 'string' ? STORYBANK_ENGINE_HASH : undefined;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A hash of any JSON-like value that does not depend on key order. */
export function configFingerprint(value: unknown): string {
  return sha256(stableStringify(value));
}

export function stableStringify(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined && typeof item !== 'function')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableStringify(item)}`).join(',')}}`;
}

/** Copies the cacheable fields of a lint result; the parsed story is dropped. */
export function toCachedResult(result: CachedResult): CachedResult {
  return {
    isStory: result.isStory,
    title: result.title,
    questions: [...result.questions],
    words: result.words,
    seconds: result.seconds,
    filters: { ...result.filters },
    evidence: Object.fromEntries(
      Object.entries(result.evidence).map(([id, evidence]) => [
        id,
        {
          span: { start: evidence.span.start, end: evidence.span.end },
          range: { start: { ...evidence.range.start }, end: { ...evidence.range.end } },
          text: evidence.text,
        },
      ]),
    ),
    ready: [...result.ready],
    sectionTimes: result.sectionTimes.map((section) => ({
      kind: section.kind,
      title: section.title,
      headingSpan: { start: section.headingSpan.start, end: section.headingSpan.end },
      seconds: section.seconds,
      ...(section.budget ? { budget: { min: section.budget.min, max: section.budget.max } } : {}),
    })),
    findings: result.findings.map((finding) => ({
      ruleId: finding.ruleId,
      messageId: finding.messageId,
      severity: finding.severity,
      message: finding.message,
      span: { start: finding.span.start, end: finding.span.end },
      range: {
        start: { line: finding.range.start.line, character: finding.range.start.character },
        end: { line: finding.range.end.line, character: finding.range.end.character },
      },
      docsUrl: finding.docsUrl,
      fixes: finding.fixes.map((fix) => ({
        title: fix.title,
        edits: fix.edits.map((edit) => ({ span: { start: edit.span.start, end: edit.span.end }, newText: edit.newText })),
      })),
      ...(finding.question ? { question: finding.question } : {}),
    })),
  };
}

export class ResultCache<M = unknown> {
  private readonly entries = new Map<string, CachedResult>();
  private readonly stamps = new Map<string, FileStamp>();
  private stampsChanged = false;
  private savedAt = 0;
  /** Keys looked up or stored since creation: what `toJSON({ onlyUsed: true })` keeps. */
  private readonly used = new Set<string>();
  hits = 0;
  misses = 0;
  meta: M | undefined;

  constructor(readonly stamp: CacheStamp) {}

  /** Restores a serialized cache; anything written by another schema, core version or configuration is dropped. */
  static fromJSON<M>(json: unknown, stamp: CacheStamp): ResultCache<M> {
    const cache = new ResultCache<M>(stamp);
    if (!json || typeof json !== 'object') return cache;
    const data = json as Partial<SerializedCache<M>>;
    if (data.schema !== CACHE_SCHEMA || data.coreVersion !== stamp.coreVersion || data.configFingerprint !== stamp.configFingerprint) return cache;
    if (!data.entries || typeof data.entries !== 'object' || !Array.isArray(data.strings)) return cache;
    for (const [key, entry] of Object.entries(data.entries)) {
      if (!/^[0-9a-f]{64}$/.test(key)) continue;
      try {
        cache.entries.set(key, unpack(entry, data.strings));
      } catch {
        // A damaged entry is a miss: the story is checked again.
      }
    }
    cache.meta = data.meta;
    cache.savedAt = typeof data.savedAt === 'number' ? data.savedAt : 0;
    for (const [file, packed] of Object.entries(data.files ?? {})) {
      const [size, mtimeMs, ino, key] = Array.isArray(packed) ? packed : [];
      const stamp = { size, mtimeMs, ino, key };
      if (isFileStamp(stamp) && cache.entries.has(stamp.key)) cache.stamps.set(file, stamp);
    }
    return cache;
  }

  /**
   * The key of a file's text, known from its stamp without reading it: when the size, modification time and inode
   * match what was recorded, and the file was not modified around the time the record was written.
   */
  keyByStamp(file: string, stat: Omit<FileStamp, 'key'>): string | undefined {
    const known = this.stamps.get(file);
    if (!known || known.size !== stat.size || known.mtimeMs !== stat.mtimeMs || known.ino !== stat.ino) return undefined;
    if (known.mtimeMs >= this.savedAt - RACY_MS) return undefined;
    return this.entries.has(known.key) ? known.key : undefined;
  }

  setStamp(file: string, stamp: FileStamp): void {
    const known = this.stamps.get(file);
    if (known && known.key === stamp.key && known.size === stamp.size && known.mtimeMs === stamp.mtimeMs && known.ino === stamp.ino) return;
    this.stamps.set(file, stamp);
    this.stampsChanged = true;
  }

  /** Whether saving would record something new: a stamp, or a stamp that is no longer racy. */
  get hasNewStamps(): boolean {
    if (this.stampsChanged) return true;
    for (const stamp of this.stamps.values()) if (stamp.mtimeMs >= this.savedAt - RACY_MS) return true;
    return false;
  }

  static keyOf(text: string): string {
    return sha256(text);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Looks a text up by its hash (see `keyOf`). */
  getByKey(key: string): CachedResult | undefined {
    this.used.add(key);
    const entry = this.entries.get(key);
    if (entry) this.hits++;
    else this.misses++;
    return entry;
  }

  get(text: string): CachedResult | undefined {
    return this.getByKey(ResultCache.keyOf(text));
  }

  /** A full StoryResult is copied down to its cacheable fields; an already slim result is stored as it is. */
  setByKey(key: string, result: CachedResult): void {
    this.used.add(key);
    this.entries.set(key, 'story' in result ? toCachedResult(result) : result);
  }

  set(text: string, result: CachedResult): void {
    this.setByKey(ResultCache.keyOf(text), result);
  }

  /** True when some stored entry was not looked up or stored in this run (saving with `onlyUsed` would drop it). */
  hasUnused(): boolean {
    for (const key of this.entries.keys()) if (!this.used.has(key)) return true;
    return false;
  }

  /** `onlyUsed` drops entries of texts not seen in this run, so a cache of one bank does not grow forever. */
  toJSON(options: { onlyUsed?: boolean; savedAt?: number } = {}): SerializedCache<M> {
    const table = new StringTable();
    const entries: Record<string, PackedResult> = {};
    for (const [key, entry] of this.entries) {
      if (!options.onlyUsed || this.used.has(key)) entries[key] = pack(entry, table);
    }
    const files: Record<string, PackedStamp> = {};
    for (const [file, stamp] of this.stamps) if (entries[stamp.key]) files[file] = [stamp.size, stamp.mtimeMs, stamp.ino, stamp.key];
    return { schema: CACHE_SCHEMA, ...this.stamp, meta: this.meta, strings: table.strings, entries, files, savedAt: options.savedAt ?? this.savedAt };
  }
}

function isFileStamp(value: unknown): value is FileStamp {
  const stamp = value as FileStamp;
  return (
    !!stamp &&
    typeof stamp === 'object' &&
    typeof stamp.size === 'number' &&
    typeof stamp.mtimeMs === 'number' &&
    typeof stamp.ino === 'number' &&
    typeof stamp.key === 'string'
  );
}

/**
 * Shares equal strings between results (rule ids, severities, docs URLs and messages repeat across a bank),
 * so that thousands of results read from JSON or received from worker threads take far less memory.
 */
export class StringInterner {
  private readonly strings = new Map<string, string>();
  intern(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }
  /** Interns the repeated strings of a result in place and returns it. */
  result(result: CachedResult): CachedResult {
    for (const finding of result.findings) {
      finding.ruleId = this.intern(finding.ruleId);
      finding.messageId = this.intern(finding.messageId);
      finding.severity = this.intern(finding.severity) as typeof finding.severity;
      finding.message = this.intern(finding.message);
      finding.docsUrl = this.intern(finding.docsUrl);
      for (const fix of finding.fixes) {
        fix.title = this.intern(fix.title);
        for (const edit of fix.edits) edit.newText = this.intern(edit.newText);
      }
    }
    result.questions = result.questions.map((id) => this.intern(id));
    return result;
  }
}
