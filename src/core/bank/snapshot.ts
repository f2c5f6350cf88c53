// A bank index's results kept between sessions: for each story file, the size and modification time it had, its
// text, and what its check said (the summary). An editor reopening a workspace takes a file's result from here when
// its size and modification time are unchanged, without reading it; when they changed but the text is the same (a
// checkout that touched the file), it takes the result after reading, without checking. The story itself is parsed
// again from the kept text only when something reads it (./../lint.ts, restoredResult). A snapshot belongs to one
// build of the engine and one resolved configuration: under any other, it is empty.
import type { ResolvedConfig } from '../config';
import { restoredResult, summaryOf, type StoryResult, type StorySummary } from '../lint';
import type { FileStat } from './host';
import type { StoryChecker } from './index';

/** Bump when the shape of the serialized snapshot changes. */
export const SNAPSHOT_SCHEMA = 1;

/** A file whose modification time is this close to when the snapshot was saved may have been written again in the same tick. */
const RACY_MS = 2000;

interface SnapshotRecord {
  size: number;
  mtimeMs: number;
  text: string;
  summary: StorySummary;
}

interface SerializedSnapshot {
  schema: number;
  engine: string;
  config: string;
  savedAt: number;
  files: Record<string, SnapshotRecord>;
}

/** What the kept results were computed with: the engine build and the resolved configuration, as strings. */
export interface SnapshotIdentity {
  engine: string;
  config: string;
}

export function snapshotIdentity(engine: string, config: ResolvedConfig): SnapshotIdentity {
  return { engine, config: JSON.stringify(config) };
}

export class IndexSnapshot {
  private readonly records = new Map<string, SnapshotRecord>();
  private changed = false;

  constructor(
    readonly identity: SnapshotIdentity,
    /** When the records were saved (ms since the epoch); 0 for records made in this session. */
    private readonly savedAt = 0,
  ) {}

  /** The snapshot in `json` when it was saved under `identity`; an empty one when it was not, or cannot be read. */
  static parse(json: string, identity: SnapshotIdentity): IndexSnapshot {
    let saved: Partial<SerializedSnapshot>;
    try {
      saved = JSON.parse(json) as Partial<SerializedSnapshot>;
    } catch {
      return new IndexSnapshot(identity);
    }
    const matches =
      saved?.schema === SNAPSHOT_SCHEMA &&
      saved.engine === identity.engine &&
      saved.config === identity.config &&
      typeof saved.savedAt === 'number' &&
      typeof saved.files === 'object' &&
      saved.files !== null;
    if (!matches) return new IndexSnapshot(identity);
    const snapshot = new IndexSnapshot(identity, saved.savedAt);
    for (const [path, record] of Object.entries(saved.files!)) {
      if (isRecord(record)) snapshot.records.set(path, record);
    }
    return snapshot;
  }

  get size(): number {
    return this.records.size;
  }

  /** True when a record was added or removed since the last `serialize`. */
  get dirty(): boolean {
    return this.changed;
  }

  /** The kept result of a file whose size and modification time are those recorded. */
  byStamp(path: string, stat: FileStat, config: ResolvedConfig): StoryResult | undefined {
    const record = this.records.get(path);
    if (!record || record.size !== stat.size || record.mtimeMs !== stat.mtimeMs) return undefined;
    if (this.savedAt > 0 && record.mtimeMs >= this.savedAt - RACY_MS) return undefined;
    return restoredResult(record.summary, record.text, config);
  }

  /** The kept result of a file read with exactly the recorded text; its stamp is brought up to date. */
  byText(path: string, stat: FileStat, text: string, config: ResolvedConfig): StoryResult | undefined {
    const record = this.records.get(path);
    if (!record || record.text !== text) return undefined;
    if (record.size !== stat.size || record.mtimeMs !== stat.mtimeMs) this.keep(path, { ...record, size: stat.size, mtimeMs: stat.mtimeMs });
    return restoredResult(record.summary, record.text, config);
  }

  /** Keeps what a check of a file's text on disk said. */
  record(path: string, stat: FileStat, text: string, result: StorySummary): void {
    this.keep(path, { size: stat.size, mtimeMs: stat.mtimeMs, text, summary: summaryOf(result) });
  }

  forget(path: string): void {
    if (this.records.delete(path)) this.changed = true;
  }

  /** Only the paths still in `paths` are kept (files gone or no longer in the bank are dropped). */
  retain(paths: ReadonlySet<string>): void {
    for (const path of [...this.records.keys()]) if (!paths.has(path)) this.forget(path);
  }

  serialize(savedAt: number): string {
    this.changed = false;
    const saved: SerializedSnapshot = { schema: SNAPSHOT_SCHEMA, ...this.identity, savedAt, files: Object.fromEntries(this.records) };
    return JSON.stringify(saved);
  }

  private keep(path: string, record: SnapshotRecord): void {
    this.records.set(path, record);
    this.changed = true;
  }
}

function isRecord(value: unknown): value is SnapshotRecord {
  const record = value as Partial<SnapshotRecord> | null;
  return (
    typeof record === 'object' &&
    record !== null &&
    typeof record.size === 'number' &&
    typeof record.mtimeMs === 'number' &&
    typeof record.text === 'string' &&
    typeof record.summary === 'object' &&
    record.summary !== null &&
    Array.isArray(record.summary.findings) &&
    Array.isArray(record.summary.questions) &&
    Array.isArray(record.summary.ready)
  );
}

export interface SnapshotSource {
  /** The snapshot to take results from and keep them in; undefined checks everything. */
  snapshot(): IndexSnapshot | undefined;
  /** True when the text the index reads for a path is not the file's (an editor's unsaved text): never kept or taken. */
  unsaved(path: string): boolean;
}

/**
 * A checker that takes an unchanged file's result from the snapshot (by its stamp before reading, by its text
 * after), checks the others with the checker it wraps, and keeps what a check of a file on disk said.
 */
export class SnapshotChecker implements StoryChecker<StoryResult> {
  /** Files whose result came from the snapshot, since the count was last reset. */
  reused = 0;
  /** What reading each file found, until its text is checked. */
  private readonly reads = new Map<string, FileStat>();

  constructor(
    private readonly inner: StoryChecker<StoryResult>,
    private readonly source: SnapshotSource,
  ) {}

  resolveConfig: StoryChecker<StoryResult>['resolveConfig'] = (source) => this.inner.resolveConfig(source);

  known(path: string, stat: FileStat, config: ResolvedConfig): StoryResult | undefined {
    const kept = this.source.unsaved(path) ? undefined : this.source.snapshot()?.byStamp(path, stat, config);
    if (kept) this.reused++;
    return kept;
  }

  onRead(path: string, stat: FileStat): void {
    if (!this.source.unsaved(path)) this.reads.set(path, stat);
  }

  checkText(text: string, config: ResolvedConfig, path?: string): StoryResult {
    if (path === undefined) return this.inner.checkText(text, config);
    const stat = this.source.unsaved(path) ? undefined : this.reads.get(path);
    this.reads.delete(path);
    if (!stat) return this.inner.checkText(text, config, path);
    const snapshot = this.source.snapshot();
    const kept = snapshot?.byText(path, stat, text, config);
    if (kept) {
      this.reused++;
      return kept;
    }
    const result = this.inner.checkText(text, config, path);
    snapshot?.record(path, stat, text, result);
    return result;
  }
}
