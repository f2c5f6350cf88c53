// `storybank check`: the bank index over the Node file system, with a checker that answers from the result
// cache where it can (by file metadata first, then by content hash) and checks the rest in this thread or, above
// the measured crossover, on worker threads.
import { availableParallelism } from 'node:os';
import { BankIndex, ConfigError, type ConfigOptions, type ConfigSource, type FileStat, type StoryChecker } from '../core/bank';
import type { ResolvedBankConfig } from '../core/bank/resolve-config';
import type { ResolvedConfig } from '../core/config';
import { ResultCache, StoredResult, StringInterner, type CachedResult } from './cache';
import { cacheFileFor, defaultCacheDir, loadCache, saveCache, type CacheMeta } from './cache-file';
import { loadEngine } from './engine-loader';
import { nodeHost } from './node-host';
import { Progress } from './progress';
import { storyRecord, type BankError, type RecordedStory, type StoryRecord } from './report';
import { PARALLEL_THRESHOLD, checkInWorkers } from './worker-pool';

const PROGRESS_THRESHOLD = 200;

export interface CheckOptions {
  configOptions: ConfigOptions;
  useCache: boolean;
  cacheDir: string | undefined;
  /** --jobs; undefined lets the CLI decide. */
  jobs: number | undefined;
}

export interface CheckStats {
  files: number;
  /** Files whose text was read: the others were known unchanged by their size, modification time and inode. */
  read: number;
  stories: number;
  cached: number;
  checked: number;
  jobs: number;
}

export { ConfigError };

class CachingChecker implements StoryChecker<CachedResult> {
  cache: ResultCache<CacheMeta> | undefined;
  private cacheFile: string | undefined;
  private meta: CacheMeta | undefined;
  private readonly keys = new Map<string, string>();
  /** Equal strings shared between results: a large bank's findings then take a fraction of the memory. */
  private readonly interner = new StringInterner();
  readonly stats = { stampHits: 0, read: 0, cached: 0, checked: 0, jobs: 0 };

  constructor(
    private readonly inputs: readonly string[],
    private readonly options: CheckOptions,
  ) {}

  resolveConfig(source: ConfigSource): ResolvedBankConfig {
    this.cacheFile = this.options.useCache ? cacheFileFor(this.inputs, this.options.cacheDir ?? defaultCacheDir()) : undefined;
    this.cache = loadCache(this.cacheFile, source);
    const cached = this.options.useCache ? this.cache.meta : undefined;
    if (cached) return { ok: true, ...cached };
    const resolved = loadEngine().resolveBankConfig(source);
    if (resolved.ok) this.meta = { config: resolved.config, problems: resolved.problems };
    return resolved;
  }

  /** A stamp hit is answered with the cached record; the full result stays undecoded in the cache file. */
  known(path: string, stat: FileStat): CachedResult | undefined {
    if (!this.options.useCache || stat.kind !== 'file') return undefined;
    const key = this.cache!.keyByStamp(path, stat);
    const result = key === undefined ? undefined : this.cache!.storedByKey(key);
    if (result) {
      this.stats.stampHits++;
      this.keys.set(path, key!);
    }
    return result;
  }

  onRead(path: string, stat: FileStat, text: string): void {
    this.stats.read++;
    const key = ResultCache.keyOf(text);
    this.keys.set(path, key);
    if (this.options.useCache && stat.kind === 'file') this.cache!.setStamp(path, { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino, key });
  }

  checkText(text: string, config: ResolvedConfig): CachedResult {
    return this.interner.result(loadEngine().checkText(text, config));
  }

  async checkMany(files: { path: string; text: string }[], config: ResolvedConfig, onProgress: (count: number) => void): Promise<CachedResult[]> {
    const keys = files.map(({ path, text }) => this.keys.get(path) ?? ResultCache.keyOf(text));
    const results: (CachedResult | undefined)[] = keys.map((key) => (this.options.useCache ? this.cache!.storedByKey(key) : undefined));
    const missing = results.flatMap((result, index) => (result ? [] : [index]));
    onProgress(files.length - missing.length);
    this.stats.cached += files.length - missing.length;
    this.stats.checked += missing.length;
    const cores = Math.max(1, availableParallelism());
    const jobs = this.options.jobs ?? (missing.length > PARALLEL_THRESHOLD ? Math.min(cores, Math.ceil(missing.length / 100)) : 1);
    if (missing.length > 0) this.stats.jobs = Math.max(this.stats.jobs, jobs);
    if (missing.length > 0 && jobs > 1) {
      const checked = await checkInWorkers(
        missing.map((index) => files[index].text),
        jobs,
        config,
        onProgress,
        (result) => this.interner.result(result),
      );
      missing.forEach((index, position) => (results[index] = checked[position]));
    } else {
      for (const index of missing) {
        results[index] = this.checkText(files[index].text, config);
        onProgress(1);
      }
    }
    for (const index of missing) this.cache?.setByKey(keys[index], results[index]!);
    return results as CachedResult[];
  }

  /** What the report prints of a story: kept in the cache beside its result, so rendered once per text. */
  recordOf(path: string, result: CachedResult): StoryRecord {
    if (result instanceof StoredResult) return result.record;
    const key = this.keys.get(path);
    return (key !== undefined && this.cache?.recordByKey(key)) || storyRecord(result);
  }

  /** An unchanged bank leaves the cache file as it is: nothing new to store and nothing to prune. */
  save(): void {
    const cache = this.cache;
    if (!this.cacheFile || !cache) return;
    if (this.stats.checked > 0 || !cache.meta || cache.hasUnused() || cache.hasNewStamps) {
      cache.meta ??= this.meta;
      saveCache(this.cacheFile, cache);
    }
  }
}

export async function checkBank(
  inputs: string[],
  stderr: NodeJS.WriteStream,
  options: CheckOptions,
): Promise<{ config: ResolvedConfig; stories: RecordedStory[]; errors: BankError[]; stats: CheckStats; close: () => void }> {
  const checker = new CachingChecker(inputs, options);
  const index = new BankIndex({ host: nodeHost, root: inputs[0], checker, configOptions: options.configOptions });
  const progress = new Progress(stderr, (total) => stderr.isTTY === true && total > PROGRESS_THRESHOLD);
  let total = 0;
  await index.load({
    inputs,
    onProgress: (done, of) => {
      total = of;
      progress.show(done, of);
    },
  });
  progress.done(total);
  const stories = index.stories().map(({ path, result }) => ({ path, record: checker.recordOf(path, result), result }));
  checker.save();
  const problems: BankError[] = index.configProblems.map(({ path, message, line, column }) => ({ path, message, line, column }));
  const { stampHits, read, cached, checked, jobs } = checker.stats;
  return {
    config: index.config,
    stories,
    errors: [...problems, ...index.errors()],
    stats: { files: index.paths().length, read, stories: stories.length, cached: stampHits + cached, checked, jobs },
    /** Lets go of the cache file, once the stories' records (some read from it lazily) have been written. */
    close: () => checker.cache?.close(),
  };
}
