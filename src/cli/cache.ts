// A content-hash cache of lint results for the CLI and its MCP server. It hashes with node:crypto, so it lives
// beside them rather than in the core; it does no file I/O itself. It is keyed by the SHA-256 of the story text,
// and the whole cache is stamped with the core version and a fingerprint of the configuration, so a cached
// result is only ever returned for the exact text, rules and settings that produced it.
// Only what the CLI and its JSON need is kept: never the parsed story, which is large.
import { createHash } from 'node:crypto';
import type { SectionTime, StorySummary } from '../core/lint';
import type { FilterId } from '../core/rules/rule';
import type { Finding, Range } from '../core/types';
import { storyRecord, type StoryRecord } from './report';

/** Bump when the shape of a cached entry or of the cache file changes. */
export const CACHE_SCHEMA = 5;

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

// A result's compact form in the cache file. A bank's results repeat the same rule and message ids, severities,
// messages, docs URLs, question ids and section kinds thousands of times, and their positions are small objects:
// as arrays, with each such string an index into one table, 1,000 results take about 1 MB instead of 3.5 MB.
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

/**
 * A result known from the cache file. The record the report prints is at hand; the full result is decoded from the
 * file only when one of its other fields is read (a warm CLI run reads none).
 */
export class StoredResult implements CachedResult {
  private decoded: CachedResult | undefined;
  constructor(
    readonly record: StoryRecord,
    private readonly decode: () => CachedResult | undefined,
  ) {}
  private get full(): CachedResult {
    this.decoded ??= this.decode();
    if (!this.decoded) throw new Error('the cached result is damaged');
    return this.decoded;
  }
  get isStory() {
    return this.record.isStory;
  }
  get title() {
    return this.full.title;
  }
  get questions() {
    return this.record.questions;
  }
  get ready() {
    return this.record.ready;
  }
  get words() {
    return this.full.words;
  }
  get seconds() {
    return this.full.seconds;
  }
  get filters() {
    return this.full.filters;
  }
  get evidence() {
    return this.full.evidence;
  }
  get sectionTimes() {
    return this.full.sectionTimes;
  }
  get findings() {
    return this.full.findings;
  }
}

// The cache file: a line with the byte length of the header, the header (one line of JSON: stamps, the string
// table, an index of the entries and the file stamps), then the entries' bytes in four sections, each read only
// when first needed: every story's JSON (copied to a warm run's output as it is), its plain text lines, its
// text record (for colours and evidence) and its packed result (decoded only if a full result is read).
const SECTIONS = ['json', 'lines', 'text', 'packed'] as const;
type Section = (typeof SECTIONS)[number];

interface CacheHeader<M> extends CacheStamp {
  schema: number;
  /** Anything the owner wants to keep beside the entries (the CLI keeps the resolved config). */
  meta?: M;
  /** When the file was written (ms since the epoch): file stamps around then are not trusted. */
  savedAt?: number;
  /** The strings the entries share, which they name by their index here. */
  strings: string[];
  /** The byte length of each section, in the order of SECTIONS: a file of another length is damaged. */
  sections: number[];
  entries: EntryIndex[];
  /** File stamps, naming their entry by its position in `entries`. */
  files: [path: string, size: number, mtimeMs: number, ino: number, entry: number][];
}

/** An entry's key, where each of its parts lies in its section (offset and length), and the record's small fields. */
type EntryIndex = [
  key: string,
  ...parts: [jsonAt: number, jsonBytes: number, linesAt: number, linesBytes: number, textAt: number, textBytes: number, packedAt: number, packedBytes: number],
  isStory: 0 | 1,
  title: string,
  questions: number[],
  ready: number[],
  counts: number[],
];

interface Entry {
  result?: CachedResult;
  record?: StoryRecord;
  /** Read from the file and not decoded yet. */
  stored?: EntryIndex;
}

/** A cache file as bytes at positions, so that a run reads only the parts it needs. */
export interface CacheSource {
  size: number;
  /** Throws when the bytes cannot all be read. */
  readAt(position: number, length: number): Uint8Array;
  close?(): void;
}

/** A cache file already in memory. */
export const bytesSource = (bytes: Uint8Array): CacheSource => ({
  size: bytes.length,
  readAt: (position, length) => bytes.subarray(position, position + length),
});

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;
const utf8 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
const LENGTH_LINE_MAX = 16;

export class ResultCache<M = unknown> {
  private readonly entries = new Map<string, Entry>();
  private readonly stamps = new Map<string, FileStamp>();
  private stampsChanged = false;
  private savedAt = 0;
  private source: CacheSource | undefined;
  /** Where each section starts in the file, and its length. */
  private sectionAt: Record<Section, [number, number]> | undefined;
  private readonly sections: Partial<Record<Section, Uint8Array>> = {};
  private strings: readonly string[] = [];
  /** Keys looked up or stored since creation: what `serialize({ onlyUsed: true })` keeps. */
  private readonly used = new Set<string>();
  hits = 0;
  misses = 0;
  meta: M | undefined;

  constructor(readonly stamp: CacheStamp) {}

  /**
   * Restores a cache file (see `serialize`). A file written by another schema, core version or configuration,
   * or one that is damaged or cut short, gives an empty cache; a damaged entry is a miss.
   */
  static read<M>(source: CacheSource | undefined, stamp: CacheStamp): ResultCache<M> {
    const cache = new ResultCache<M>(stamp);
    if (!source) return cache;
    const unusable = () => {
      source.close?.();
      return cache;
    };
    let header: Partial<CacheHeader<M>>;
    let bodyAt: number;
    try {
      const start = source.readAt(0, Math.min(LENGTH_LINE_MAX, source.size));
      const newline = start.indexOf(0x0a);
      const headerBytes = Number(utf8(start.subarray(0, newline)));
      if (newline < 1 || !isCount(headerBytes) || newline + 1 + headerBytes > source.size) return unusable();
      header = JSON.parse(utf8(source.readAt(newline + 1, headerBytes)));
      bodyAt = newline + 1 + headerBytes;
    } catch {
      return unusable();
    }
    if (!header || typeof header !== 'object') return unusable();
    if (header.schema !== CACHE_SCHEMA || header.coreVersion !== stamp.coreVersion || header.configFingerprint !== stamp.configFingerprint) return unusable();
    const { sections, entries, files, strings } = header;
    if (!Array.isArray(sections) || sections.length !== SECTIONS.length || !sections.every(isCount)) return unusable();
    if (!Array.isArray(entries) || !Array.isArray(files) || !Array.isArray(strings)) return unusable();
    if (bodyAt + sections.reduce((sum, length) => sum + length, 0) !== source.size) return unusable();
    cache.source = source;
    cache.strings = strings;
    let at = bodyAt;
    cache.sectionAt = {} as Record<Section, [number, number]>;
    SECTIONS.forEach((name, index) => {
      cache.sectionAt![name] = [at, sections[index]];
      at += sections[index];
    });
    const keys: (string | undefined)[] = [];
    for (const index of entries) {
      const key = Array.isArray(index) && typeof index[0] === 'string' && /^[0-9a-f]{64}$/.test(index[0]) ? index[0] : undefined;
      keys.push(key);
      if (key) cache.entries.set(key, { stored: index });
    }
    cache.meta = header.meta;
    cache.savedAt = typeof header.savedAt === 'number' ? header.savedAt : 0;
    for (const packed of files) {
      const [file, size, mtimeMs, ino, entry] = Array.isArray(packed) ? packed : [];
      const stamp = { size, mtimeMs, ino, key: isCount(entry) ? keys[entry] : undefined };
      if (typeof file === 'string' && isFileStamp(stamp) && cache.entries.has(stamp.key)) cache.stamps.set(file, stamp);
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

  /** Entries held, including any from the file not yet decoded (a damaged one is dropped when first used). */
  get size(): number {
    return this.entries.size;
  }

  /** Looks a text up by its hash (see `keyOf`). */
  getByKey(key: string): CachedResult | undefined {
    this.used.add(key);
    const entry = this.entries.get(key);
    const result = entry && this.resultOf(key, entry);
    if (result) this.hits++;
    else this.misses++;
    return result;
  }

  get(text: string): CachedResult | undefined {
    return this.getByKey(ResultCache.keyOf(text));
  }

  /** The text with this key as a StoredResult: its record at hand, its full result decoded only if read. */
  storedByKey(key: string): StoredResult | undefined {
    const record = this.recordByKey(key);
    if (!record) return undefined;
    this.hits++;
    return new StoredResult(record, () => {
      const entry = this.entries.get(key);
      return entry && this.resultOf(key, entry);
    });
  }

  /** What the report prints of the text with this key (see StoryRecord): read from the file, or rendered once from the result. */
  recordByKey(key: string): StoryRecord | undefined {
    this.used.add(key);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (!entry.record) {
      if (entry.stored) entry.record = this.storedRecord(entry.stored);
      else if (entry.result) entry.record = storyRecord(entry.result);
      if (!entry.record) this.entries.delete(key);
    }
    return entry.record;
  }

  /** A full StoryResult is copied down to its cacheable fields; an already slim result is stored as it is. */
  setByKey(key: string, result: CachedResult): void {
    this.used.add(key);
    this.entries.set(key, { result: 'story' in result ? toCachedResult(result) : result });
  }

  set(text: string, result: CachedResult): void {
    this.setByKey(ResultCache.keyOf(text), result);
  }

  /** True when some stored entry was not looked up or stored in this run (saving with `onlyUsed` would drop it). */
  hasUnused(): boolean {
    for (const key of this.entries.keys()) if (!this.used.has(key)) return true;
    return false;
  }

  /** The cache file's bytes. `onlyUsed` drops entries of texts not seen in this run, so a cache of one bank does not grow forever. */
  serialize(options: { onlyUsed?: boolean; savedAt?: number } = {}): Buffer {
    const table = new StringTable();
    const of = (value: string) => table.of(value);
    const entries: EntryIndex[] = [];
    const positions = new Map<string, number>();
    const parts: Record<Section, Uint8Array[]> = { json: [], lines: [], text: [], packed: [] };
    const lengths: Record<Section, number> = { json: 0, lines: 0, text: 0, packed: 0 };
    const add = (section: Section, bytes: Uint8Array): [number, number] => {
      parts[section].push(bytes);
      lengths[section] += bytes.length;
      return [lengths[section] - bytes.length, bytes.length];
    };
    for (const [key, entry] of [...this.entries]) {
      if (options.onlyUsed && !this.used.has(key)) continue;
      const result = this.resultOf(key, entry);
      const record = result && this.recordByKey(key);
      if (!result || !record) continue;
      positions.set(key, entries.length);
      entries.push([
        key,
        ...add('json', record.json),
        ...add('lines', record.lines() ?? storyRecord(result).lines()!),
        ...add('text', record.text() ?? storyRecord(result).text()!),
        ...add('packed', Buffer.from(JSON.stringify(pack(result, table)), 'utf8')),
        record.isStory ? 1 : 0,
        record.title,
        record.questions.map(of),
        record.ready.map(of),
        record.counts,
      ]);
    }
    const files: CacheHeader<M>['files'] = [];
    for (const [file, stamp] of this.stamps) {
      const entry = positions.get(stamp.key);
      if (entry !== undefined) files.push([file, stamp.size, stamp.mtimeMs, stamp.ino, entry]);
    }
    const header: CacheHeader<M> = {
      schema: CACHE_SCHEMA,
      ...this.stamp,
      meta: this.meta,
      savedAt: options.savedAt ?? this.savedAt,
      strings: table.strings,
      sections: SECTIONS.map((section) => lengths[section]),
      entries,
      files,
    };
    const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
    return Buffer.concat([Buffer.from(`${headerBytes.length}\n`), headerBytes, ...SECTIONS.flatMap((section) => parts[section])]);
  }

  /** An entry's part, if it lies inside its section; the section is read from the file when first needed. */
  private part(section: Section, at: unknown, length: unknown): Uint8Array | undefined {
    if (!this.source || !this.sectionAt) return undefined;
    const [start, sectionBytes] = this.sectionAt[section];
    if (!isCount(at) || !isCount(length) || at + length > sectionBytes) return undefined;
    try {
      const bytes = (this.sections[section] ??= this.source!.readAt(start, sectionBytes));
      return bytes.subarray(at, at + length);
    } catch {
      return undefined;
    }
  }

  /** Lets go of the cache file: what was not read from it by now is a miss. */
  close(): void {
    this.source?.close?.();
    this.source = undefined;
  }

  private resultOf(key: string, entry: Entry): CachedResult | undefined {
    if (!entry.result && entry.stored) {
      try {
        const packed = this.part('packed', entry.stored[7], entry.stored[8]);
        if (!packed) throw new Error('outside the file');
        entry.result = unpack(JSON.parse(utf8(packed)), this.strings);
      } catch {
        // A damaged entry is a miss: the story is checked again.
        this.entries.delete(key);
      }
    }
    return entry.result;
  }

  /** The record an entry's index and bytes describe; undefined when they do not hold together. */
  private storedRecord(index: EntryIndex): StoryRecord | undefined {
    if (index.length !== 14) return undefined;
    const [, jsonAt, jsonBytes, linesAt, linesBytes, textAt, textBytes, , , isStory, title, questions, ready, counts] = index;
    if (typeof title !== 'string' || !Array.isArray(questions) || !Array.isArray(ready) || !Array.isArray(counts)) return undefined;
    if (counts.length !== 4 || !counts.every(isCount)) return undefined;
    const strings: string[] = [];
    for (const at of questions) strings.push(this.strings[at]);
    for (const at of ready) strings.push(this.strings[at]);
    if (!strings.every((value) => typeof value === 'string')) return undefined;
    const json = this.part('json', jsonAt, jsonBytes);
    if (!json) return undefined;
    // A story's JSON opens with a field six spaces in and closes with its brace four spaces in.
    if (json[0] !== 0x20 || json[6] !== 0x22 || json[jsonBytes - 1] !== 0x7d || json[jsonBytes - 6] !== 0x0a) return undefined;
    return {
      isStory: isStory === 1,
      title,
      questions: strings.slice(0, questions.length),
      ready: strings.slice(questions.length),
      counts: counts as StoryRecord['counts'],
      json,
      lines: () => this.part('lines', linesAt, linesBytes),
      text: () => this.part('text', textAt, textBytes),
    };
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
