// The bank index: the one place where a file becomes a story. For one bank root it finds the configuration
// (./config-source.ts), discovers the story files (the `stories` globs, ./stories-filter.ts), reads and decodes them
// (./read.ts), checks them through a StoryChecker and keeps the results, from which coverage and readiness are read.
// The CLI, the MCP server and the editor are adapters: each supplies a host (where files live) and a checker (how
// a text is checked: in this thread, on worker threads, through a cache) and only reads what the index holds.
import type { ResolvedConfig } from '../config';
import { computeCoverage, storiesNeedingAttention, type CoverageEntry } from '../coverage';
import type { StorySummary } from '../lint';
import { readConfigSource, type ConfigSource } from './config-source';
import type { BankHost, FileStat } from './host';
import { readStoryText } from './read';
import type { ConfigProblemEntry, ResolvedBankConfig } from './resolve-config';
import { storiesFilter } from './stories-filter';

export { MAX_FILE_BYTES, decodeStoryBytes, readStoryText, type ReadOutcome } from './read';
export { findConfigFile, readConfigSource, type ConfigSource } from './config-source';
export type { BankHost, BankChange, FileStat, ReadBytes, Disposable } from './host';
export type { ConfigProblemEntry, ResolvedBankConfig } from './resolve-config';

export interface StoryChecker<R extends StorySummary> {
  resolveConfig(source: ConfigSource): ResolvedBankConfig;
  /** `path` is the file the text is for, when there is one. */
  checkText(text: string, config: ResolvedConfig, path?: string): R;
  /** Many texts at once, in order (the CLI spreads them over worker threads); by default one after another. */
  checkMany?(files: { path: string; text: string }[], config: ResolvedConfig, onProgress: (count: number) => void): Promise<R[]>;
  /** A result for an unchanged file known from its metadata alone (the CLI's cache, the editor's snapshot), so it need not be read. */
  known?(path: string, stat: FileStat, config: ResolvedConfig): R | undefined;
  /** Called with each text that was read, before it is checked (the CLI's cache records the file's stamp). */
  onRead?(path: string, stat: FileStat, text: string): void;
}

export type BankEntry<R extends StorySummary> =
  { path: string; ok: true; result: R; /** Matches the `stories` globs (or was named). */ inBank: boolean } | { path: string; ok: false; message: string };

export interface BankError {
  path: string;
  message: string;
}

export interface BankIndexOptions<R extends StorySummary> {
  host: BankHost;
  /** The bank's folder: a workspace folder, or the CLI's first path. */
  root: string;
  checker: StoryChecker<R>;
  /** What the configuration depends on besides its file (settings may change it between loads). */
  configOptions?: ConfigOptions;
  /** Read-ahead and progress granularity of `load`; the CLI hands everything to its checker at once. */
  batchSize?: number;
  /** Called after an entry is set (with it) or removed (with undefined): the editor publishes diagnostics here. */
  onEntry?: (path: string, entry: BankEntry<R> | undefined) => void;
}

export type ConfigOptions = Omit<ConfigSource, 'file' | 'text'> & { explicitFile?: string };

export interface LoadOptions {
  /** Files and folders to index; the root by default. A file named here is in the bank whatever the globs say. */
  inputs?: readonly string[];
  onProgress?: (done: number, total: number) => void;
  /** Called between batches (the editor yields to typing there). */
  betweenBatches?: () => Promise<void>;
}

/** The story files of a bank, and the folders or inputs that could not be listed. */
export interface Discovery {
  files: string[];
  errors: BankError[];
}

export class ConfigError extends Error {}

export class BankIndex<R extends StorySummary> {
  readonly host: BankHost;
  readonly root: string;
  private readonly checker: StoryChecker<R>;
  private readonly options: BankIndexOptions<R>;
  configOptions: ConfigOptions | undefined;
  private readonly entries = new Map<string, BankEntry<R>>();
  private resolved: { source: ConfigSource; config: ResolvedConfig; problems: ConfigProblemEntry[] } | undefined;
  private inBank: (path: string) => boolean = () => true;
  private walkErrors: BankError[] = [];
  /** Bumped on every change of a path; a read that finds it changed drops its (stale) result. */
  private readonly generations = new Map<string, number>();
  private sortedStories: { path: string; result: R }[] | undefined;
  private coverageCache: CoverageEntry[] | undefined;

  constructor(options: BankIndexOptions<R>) {
    this.options = options;
    this.host = options.host;
    this.root = options.root;
    this.checker = options.checker;
    this.configOptions = options.configOptions;
  }

  // ---- configuration ----

  /** Finds, reads and resolves the configuration; throws a ConfigError only when the bank cannot be checked at all. */
  async loadConfig(): Promise<ResolvedConfig> {
    const outcome = await readConfigSource(this.host, this.root, this.configOptions);
    if (!outcome.ok) throw new ConfigError(outcome.message);
    const resolved = this.checker.resolveConfig(outcome.source);
    if (!resolved.ok) throw new ConfigError(resolved.usageError);
    this.resolved = { source: outcome.source, config: resolved.config, problems: resolved.problems };
    const configFolder = outcome.source.file === undefined ? this.root : this.host.parent(outcome.source.file);
    const matchesGlobs = storiesFilter(this.host, configFolder ?? this.root, resolved.config.stories);
    this.inBank = (path) => !this.hidden(path) && matchesGlobs(path);
    this.changed();
    return resolved.config;
  }

  get config(): ResolvedConfig {
    if (!this.resolved) throw new Error('loadConfig() has not run');
    return this.resolved.config;
  }

  get configSource(): ConfigSource | undefined {
    return this.resolved?.source;
  }

  get configProblems(): readonly ConfigProblemEntry[] {
    return this.resolved?.problems ?? [];
  }

  /** True when the file is part of the bank by the `stories` globs (relative to the configuration's folder). */
  matchesStories(path: string): boolean {
    return this.inBank(path);
  }

  // ---- indexing ----

  /** Loads the configuration, then discovers, reads and checks every story; what was indexed before is replaced. */
  async load(options: LoadOptions = {}): Promise<void> {
    await this.loadConfig();
    await this.indexFiles(await this.discover(options.inputs), options);
  }

  /** The story files under the inputs (the root by default) by the `stories` globs; a file named in `inputs` is always one. */
  async discover(inputs: readonly string[] = [this.root]): Promise<Discovery> {
    const files: string[] = [];
    const seen = new Set<string>();
    const errors: BankError[] = [];
    const add = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      files.push(file);
    };
    for (const input of inputs) {
      const stat = await this.host.stat(input);
      if (!stat) errors.push({ path: input, message: 'does not exist' });
      else if (stat.kind === 'folder') {
        const listed = await this.host.listMarkdownFiles(input, (path, message) => errors.push({ path, message }));
        listed.filter((file) => this.inBank(file)).forEach(add);
      } else add(input);
    }
    return { files, errors };
  }

  /** Reads and checks the discovered files, replacing what was indexed before. */
  async indexFiles(discovery: Discovery, options: Omit<LoadOptions, 'inputs'> = {}): Promise<void> {
    const config = this.config;
    const wanted = discovery.files;
    this.walkErrors = discovery.errors;
    const found = new Set(wanted);
    for (const path of [...this.entries.keys()]) if (!found.has(path)) this.delete(path);

    const batchSize = this.options.batchSize ?? Number.POSITIVE_INFINITY;
    let done = 0;
    const readBatch = (batch: string[]) => Promise.all(batch.map((path) => this.readForCheck(path)));
    let reading = readBatch(wanted.slice(0, batchSize));
    for (let start = 0; start < wanted.length; start += batchSize) {
      const batch = wanted.slice(start, start + batchSize);
      const reads = await reading;
      reading = readBatch(wanted.slice(start + batchSize, start + 2 * batchSize));
      const pending: { path: string; text: string; generation: number }[] = [];
      for (const [position, read] of reads.entries()) {
        const path = batch[position];
        if (read.kind === 'result') this.set(path, { path, ok: true, result: read.result, inBank: true });
        else if (read.kind === 'error') this.set(path, { path, ok: false, message: read.message });
        else pending.push({ path, text: read.text, generation: read.generation });
      }
      options.onProgress?.((done += batch.length - pending.length), wanted.length);
      const results = this.checker.checkMany
        ? await this.checker.checkMany(pending, config, (count) => options.onProgress?.((done += count), wanted.length))
        : pending.map(({ path, text }) => this.checker.checkText(text, config, path));
      if (!this.checker.checkMany) options.onProgress?.((done += pending.length), wanted.length);
      pending.forEach(({ path, generation }, position) => {
        if (this.generations.get(path) === generation) this.set(path, { path, ok: true, result: results[position], inBank: true });
      });
      if (start + batchSize < wanted.length) await options.betweenBatches?.();
    }
  }

  /** Reads one file again from the host (it changed or appeared) and checks it; undefined when it is not a story file of this bank. */
  async refresh(path: string): Promise<BankEntry<R> | undefined> {
    if (!this.inBank(path)) {
      this.delete(path);
      return undefined;
    }
    const read = await this.readForCheck(path);
    if (read.kind === 'text') {
      if (this.generations.get(path) !== read.generation) return this.entries.get(path);
      return this.set(path, { path, ok: true, result: this.checker.checkText(read.text, this.config, path), inBank: true });
    }
    if (read.kind === 'result') return this.set(path, { path, ok: true, result: read.result, inBank: true });
    if (read.message === 'does not exist') {
      this.delete(path);
      return undefined;
    }
    return this.set(path, { path, ok: false, message: read.message });
  }

  /** Reads and checks the story files under a folder that appeared (a file is ignored): they may come with no event of their own. */
  async refreshUnder(folder: string): Promise<void> {
    if ((await this.host.stat(folder))?.kind !== 'folder') return;
    const { files } = await this.discover([folder]);
    for (const path of files) await this.refresh(path);
  }

  /** Checks a text that has not been saved (an open editor) as this file's content; `checked` is its result if already known. */
  checkUnsaved(path: string, text: string, checked?: R): BankEntry<R> {
    const result = checked ?? this.checker.checkText(text, this.config, path);
    this.bump(path);
    return this.set(path, { path, ok: true, result, inBank: this.inBank(path) });
  }

  /** Checks a text with this bank's configuration without keeping it (drafts, side results). */
  checkText(text: string): R {
    return this.checker.checkText(text, this.config);
  }

  delete(path: string): boolean {
    this.bump(path);
    const had = this.entries.delete(path);
    if (had) {
      this.changed();
      this.options.onEntry?.(path, undefined);
    }
    return had;
  }

  /** Forgets every entry under a deleted folder; returns their paths. */
  deleteUnder(folder: string): string[] {
    const gone = [...this.entries.keys()].filter((path) => this.host.relative(folder, path) !== undefined);
    gone.forEach((path) => this.delete(path));
    return gone;
  }

  // ---- reading the index ----

  entry(path: string): BankEntry<R> | undefined {
    return this.entries.get(path);
  }

  paths(): string[] {
    return [...this.entries.keys()];
  }

  /** Files that could not become stories (unreadable, binary, too large) and folders that could not be listed. */
  errors(): BankError[] {
    const unreadable = [...this.entries.values()].flatMap((entry) => (entry.ok ? [] : [{ path: entry.path, message: `This file ${entry.message}.` }]));
    return [...this.walkErrors, ...unreadable];
  }

  /** The stories of the bank, in path order. */
  stories(): readonly { path: string; result: R }[] {
    this.sortedStories ??= [...this.entries.values()]
      .flatMap((entry) => (entry.ok && entry.inBank && entry.result.isStory ? [{ path: entry.path, result: entry.result }] : []))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return this.sortedStories;
  }

  coverage(): CoverageEntry[] {
    this.coverageCache ??= computeCoverage(this.config.profile, this.stories());
    return this.coverageCache;
  }

  needingAttention(): string[] {
    return storiesNeedingAttention(this.config.profile, this.stories());
  }

  // ---- internals ----

  /** Inside a dot-folder or node_modules below the root: never part of the bank (the listing skips them too). */
  private hidden(path: string): boolean {
    const relative = this.host.relative(this.root, path);
    return (
      relative !== undefined &&
      relative
        .split('/')
        .slice(0, -1)
        .some((part) => part.startsWith('.') || part === 'node_modules')
    );
  }

  private set(path: string, entry: BankEntry<R>): BankEntry<R> {
    this.entries.set(path, entry);
    this.changed();
    this.options.onEntry?.(path, entry);
    return entry;
  }

  private changed(): void {
    this.sortedStories = undefined;
    this.coverageCache = undefined;
  }

  private bump(path: string): number {
    const next = (this.generations.get(path) ?? 0) + 1;
    this.generations.set(path, next);
    return next;
  }

  private async readForCheck(
    path: string,
  ): Promise<{ kind: 'result'; result: R } | { kind: 'error'; message: string } | { kind: 'text'; text: string; generation: number }> {
    const generation = this.bump(path);
    const stat = await this.host.stat(path);
    const known = stat && this.checker.known?.(path, stat, this.config);
    if (known) return { kind: 'result', result: known };
    const read = await readStoryText(this.host, path, stat);
    if (!read.ok) return { kind: 'error', message: read.message };
    if (stat) this.checker.onRead?.(path, stat, read.text);
    return { kind: 'text', text: read.text, generation };
  }
}
