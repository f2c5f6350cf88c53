// The editor's adapter over the core bank index (src/core/bank): one index per workspace folder, read through
// workspace.fs (./vscode-host.ts). The index finds the configuration, discovers, reads and checks the stories and
// computes the coverage; this layer adds what only an editor has: unsaved text, debounced typing, diagnostics,
// progress, the profile switch, and open documents outside any bank.
import * as vscode from 'vscode';
// Values from '../core' only: the shipped build loads the core on first use through that import (scripts/lazy-core.mjs).
import {
  BankIndex,
  CONFIG_FILE_NAME,
  ConfigError,
  DEFAULT_CONFIG,
  IndexSnapshot,
  SnapshotChecker,
  checkStoryText,
  computeCoverage,
  resolveBankConfig,
  resolveConfig,
  snapshotIdentity,
  storiesNeedingAttention,
  withProfile,
  withoutAnalysis,
} from '../core';
import type { BankEntry, ConfigOverrides, CoverageEntry, Profile, ResolvedConfig, RuleConfig, SeveritySetting, StoryChecker, StoryResult } from '../core';
import {
  COVERAGE_DEBOUNCE_MS,
  DIAGNOSTIC_SOURCE,
  INDEX_BATCH,
  LARGE_INDEX,
  LINT_DEBOUNCE_MS,
  COVERAGE_VIEW_ID,
  SNAPSHOT_SAVE_DELAY_MS,
  SETTINGS,
  SETTINGS_SECTION,
  type LintOn,
} from './constants';
import { configProblemToDiagnostic, findingToDiagnostic, unreadableFileDiagnostic } from './diagnostics';
import { builtCoreHash, SnapshotStore } from './indexSnapshot';
import { openDocument, vscodeHost } from './vscode-host';

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

/** One workspace folder's bank. */
interface FolderBank {
  folder: vscode.WorkspaceFolder;
  index: BankIndex<StoryResult>;
  /** The configuration before a profile switch; undefined until the first load. */
  configured: ResolvedConfig | undefined;
  /** The configuration file in use and its watcher, when there is one. */
  configUri: vscode.Uri | undefined;
  watchers: vscode.Disposable[];
  /** Results of files on disk by their stamp and text, kept across passes and (with workspace storage) sessions. */
  snapshot: IndexSnapshot | undefined;
  /** The index's checker: it counts the files whose result came from the snapshot. */
  checker: SnapshotChecker;
}

export interface FolderCoverage {
  folder: vscode.WorkspaceFolder;
  profile: Profile;
  coverage: CoverageEntry[];
  needingAttention: string[];
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
  /** Files whose result was kept from an earlier pass or session because they had not changed. */
  reused: number;
  /** Where the pass spent its time: the configuration (and snapshot), listing the files, reading and checking them. */
  phases: { configMs: number; discoverMs: number; checkMs: number };
}

/** One workspace folder's bank as practice, the matrix and the assistant tools see it. */
export interface FolderView {
  folder: vscode.WorkspaceFolder | undefined;
  /** Set in a multi-root workspace only, where it tells the banks apart. */
  folderName: string | undefined;
  profile: Profile;
  coverage: CoverageEntry[];
  stories: readonly StoryEntry[];
}

export interface IndexProgress {
  done: number;
  total: number;
}

export class StoryBank implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  readonly configDiagnostics = vscode.languages.createDiagnosticCollection(`${DIAGNOSTIC_SOURCE}-config`);
  private readonly folders = new Map<string, FolderBank>();
  /** The document version each kept result was computed from (absent: from the file on disk). */
  private readonly versions = new Map<string, number>();
  /** Open Markdown documents that belong to no bank (untitled, outside the folders or the stories globs). */
  private readonly outside = new Map<string, StoryEntry>();
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
  private readonly progressed = new vscode.EventEmitter<IndexProgress | undefined>();
  /** Fires as an indexing pass checks files, and with undefined when it ends. */
  readonly onDidProgress = this.progressed.event;
  private changeTimer: ReturnType<typeof setTimeout> | undefined;
  private storiesCache: readonly StoryEntry[] | undefined;
  private storiesByPath: Map<string, StoryEntry> | undefined;
  private coverageCache: CoverageEntry[] | undefined;
  private indexing: Promise<void> = Promise.resolve();
  private indexedOnce = false;
  lastIndexing: IndexingSummary | undefined;
  private disposed = false;
  private snapshotTimer: ReturnType<typeof setTimeout> | undefined;
  /** During an indexing pass, the diagnostics to publish at the next batch (one message per batch, not one per file). */
  private pendingDiagnostics: Map<string, [vscode.Uri, vscode.Diagnostic[] | undefined]> | undefined;
  /** Where snapshots are kept between sessions; undefined without workspace storage or a known engine build. */
  private readonly snapshotStore: SnapshotStore | undefined;

  /** The profile picked with Switch Profile, over every folder's configured one; undefined: as configured. */
  private activeProfileId: string | undefined;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    activeProfileId?: string,
    storage?: vscode.Uri,
  ) {
    this.activeProfileId = activeProfileId;
    this.snapshotStore = storage && builtCoreHash() ? new SnapshotStore(storage, log) : undefined;
    if (!this.snapshotStore) log.info(`the index is not kept between sessions (${storage ? 'a development build of the core' : 'no workspace storage'})`);
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
    const first = this.firstFolder();
    return first?.configured ?? this.settingsConfig(vscode.workspace.workspaceFolders?.[0]?.uri);
  }

  private withActiveProfile(config: ResolvedConfig): ResolvedConfig {
    return (this.activeProfileId && withProfile(config, this.activeProfileId)) || config;
  }

  private settingsConfig(scope: vscode.Uri | undefined): ResolvedConfig {
    return resolveConfig(DEFAULT_CONFIG, settingsOverrides(scope));
  }

  private folderOf(uri: vscode.Uri): FolderBank | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder && this.folders.get(folder.uri.toString());
  }

  private firstFolder(): FolderBank | undefined {
    const first = vscode.workspace.workspaceFolders?.[0];
    return first && this.folders.get(first.uri.toString());
  }

  /** The configuration a file is judged with: its bank's `.storybank.yaml` over settings over defaults. */
  configFor(uri: vscode.Uri): ResolvedConfig {
    const bank = this.folderOf(uri);
    if (bank?.configured) return bank.index.config;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return this.withActiveProfile(this.settingsConfig(folder?.uri ?? uri));
  }

  /** The `.storybank.yaml` a workspace folder's bank uses, when it has one (it may sit above the folder). */
  configFileFor(folder: vscode.Uri): vscode.Uri | undefined {
    return this.folders.get(folder.toString())?.configUri;
  }

  /** The profile the coverage is computed for: the first folder's. */
  get profile(): Profile {
    const first = this.firstFolder();
    return first?.configured ? first.index.config.profile : DEFAULT_CONFIG.profile;
  }

  /** The checker of one folder's index: the whole result for an open document, a lean one for a file on disk. */
  private checkerFor(bank: Pick<FolderBank, 'configured'>): StoryChecker<StoryResult> {
    return {
      resolveConfig: (source) => {
        const resolved = resolveBankConfig(source);
        if (!resolved.ok) return resolved;
        bank.configured = resolved.config;
        return { ...resolved, config: this.withActiveProfile(resolved.config) };
      },
      checkText: (text, config, path) => {
        const started = performance.now();
        const result = checkStoryText(text, { config });
        this.log.trace(`linted ${path ?? 'a draft'} in ${(performance.now() - started).toFixed(1)} ms: ${result.findings.length} finding(s)`);
        // Nobody has this file open: keep what the tree, matrix and practice read, not the whole analysis.
        return path !== undefined && !openDocument(path) ? withoutAnalysis(result) : result;
      },
    };
  }

  private folderBank(folder: vscode.WorkspaceFolder): FolderBank {
    const key = folder.uri.toString();
    let bank = this.folders.get(key);
    if (!bank) {
      const created = { folder, configured: undefined, configUri: undefined, watchers: [], snapshot: undefined } as Partial<FolderBank> as FolderBank;
      created.checker = new SnapshotChecker(this.checkerFor(created), {
        snapshot: () => created.snapshot,
        unsaved: (path) => openDocument(path) !== undefined,
      });
      created.index = new BankIndex<StoryResult>({
        host: vscodeHost,
        root: key,
        checker: created.checker,
        batchSize: INDEX_BATCH,
        onEntry: (path, entry) => {
          if (!entry) created.snapshot?.forget(path);
          this.entryChanged(path, entry);
        },
      });
      bank = created;
      bank.watchers.push(
        vscodeHost.watch!(key, (change) => {
          const uri = vscode.Uri.parse(change.path);
          const markdown = uri.path.toLowerCase().endsWith('.md');
          if (change.kind === 'deleted') {
            if (markdown) this.fileDeleted(uri);
            else this.folderDeleted(uri);
          } else if (markdown) void this.fileChanged(uri);
          else void this.folderCreated(uri);
        }),
      );
      this.folders.set(key, bank);
    }
    bank.index.configOptions = { overrides: settingsOverrides(folder.uri) };
    return bank;
  }

  /** Watches the configuration the folder uses, and the folder's own, for a re-index. */
  private watchConfig(bank: FolderBank): void {
    const file = bank.index.configSource?.file;
    const uri = file === undefined ? undefined : vscode.Uri.parse(file);
    if (bank.configUri?.toString() === uri?.toString() && bank.watchers.length > 1) return;
    if (bank.configUri && bank.configUri.toString() !== uri?.toString()) this.configDiagnostics.delete(bank.configUri);
    bank.watchers.splice(1).forEach((watcher) => watcher.dispose());
    bank.configUri = uri;
    const places = [bank.folder.uri, ...(uri ? [vscode.Uri.joinPath(uri, '..')] : [])];
    for (const place of new Set(places.map((each) => each.toString()))) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.parse(place), CONFIG_FILE_NAME));
      const reload = () => this.scheduleReindex(`${CONFIG_FILE_NAME} changed for ${bank.folder.name}`);
      bank.watchers.push(watcher, watcher.onDidCreate(reload), watcher.onDidChange(reload), watcher.onDidDelete(reload));
    }
  }

  private publishConfigProblems(bank: FolderBank): void {
    if (!bank.configUri) return;
    const problems = bank.index.configProblems;
    this.configDiagnostics.set(bank.configUri, problems.map(configProblemToDiagnostic));
    if (problems.length > 0) this.log.warn(`${bank.configUri.fsPath}: ${problems.length} configuration problem(s)`);
  }

  // ---- entries -------------------------------------------------------------------------------------

  /** The index set or removed an entry: publish its diagnostics. */
  private entryChanged(path: string, entry: BankEntry<StoryResult> | undefined): void {
    const uri = vscode.Uri.parse(path);
    if (entry?.ok && entry.result.isStory) this.publish(uri, entry.result.findings.map(findingToDiagnostic));
    else if (entry && !entry.ok) this.publish(uri, [unreadableFileDiagnostic(entry.message)]);
    else this.publish(uri, undefined);
    if (!entry) this.versions.delete(path);
    if (entry && !entry.ok) this.log.warn(`${this.pathOf(uri)}: this file ${entry.message}`);
    this.somethingChanged();
  }

  private publish(uri: vscode.Uri, diagnostics: vscode.Diagnostic[] | undefined): void {
    if (this.pendingDiagnostics) this.pendingDiagnostics.set(uri.toString(), [uri, diagnostics]);
    else if (diagnostics) this.diagnostics.set(uri, diagnostics);
    else this.diagnostics.delete(uri);
  }

  /** Publishes the diagnostics an indexing pass has set since the last batch, in one message to the workbench. */
  private flushDiagnostics(): void {
    const pending = this.pendingDiagnostics;
    if (!pending || pending.size === 0) return;
    this.pendingDiagnostics = new Map();
    this.diagnostics.set([...pending.values()]);
  }

  private toEntry(bank: FolderBank, path: string): StoryEntry | undefined {
    const entry = bank.index.entry(path);
    if (!entry?.ok) return undefined;
    const uri = vscode.Uri.parse(path);
    return { uri, path: this.pathOf(uri), result: entry.result, version: this.versions.get(path), indexed: entry.inBank };
  }

  entry(uri: vscode.Uri): StoryEntry | undefined {
    const bank = this.folderOf(uri);
    return (bank && this.toEntry(bank, uri.toString())) ?? this.outside.get(uri.toString());
  }

  /**
   * True when the file belongs to the bank: inside a workspace folder, not deleted on disk, and a story file of its
   * index (the `stories` globs, outside dot-folders and node_modules).
   */
  isIndexed(uri: vscode.Uri): boolean {
    const bank = this.folderOf(uri);
    if (!bank?.configured || this.deletedOnDisk.has(uri.toString())) return false;
    return bank.index.matchesStories(uri.toString());
  }

  pathOf(uri: vscode.Uri): string {
    if (uri.scheme === 'untitled') return uri.toString();
    const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    return vscode.workspace.asRelativePath(uri, multiRoot);
  }

  /** Lints an open document now (its unsaved text counts). */
  updateDocument(document: vscode.TextDocument, indexed = this.isIndexed(document.uri)): StoryEntry | undefined {
    if (!isMarkdown(document)) return undefined;
    const key = document.uri.toString();
    const timer = this.lintTimers.get(key);
    if (timer) clearTimeout(timer);
    this.lintTimers.delete(key);
    const cached = this.fresh.get(key);
    this.fresh.delete(key);
    const bank = this.folderOf(document.uri);
    if (indexed && bank) {
      this.outside.delete(key);
      this.versions.set(key, document.version);
      bank.index.checkUnsaved(key, document.getText(), cached?.version === document.version ? cached.result : undefined);
      return this.toEntry(bank, key);
    }
    // Not part of any bank: checked with its folder's configuration, shown, never counted.
    if (bank?.index.entry(key)) bank.index.delete(key);
    const result = cached && cached.version === document.version ? cached.result : this.lintUnpublished(document);
    const entry: StoryEntry = { uri: document.uri, path: this.pathOf(document.uri), result, version: document.version, indexed: false };
    if (result.isStory) {
      this.outside.set(key, entry);
      this.diagnostics.set(document.uri, result.findings.map(findingToDiagnostic));
    } else {
      this.outside.delete(key);
      this.diagnostics.delete(document.uri);
    }
    this.somethingChanged();
    return entry;
  }

  /** A document's current text, judged with its folder's configuration, without touching any bank index. */
  private lintUnpublished(document: vscode.TextDocument): StoryResult {
    return checkStoryText(document.getText(), { config: this.configFor(document.uri) });
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
    const entry = this.entry(document.uri);
    if (entry && entry.version === document.version) return entry;
    if (!isMarkdown(document)) return undefined;
    const cached = this.fresh.get(key);
    if (cached && cached.version === document.version) return cached;
    const fresh: StoryEntry = {
      uri: document.uri,
      path: this.pathOf(document.uri),
      result: this.lintUnpublished(document),
      version: document.version,
      indexed: entry?.indexed ?? this.isIndexed(document.uri),
    };
    this.fresh.set(key, fresh);
    return fresh;
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.pendingReads.add(promise);
    void promise.finally(() => this.pendingReads.delete(promise)).catch(() => undefined);
    return promise;
  }

  /** A story file changed or appeared on disk. */
  fileChanged(uri: vscode.Uri): Promise<void> {
    return this.track(this.readAndLint(uri));
  }

  private async readAndLint(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    this.deletedOnDisk.delete(key);
    const open = openDocument(key);
    if (open) {
      // The editor's text wins over the disk; it is re-linted when the published result is for another version.
      if (this.entry(uri)?.version !== open.version) this.updateDocument(open);
      return;
    }
    const bank = this.folderOf(uri);
    if (!bank?.configured) return;
    try {
      await bank.index.refresh(key);
    } catch (error) {
      this.log.warn(`could not read ${key}: ${String(error)}`);
    }
  }

  fileDeleted(uri: vscode.Uri): void {
    this.deletedOnDisk.add(uri.toString());
    this.forget(uri);
  }

  /** Indexes the stories inside a folder that appeared (moved or copied in at once). */
  private folderCreated(uri: vscode.Uri): Promise<void> {
    const bank = this.folderOf(uri);
    if (!bank?.configured) return Promise.resolve();
    return this.track(
      bank.index.refreshUnder(uri.toString()).then(
        () => undefined,
        (error: unknown) => this.log.warn(`could not index the stories in ${uri.toString()}: ${String(error)}`),
      ),
    );
  }

  /** Forgets every indexed story inside a deleted folder. */
  private folderDeleted(uri: vscode.Uri): void {
    const bank = this.folderOf(uri);
    for (const path of bank?.index.deleteUnder(uri.toString()) ?? []) this.fileDeleted(vscode.Uri.parse(path));
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.fresh.delete(key);
    this.folderOf(uri)?.index.delete(key);
    if (this.outside.delete(key)) this.somethingChanged();
    this.diagnostics.delete(uri);
  }

  /** A closed story keeps its diagnostics (from the file on disk) when it is part of the bank. */
  documentClosed(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const timer = this.lintTimers.get(key);
    if (timer) clearTimeout(timer);
    this.lintTimers.delete(key);
    this.fresh.delete(key);
    this.versions.delete(key);
    if (this.entry(document.uri)?.indexed && document.uri.scheme !== 'untitled') void this.track(this.readAndLint(document.uri));
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
    for (const [key, bank] of [...this.folders]) {
      if (folders.some((folder) => folder.uri.toString() === key)) continue;
      bank.watchers.forEach((watcher) => watcher.dispose());
      for (const path of bank.index.paths()) bank.index.delete(path);
      if (bank.configUri) this.configDiagnostics.delete(bank.configUri);
      this.folders.delete(key);
    }
    const banks = folders.map((folder) => this.folderBank(folder));
    // Configuration first, so the count of files is known for the progress.
    for (const bank of banks) {
      try {
        await bank.index.loadConfig();
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        this.log.error(`${bank.folder.name}: ${error.message}`);
      }
      this.watchConfig(bank);
      this.publishConfigProblems(bank);
      if (bank.configured) await this.useSnapshot(bank);
      bank.checker.reused = 0;
    }
    const configured = performance.now();
    const found = await Promise.all(banks.map((bank) => (bank.configured ? bank.index.discover() : { files: [], errors: [] })));
    const discovered = performance.now();
    const files = found.reduce((sum, discovery) => sum + discovery.files.length, 0);
    const work = async (progress?: vscode.Progress<{ message?: string; increment?: number }>) => {
      let before = 0;
      for (const [position, bank] of banks.entries()) {
        if (!bank.configured) continue;
        let reported = 0;
        await bank.index.indexFiles(found[position], {
          onProgress: (done) => {
            progress?.report({ message: `${before + done}/${files}`, increment: ((done - reported) / Math.max(files, 1)) * 100 });
            this.progressed.fire({ done: before + done, total: files });
            reported = done;
          },
          // Publish the batch (the views fill in as the pass goes), and let typing and rendering through.
          betweenBatches: () => {
            this.flushDiagnostics();
            this.changeNow();
            return new Promise((resolve) => setTimeout(resolve, 0));
          },
        });
        before += found[position].files.length;
      }
    };
    const title = 'Story Bank: indexing stories';
    let viewProgress = false;
    this.pendingDiagnostics = new Map();
    try {
      if (files > LARGE_INDEX) {
        await vscode.window.withProgress({ location: { viewId: COVERAGE_VIEW_ID }, title }, () => {
          viewProgress = true;
          return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, work);
        });
      } else {
        await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, work);
      }
    } finally {
      this.flushDiagnostics();
      this.pendingDiagnostics = undefined;
    }
    const checked = performance.now();
    this.progressed.fire(undefined);
    // Open documents the pass checked from their current text keep that result, now for their version; the others
    // (changed since, outside every bank, or checked before they were opened) are judged again.
    for (const document of vscode.workspace.textDocuments) {
      if (!isMarkdown(document)) continue;
      const key = document.uri.toString();
      this.fresh.delete(key);
      const story = this.folderOf(document.uri)?.index.entry(key);
      if (story?.ok && story.result.story.tree && story.result.story.text === document.getText()) this.versions.set(key, document.version);
      else this.updateDocument(document);
    }
    this.indexedOnce = true;
    const stories = this.stories().length;
    const ms = Math.round(performance.now() - started);
    const reused = banks.reduce((sum, bank) => sum + bank.checker.reused, 0);
    for (const bank of banks) bank.snapshot?.retain(new Set(bank.index.paths()));
    const phases = {
      configMs: Math.round(configured - started),
      discoverMs: Math.round(discovered - configured),
      checkMs: Math.round(checked - discovered),
    };
    this.lastIndexing = { reason, files, stories, ms, viewProgress, reused, phases };
    this.log.info(`indexed ${files} file(s), ${stories} stor${stories === 1 ? 'y' : 'ies'}, in ${ms} ms, ${reused} unchanged since the last pass (${reason})`);
    this.somethingChanged();
  }

  /** Gives the folder the snapshot for its configuration: the one it has, the one kept from the last session, or an empty one. */
  private async useSnapshot(bank: FolderBank): Promise<void> {
    const identity = snapshotIdentity(builtCoreHash() ?? 'this session', bank.index.config);
    if (bank.snapshot?.identity.engine === identity.engine && bank.snapshot.identity.config === identity.config) return;
    bank.snapshot = this.snapshotStore ? await this.snapshotStore.load(bank.folder.uri, identity) : new IndexSnapshot(identity);
  }

  /** Writes the changed snapshots once changes have paused. */
  private scheduleSnapshotSave(): void {
    if (!this.snapshotStore) return;
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = undefined;
      for (const bank of this.folders.values()) if (bank.snapshot?.dirty) void this.snapshotStore!.save(bank.folder.uri, bank.snapshot);
    }, SNAPSHOT_SAVE_DELAY_MS);
  }

  get hasIndexed(): boolean {
    return this.indexedOnce;
  }

  // ---- coverage and change notification ------------------------------------------------------------

  /** Indexed stories of every folder, sorted by path (kept until the next change: the tree asks for each of its rows). */
  stories(): readonly StoryEntry[] {
    this.storiesCache ??= [...this.folders.values()]
      .flatMap((bank) => bank.index.stories().map((story) => this.toEntry(bank, story.path)!))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return this.storiesCache;
  }

  storyByPath(path: string): StoryEntry | undefined {
    this.storiesByPath ??= new Map(this.stories().map((entry) => [entry.path, entry]));
    return this.storiesByPath.get(path);
  }

  /** The first folder's profile over the stories of every folder, by workspace-relative path. */
  coverage(): CoverageEntry[] {
    const only = this.folders.size === 1 ? this.firstFolder() : undefined;
    this.coverageCache ??= only?.configured ? this.relativeCoverage(only.index.coverage()) : computeCoverage(this.profile, this.stories());
    return this.coverageCache;
  }

  /**
   * Each workspace folder's coverage under that folder's own profile, from the stories inside it, with the stories
   * needing attention there (the coverage tree of a multi-root workspace).
   */
  coverageByFolder(): FolderCoverage[] {
    return [...this.folders.values()]
      .filter((bank) => bank.configured)
      .map((bank) => ({
        folder: bank.folder,
        profile: bank.index.config.profile,
        coverage: this.relativeCoverage(bank.index.coverage()),
        needingAttention: bank.index.needingAttention().map((path) => this.pathOf(vscode.Uri.parse(path))),
      }));
  }

  private relativeCoverage(coverage: readonly CoverageEntry[]): CoverageEntry[] {
    const relative = (path: string) => this.pathOf(vscode.Uri.parse(path));
    return coverage.map((entry) => ({ ...entry, stories: entry.stories.map(relative), ready: entry.ready.map(relative) }));
  }

  /**
   * One bank's profile, coverage and stories: the workspace folder of `uri` (the active editor's), else the first
   * folder. In a single-folder workspace, the whole bank. Practice and the matrix work on one bank at a time.
   */
  folderView(uri: vscode.Uri | undefined): FolderView {
    const bank = (uri && this.folderOf(uri)) ?? this.firstFolder();
    if (this.folders.size <= 1 || !bank?.configured) {
      return { folder: bank?.folder, folderName: undefined, profile: this.profile, coverage: this.coverage(), stories: this.stories() };
    }
    const inFolder = (entry: StoryEntry) => this.folderOf(entry.uri) === bank;
    return {
      folder: bank.folder,
      folderName: bank.folder.name,
      profile: bank.index.config.profile,
      coverage: this.relativeCoverage(bank.index.coverage()),
      stories: this.stories().filter(inFolder),
    };
  }

  /** Stories no question row lists that hold an error (the tree shows them under "Needs attention"). */
  needingAttention(): string[] {
    return storiesNeedingAttention(this.profile, this.stories());
  }

  private somethingChanged(): void {
    this.scheduleSnapshotSave();
    this.coverageCache = undefined;
    this.storiesCache = undefined;
    this.storiesByPath = undefined;
    if (this.changeTimer) clearTimeout(this.changeTimer);
    this.changeTimer = setTimeout(() => {
      this.changeTimer = undefined;
      if (!this.disposed) this.changed.fire();
    }, COVERAGE_DEBOUNCE_MS);
  }

  /**
   * Fires a pending change notification now. Between the batches of a pass the debounce would never elapse: each
   * batch's checks keep the thread busy for longer than it, so the views would see nothing until the pass ended.
   */
  private changeNow(): void {
    if (!this.changeTimer) return;
    clearTimeout(this.changeTimer);
    this.changeTimer = undefined;
    if (!this.disposed) this.changed.fire();
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
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    for (const bank of this.folders.values()) bank.watchers.forEach((watcher) => watcher.dispose());
    this.folders.clear();
    this.diagnostics.dispose();
    this.configDiagnostics.dispose();
    this.changed.dispose();
    this.progressed.dispose();
  }
}
