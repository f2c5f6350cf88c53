// The editor's model of the story bank: configuration per workspace folder, every story of every folder
// (disk text, or the unsaved text of an open editor), their diagnostics, and the coverage computed from them.
// All judgment is the core's (checkStoryText, computeCoverage, parseConfig, resolveConfig).
import * as vscode from 'vscode';
import {
  CONFIG_FILE_NAME,
  DEFAULT_CONFIG,
  RULES,
  checkStoryText,
  computeCoverage,
  parseConfig,
  resolveConfig,
  storiesNeedingAttention,
  withProfile,
  withoutAnalysis,
} from '../core';
import type { ConfigOverrides, CoverageEntry, Profile, ResolvedConfig, RuleConfig, SeveritySetting, StoryResult } from '../core';
import {
  COVERAGE_DEBOUNCE_MS,
  DIAGNOSTIC_SOURCE,
  EXCLUDE_GLOB,
  INDEX_BATCH,
  LARGE_INDEX,
  LINT_DEBOUNCE_MS,
  COVERAGE_VIEW_ID,
  SETTINGS,
  SETTINGS_SECTION,
  type LintOn,
} from './constants';
import { configProblemToDiagnostic, findingToDiagnostic } from './diagnostics';

export interface StoryEntry {
  uri: vscode.Uri;
  /** Workspace-relative path (with the folder name in a multi-root workspace); the coverage's story id. */
  path: string;
  result: StoryResult;
  /** The document version the result was computed from; undefined when it came from the file on disk. */
  version: number | undefined;
  /** True when the file is part of the bank (inside a workspace folder and matching its stories glob). */
  indexed: boolean;
}

interface FolderState {
  folder: vscode.WorkspaceFolder;
  config: ResolvedConfig;
  /** The configuration before a profile switch. */
  configured: ResolvedConfig;
  configUri: vscode.Uri;
  watchers: vscode.Disposable[];
}

const SEVERITIES: readonly SeveritySetting[] = ['off', 'hint', 'info', 'warning', 'error'];
const LINTED_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'vscode-test-web', 'memfs']);

export function isMarkdown(document: vscode.TextDocument): boolean {
  return document.languageId === 'markdown' && LINTED_SCHEMES.has(document.uri.scheme);
}

/** `storyBank.*` settings as core overrides; invalid values are left to the defaults. */
export function settingsOverrides(scope: vscode.Uri | undefined): ConfigOverrides & { stories?: string[] } {
  const settings = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  const number = (key: string) => {
    const value = settings.get<unknown>(key);
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
  };
  const rules: Record<string, RuleConfig> = {};
  const ruleSettings = settings.get<unknown>(SETTINGS.rules);
  if (ruleSettings && typeof ruleSettings === 'object') {
    for (const [id, severity] of Object.entries(ruleSettings as Record<string, unknown>)) {
      if (SEVERITIES.includes(severity as SeveritySetting)) rules[id] = { severity: severity as SeveritySetting };
    }
  }
  const storiesSetting = settings.get<unknown>(SETTINGS.stories);
  const stories = (Array.isArray(storiesSetting) ? storiesSetting : [storiesSetting]).filter(
    (glob): glob is string => typeof glob === 'string' && glob.trim() !== '',
  );
  return {
    wordsPerMinute: number(SETTINGS.wordsPerMinute),
    maxSeconds: number(SETTINGS.maxSeconds),
    rules,
    stories: stories.length > 0 ? stories : undefined,
  };
}

export function lintOn(scope: vscode.Uri | undefined): LintOn {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION, scope).get<string>(SETTINGS.lintOn) === 'save' ? 'save' : 'type';
}

/** What the last indexing pass did (the integration tests check the progress threshold with it). */
export interface IndexingSummary {
  reason: string;
  files: number;
  /** Stories among them, and how long the pass took. */
  stories: number;
  ms: number;
  /** True when progress was shown in the coverage view (more than LARGE_INDEX files). */
  viewProgress: boolean;
}

export class StoryBank implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  readonly configDiagnostics = vscode.languages.createDiagnosticCollection(`${DIAGNOSTIC_SOURCE}-config`);
  private readonly entries = new Map<string, StoryEntry>();
  private readonly folders = new Map<string, FolderState>();
  /** Bumped on every update of a uri; an async read that finds it changed drops its (stale) result. */
  private readonly generations = new Map<string, number>();
  private readonly lintTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Files deleted on disk whose documents may linger in memory; they are no longer part of the bank. */
  private readonly deletedOnDisk = new Set<string>();
  /** How often a pause in typing led to a lint, per uri (the tests check the debounce with it). */
  readonly typingLints = new Map<string, number>();
  private reindexTimer: ReturnType<typeof setTimeout> | undefined;
  /** Results of unpublished document versions (see resultFor); one per document. */
  private readonly fresh = new Map<string, StoryEntry>();
  private readonly pendingReads = new Set<Promise<unknown>>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires (batched) whenever a story, the coverage or the configuration changed. */
  readonly onDidChange = this.changed.event;
  private changeTimer: ReturnType<typeof setTimeout> | undefined;
  private coverageCache: CoverageEntry[] | undefined;
  private storiesCache: readonly StoryEntry[] | undefined;
  private storiesByPath: Map<string, StoryEntry> | undefined;
  private indexing: Promise<void> = Promise.resolve();
  private indexedOnce = false;
  lastIndexing: IndexingSummary | undefined;
  private disposed = false;

  /** The profile picked with Switch Profile, over every folder's configured one; undefined: as configured. */
  private activeProfileId: string | undefined;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    activeProfileId?: string,
  ) {
    this.activeProfileId = activeProfileId;
  }

  // ---- configuration -------------------------------------------------------------------------------

  /** Views the bank through another profile (plain `questions` lists keep their configured profile), then re-lints. */
  async switchProfile(id: string | undefined): Promise<void> {
    this.activeProfileId = id;
    await this.reindex(`profile switched to ${id ?? 'the configured one'}`);
  }

  /** The switched-to profile, or undefined when every folder uses its configured one. */
  get switchedProfileId(): string | undefined {
    return this.activeProfileId;
  }

  /** The first folder's configuration as `.storybank.yaml` and settings give it, before any switch. */
  get configuredConfig(): ResolvedConfig {
    const first = vscode.workspace.workspaceFolders?.[0];
    return (first && this.folders.get(first.uri.toString())?.configured) ?? this.settingsConfig(first?.uri);
  }

  private withActiveProfile(config: ResolvedConfig): ResolvedConfig {
    return (this.activeProfileId && withProfile(config, this.activeProfileId)) || config;
  }

  private settingsConfig(scope: vscode.Uri | undefined): ResolvedConfig {
    return resolveConfig(DEFAULT_CONFIG, settingsOverrides(scope));
  }

  /** The configuration a file is judged with: its folder's `.storybank.yaml` over settings over defaults. */
  configFor(uri: vscode.Uri): ResolvedConfig {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return (folder && this.folders.get(folder.uri.toString())?.config) ?? this.withActiveProfile(this.settingsConfig(folder?.uri ?? uri));
  }

  /** The profile the coverage is computed for: the first folder's. */
  get profile(): Profile {
    const first = vscode.workspace.workspaceFolders?.[0];
    return (first && this.folders.get(first.uri.toString())?.config.profile) ?? DEFAULT_CONFIG.profile;
  }

  private async loadFolderConfig(folder: vscode.WorkspaceFolder): Promise<ResolvedConfig> {
    const configUri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
    const base = this.settingsConfig(folder.uri);
    const text = await this.readText(configUri);
    let config = base;
    if (text === undefined) {
      this.configDiagnostics.delete(configUri);
    } else {
      const parsed = parseConfig(text, RULES, base);
      config = parsed.config;
      this.configDiagnostics.set(configUri, parsed.problems.map(configProblemToDiagnostic));
      if (parsed.problems.length > 0) this.log.warn(`${configUri.fsPath}: ${parsed.problems.length} configuration problem(s)`);
    }
    const key = folder.uri.toString();
    this.folders.get(key)?.watchers.forEach((watcher) => watcher.dispose());
    const configured = config;
    config = this.withActiveProfile(config);
    this.folders.set(key, { folder, config, configured, configUri, watchers: this.watch(folder, config) });
    return config;
  }

  private watch(folder: vscode.WorkspaceFolder, config: ResolvedConfig): vscode.Disposable[] {
    const disposables: vscode.Disposable[] = [];
    for (const glob of config.stories) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, glob));
      disposables.push(
        watcher,
        watcher.onDidCreate((uri) => this.fileChanged(uri)),
        watcher.onDidChange((uri) => this.fileChanged(uri)),
        watcher.onDidDelete((uri) => this.fileDeleted(uri)),
      );
    }
    // Deleting a folder is reported once, for the folder: the story globs above never see its files go.
    const deletions = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**'), true, true, false);
    disposables.push(
      deletions,
      deletions.onDidDelete((uri) => this.folderDeleted(uri)),
    );
    const configWatcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, CONFIG_FILE_NAME));
    const reload = () => this.scheduleReindex(`${CONFIG_FILE_NAME} changed in ${folder.name}`);
    disposables.push(configWatcher, configWatcher.onDidCreate(reload), configWatcher.onDidChange(reload), configWatcher.onDidDelete(reload));
    return disposables;
  }

  // ---- reading and linting -------------------------------------------------------------------------

  private async readText(uri: vscode.Uri): Promise<string | undefined> {
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    if (open) return open.getText();
    try {
      return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
      if (error instanceof vscode.FileSystemError && error.code === 'FileIsADirectory') return undefined;
      throw error;
    }
  }

  /** True when the file belongs to the bank: inside a workspace folder and matching its stories glob. */
  isIndexed(uri: vscode.Uri, document?: vscode.TextDocument): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return false;
    const state = this.folders.get(folder.uri.toString());
    const globs = state?.config.stories ?? this.settingsConfig(folder.uri).stories;
    if (/(^|\/)(node_modules|\.git)\//.test(uri.path) || this.deletedOnDisk.has(uri.toString())) return false;
    if (document) return globs.some((glob) => vscode.languages.match({ pattern: new vscode.RelativePattern(folder, glob) }, document) > 0);
    return this.entries.get(uri.toString())?.indexed ?? false;
  }

  private bump(uri: vscode.Uri): number {
    const key = uri.toString();
    const next = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, next);
    return next;
  }

  pathOf(uri: vscode.Uri): string {
    if (uri.scheme === 'untitled') return uri.toString();
    const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    return vscode.workspace.asRelativePath(uri, multiRoot);
  }

  private lint(uri: vscode.Uri, text: string): StoryResult {
    const started = performance.now();
    const result = checkStoryText(text, { config: this.configFor(uri) });
    this.log.trace(`linted ${this.pathOf(uri)} in ${(performance.now() - started).toFixed(1)} ms: ${result.findings.length} finding(s)`);
    return result;
  }

  private setEntry(uri: vscode.Uri, result: StoryResult, version: number | undefined, indexed: boolean): StoryEntry {
    const entry: StoryEntry = { uri, path: this.pathOf(uri), result, version, indexed };
    if (result.isStory || indexed) this.entries.set(uri.toString(), entry);
    else this.entries.delete(uri.toString());
    if (result.isStory) this.diagnostics.set(uri, result.findings.map(findingToDiagnostic));
    else this.diagnostics.delete(uri);
    this.somethingChanged();
    return entry;
  }

  /** Lints an open document now (its unsaved text counts). */
  updateDocument(document: vscode.TextDocument, indexed = this.isIndexed(document.uri, document)): StoryEntry | undefined {
    if (!isMarkdown(document)) return undefined;
    const timer = this.lintTimers.get(document.uri.toString());
    if (timer) clearTimeout(timer);
    this.lintTimers.delete(document.uri.toString());
    this.bump(document.uri);
    const cached = this.fresh.get(document.uri.toString());
    this.fresh.delete(document.uri.toString());
    const result = cached && cached.version === document.version ? cached.result : this.lint(document.uri, document.getText());
    return this.setEntry(document.uri, result, document.version, indexed);
  }

  /** Lints after a pause in typing; a newer change restarts the wait, so only the latest text is linted. */
  scheduleLint(document: vscode.TextDocument): void {
    if (!isMarkdown(document)) return;
    const key = document.uri.toString();
    const previous = this.lintTimers.get(key);
    if (previous) clearTimeout(previous);
    const version = document.version;
    this.lintTimers.set(
      key,
      setTimeout(() => {
        this.lintTimers.delete(key);
        // A newer edit has its own timer; a closed document is handled by documentClosed.
        if (document.isClosed || document.version !== version) return;
        this.typingLints.set(key, (this.typingLints.get(key) ?? 0) + 1);
        this.updateDocument(document);
      }, LINT_DEBOUNCE_MS),
    );
  }

  /**
   * The result for a document's current text, for CodeLens, hover, status bar and code actions. When the
   * published one is older (typing, or lint on save), the text is linted into a side cache without publishing
   * diagnostics or touching the coverage, so those still follow the debounce and the lintOn setting.
   */
  resultFor(document: vscode.TextDocument): StoryEntry | undefined {
    const key = document.uri.toString();
    const entry = this.entries.get(key);
    if (entry && entry.version === document.version) return entry;
    if (!isMarkdown(document)) return undefined;
    const cached = this.fresh.get(key);
    if (cached && cached.version === document.version) return cached;
    const fresh: StoryEntry = {
      uri: document.uri,
      path: this.pathOf(document.uri),
      result: this.lint(document.uri, document.getText()),
      version: document.version,
      indexed: entry?.indexed ?? this.isIndexed(document.uri, document),
    };
    this.fresh.set(key, fresh);
    return fresh;
  }

  entry(uri: vscode.Uri): StoryEntry | undefined {
    return this.entries.get(uri.toString());
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.pendingReads.add(promise);
    void promise.finally(() => this.pendingReads.delete(promise)).catch(() => undefined);
    return promise;
  }

  /** A story file changed or appeared on disk. */
  fileChanged(uri: vscode.Uri): Promise<void> {
    return this.track(this.readAndLint(uri, true));
  }

  /**
   * `configChanged`: a re-index after the configuration changed, which judges open documents again too.
   * `readAhead`: the file's text, already being read (indexing reads the next batch while it lints this one),
   * and the file's generation when that read started; an update since then makes it read the file again.
   */
  private async readAndLint(
    uri: vscode.Uri,
    indexed: boolean,
    configChanged = false,
    readAhead?: { reading: Promise<string | undefined>; generation: number },
  ): Promise<void> {
    this.deletedOnDisk.delete(uri.toString());
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    if (open) {
      // The editor's text wins over the disk; it is re-linted when the published result is for another version
      // or another configuration.
      const entry = this.entries.get(uri.toString());
      if (configChanged || !entry || entry.version !== open.version || entry.indexed !== indexed) {
        this.fresh.delete(uri.toString());
        this.updateDocument(open);
      }
      return;
    }
    const reading = readAhead && readAhead.generation === (this.generations.get(uri.toString()) ?? 0) ? readAhead.reading : undefined;
    const generation = this.bump(uri);
    let text: string | undefined;
    try {
      text = await (reading ?? this.readText(uri));
    } catch (error) {
      this.log.warn(`could not read ${uri.toString()}: ${String(error)}`);
    }
    if (this.disposed || this.generations.get(uri.toString()) !== generation) return; // a newer update won
    if (text === undefined) this.fileDeleted(uri);
    // Nobody has this file open: keep what the tree, matrix and practice read, not the whole analysis.
    else this.setEntry(uri, withoutAnalysis(this.lint(uri, text)), undefined, indexed);
  }

  fileDeleted(uri: vscode.Uri): void {
    this.deletedOnDisk.add(uri.toString());
    this.forget(uri);
  }

  /** Forgets every indexed story inside a deleted folder. */
  private folderDeleted(uri: vscode.Uri): void {
    const prefix = uri.toString().replace(/\/?$/, '/');
    for (const key of [...this.entries.keys()]) {
      if (key.startsWith(prefix)) this.fileDeleted(vscode.Uri.parse(key));
    }
  }

  private forget(uri: vscode.Uri): void {
    this.bump(uri);
    this.fresh.delete(uri.toString());
    const had = this.entries.delete(uri.toString());
    this.diagnostics.delete(uri);
    if (had) this.somethingChanged();
  }

  /** A closed story keeps its diagnostics (from the file on disk) when it is part of the bank. */
  documentClosed(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const timer = this.lintTimers.get(key);
    if (timer) clearTimeout(timer);
    this.lintTimers.delete(key);
    this.fresh.delete(key);
    const entry = this.entries.get(key);
    if (entry?.indexed && document.uri.scheme !== 'untitled') void this.track(this.readAndLint(document.uri, true));
    else this.forget(document.uri);
  }

  // ---- indexing ------------------------------------------------------------------------------------

  /** Re-indexes after a short pause, so a burst of setting or config edits costs one pass. */
  scheduleReindex(reason: string): void {
    if (this.reindexTimer) clearTimeout(this.reindexTimer);
    this.reindexTimer = setTimeout(() => {
      this.reindexTimer = undefined;
      void this.reindex(reason);
    }, LINT_DEBOUNCE_MS);
  }

  /** Re-reads every folder's configuration and stories in the background; calls are queued. */
  reindex(reason: string): Promise<void> {
    const run = () => this.indexAll(reason);
    this.indexing = this.indexing.then(run, run);
    return this.indexing;
  }

  private async indexAll(reason: string): Promise<void> {
    if (this.disposed) return;
    const started = performance.now();
    const folders = vscode.workspace.workspaceFolders ?? [];
    for (const key of [...this.folders.keys()]) {
      if (!folders.some((folder) => folder.uri.toString() === key)) {
        this.folders.get(key)?.watchers.forEach((watcher) => watcher.dispose());
        this.folders.delete(key);
      }
    }
    const found = new Map<string, vscode.Uri>();
    for (const folder of folders) {
      const config = await this.loadFolderConfig(folder);
      for (const glob of config.stories) {
        for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), EXCLUDE_GLOB)) {
          found.set(uri.toString(), uri);
        }
      }
    }
    const uris = [...found.values()];
    const work = async (progress?: vscode.Progress<{ message?: string; increment?: number }>) => {
      // Each batch's files are read while the batch before it is linted.
      const reads = new Map<string, { reading: Promise<string | undefined>; generation: number }>();
      const readAhead = (batch: readonly vscode.Uri[]) => {
        for (const uri of batch) {
          const reading = this.readText(uri);
          reading.catch(() => undefined); // readAndLint awaits it and logs a failure
          reads.set(uri.toString(), { reading, generation: this.generations.get(uri.toString()) ?? 0 });
        }
      };
      readAhead(uris.slice(0, INDEX_BATCH));
      for (let i = 0; i < uris.length; i += INDEX_BATCH) {
        const batch = uris.slice(i, i + INDEX_BATCH);
        readAhead(uris.slice(i + INDEX_BATCH, i + 2 * INDEX_BATCH));
        await Promise.all(batch.map((uri) => this.readAndLint(uri, true, true, reads.get(uri.toString()))));
        for (const uri of batch) reads.delete(uri.toString());
        progress?.report({ message: `${Math.min(i + INDEX_BATCH, uris.length)}/${uris.length}`, increment: (batch.length / uris.length) * 100 });
        await new Promise((resolve) => setTimeout(resolve, 0)); // let typing and rendering through
      }
    };
    const title = 'Story Bank: indexing stories';
    let viewProgress = false;
    if (uris.length > LARGE_INDEX) {
      await vscode.window.withProgress({ location: { viewId: COVERAGE_VIEW_ID }, title }, () => {
        viewProgress = true;
        return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, work);
      });
    } else {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, work);
    }
    // Drop indexed entries whose file is gone or no longer matches the glob; open documents are re-judged.
    for (const entry of [...this.entries.values()]) {
      if (!entry.indexed || found.has(entry.uri.toString())) continue;
      this.fileDeleted(entry.uri);
    }
    // Open documents outside the bank (untitled, outside the globs, deleted on disk) are still checked.
    for (const document of vscode.workspace.textDocuments) {
      if (isMarkdown(document) && !found.has(document.uri.toString())) this.updateDocument(document, false);
    }
    this.indexedOnce = true;
    const stories = [...this.entries.values()].filter((entry) => entry.indexed && entry.result.isStory).length;
    const ms = Math.round(performance.now() - started);
    this.lastIndexing = { reason, files: uris.length, stories, ms, viewProgress };
    this.log.info(`indexed ${uris.length} file(s), ${stories} stor${stories === 1 ? 'y' : 'ies'}, in ${ms} ms (${reason})`);
    this.somethingChanged();
  }

  get hasIndexed(): boolean {
    return this.indexedOnce;
  }

  // ---- coverage and change notification ------------------------------------------------------------

  /** Indexed stories sorted by path (kept until the next change: the tree asks for each of its rows). */
  stories(): readonly StoryEntry[] {
    this.storiesCache ??= [...this.entries.values()]
      .filter((entry) => entry.indexed && entry.result.isStory)
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return this.storiesCache;
  }

  storyByPath(path: string): StoryEntry | undefined {
    this.storiesByPath ??= new Map(this.stories().map((entry) => [entry.path, entry]));
    return this.storiesByPath.get(path);
  }

  coverage(): CoverageEntry[] {
    this.coverageCache ??= computeCoverage(
      this.profile,
      this.stories().map((entry) => ({ path: entry.path, result: entry.result })),
    );
    return this.coverageCache;
  }

  /**
   * Each workspace folder's coverage under that folder's own profile, from the stories inside it, with the stories
   * needing attention there (the coverage tree of a multi-root workspace).
   */
  coverageByFolder(): { folder: vscode.WorkspaceFolder; profile: Profile; coverage: CoverageEntry[]; needingAttention: string[] }[] {
    return (vscode.workspace.workspaceFolders ?? []).map((folder) => {
      const profile = this.configFor(folder.uri).profile;
      const stories = this.stories()
        .filter((entry) => vscode.workspace.getWorkspaceFolder(entry.uri)?.uri.toString() === folder.uri.toString())
        .map((entry) => ({ path: entry.path, result: entry.result }));
      return { folder, profile, coverage: computeCoverage(profile, stories), needingAttention: storiesNeedingAttention(profile, stories) };
    });
  }

  /** Stories no question row lists that hold an error (the tree shows them under "Needs attention"). */
  needingAttention(): string[] {
    return storiesNeedingAttention(
      this.profile,
      this.stories().map((entry) => ({ path: entry.path, result: entry.result })),
    );
  }

  private somethingChanged(): void {
    this.coverageCache = undefined;
    this.storiesCache = undefined;
    this.storiesByPath = undefined;
    if (this.changeTimer) clearTimeout(this.changeTimer);
    this.changeTimer = setTimeout(() => {
      this.changeTimer = undefined;
      if (!this.disposed) this.changed.fire();
    }, COVERAGE_DEBOUNCE_MS);
  }

  /** Resolves once indexing, pending reads, debounced lints and the change notification are all done. */
  async whenIdle(): Promise<void> {
    for (let round = 0; round < 100; round++) {
      await this.indexing;
      if (this.pendingReads.size > 0) {
        await Promise.allSettled([...this.pendingReads]);
        continue;
      }
      if (this.lintTimers.size > 0 || this.changeTimer || this.reindexTimer) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        continue;
      }
      return;
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const timer of this.lintTimers.values()) clearTimeout(timer);
    if (this.changeTimer) clearTimeout(this.changeTimer);
    if (this.reindexTimer) clearTimeout(this.reindexTimer);
    for (const state of this.folders.values()) state.watchers.forEach((watcher) => watcher.dispose());
    this.folders.clear();
    this.diagnostics.dispose();
    this.configDiagnostics.dispose();
    this.changed.dispose();
  }
}
