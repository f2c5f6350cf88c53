// A content-hash cache of lint results for the CLI and its MCP server. It hashes with node:crypto, so it lives
// beside them rather than in the core; it does no file I/O itself. It is keyed by the SHA-256 of the story text,
// and the whole cache is stamped with the core version and a fingerprint of the configuration, so a cached
// result is only ever returned for the exact text, rules and settings that produced it.
// Only what the CLI and its JSON need is kept: never the parsed story, which is large.
import { createHash } from 'node:crypto';
import type { StorySummary } from '../core/lint';

/** Bump when the shape of a cached entry or of the serialized cache changes. */
export const CACHE_SCHEMA = 3;

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
  files?: Record<string, FileStamp>;
  savedAt?: number;
  entries: Record<string, CachedResult>;
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
    if (!data.entries || typeof data.entries !== 'object') return cache;
    for (const [key, entry] of Object.entries(data.entries)) {
      if (/^[0-9a-f]{64}$/.test(key) && isCachedResult(entry)) cache.entries.set(key, entry);
    }
    cache.meta = data.meta;
    cache.savedAt = typeof data.savedAt === 'number' ? data.savedAt : 0;
    for (const [file, stamp] of Object.entries(data.files ?? {})) {
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
    const entries: Record<string, CachedResult> = {};
    for (const [key, entry] of this.entries) {
      if (!options.onlyUsed || this.used.has(key)) entries[key] = entry;
    }
    const files: Record<string, FileStamp> = {};
    for (const [file, stamp] of this.stamps) if (entries[stamp.key]) files[file] = stamp;
    return { schema: CACHE_SCHEMA, ...this.stamp, meta: this.meta, entries, files, savedAt: options.savedAt ?? this.savedAt };
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

function isCachedResult(value: unknown): value is CachedResult {
  if (!value || typeof value !== 'object') return false;
  const entry = value as Partial<CachedResult>;
  return (
    typeof entry.isStory === 'boolean' &&
    typeof entry.title === 'string' &&
    Array.isArray(entry.questions) &&
    typeof entry.words === 'number' &&
    typeof entry.seconds === 'number' &&
    !!entry.filters &&
    typeof entry.filters === 'object' &&
    Array.isArray(entry.findings)
  );
}
