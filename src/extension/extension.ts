// Thin editor layer: wires the editor-agnostic core (src/core) into VS Code.
// No story judgment lives here; everything is decided by the core (checkStoryText, computeCoverage, parseConfig),
// which the shipped build loads on first use (scripts/lazy-core.mjs; zod is configured in coreBundle.ts).
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../core';
import type { CoverageEntry } from '../core';
import { StoryBank, isMarkdown, lintOn, type IndexingSummary } from './bank';
import { StoryCodeActions } from './codeActions';
import {
  checkWorkspace,
  focusCoverage,
  newStory,
  openExamples,
  openNextGap,
  openRuleDocs,
  folderOfRow,
  questionIdOf,
  revealFinding,
  type CheckSummary,
  type NewStoryArgs,
  type OpenExamplesArgs,
} from './commands';
import { exportCheatSheet, switchProfile } from './profileCommands';
import {
  ACTIVE_PROFILE_STATE_KEY,
  COMMANDS,
  CONTEXT_KEYS,
  COVERAGE_VIEW_ID,
  DIAGNOSTIC_SOURCE as SOURCE,
  OUTPUT_CHANNEL_NAME,
  SETTINGS_SECTION,
} from './constants';
import { QuestionCompletion, QuestionHover, StoryStatus, TimingLenses } from './editorFeatures';
import { EvidenceHighlighter, EvidenceHover, type EvidenceHighlightState, type HighlightedEvidence } from './evidence';
import { LanguageModelTools, mcpServerOffers, registerMcpServers, type McpServerOffer } from './lmTools';
import { MatrixPanel } from './matrix';
import { Practice, type PracticeArgs, type PracticeState } from './practice';
import { StoryTree, type TreeNode } from './storyTree';

export const DIAGNOSTIC_SOURCE = SOURCE;

/** Measured in this extension host, in ms from the start of activate() (`npm run bench:editor` reads them). */
export interface Timings {
  /** How long activate() itself took. */
  activateMs: number;
  /**
   * How long the extension host took to load dist/extension.js, by its own performance marks; with activateMs,
   * the activation time VS Code reports. Undefined in a host that keeps no such marks.
   */
  codeLoadingMs?: number;
  /** The first indexing pass: when it ended, how long it took, and what it found. */
  firstIndex?: { doneMs: number; ms: number; files: number; stories: number };
  /** When the coverage view first read its rows after that pass. */
  firstTreeRenderMs?: number;
  /** When the coverage view first showed stories, with the indexing progress above them when the pass had not ended. */
  firstRowsMs?: number;
  /** The last finished indexing pass: files read, and whether progress was shown in the coverage view. */
  lastIndex?: IndexingSummary;
}

/**
 * What activate() returns: a test-only API, for the real-editor tests (test/integration) and `npm run bench:editor`.
 * It lets them wait for the index and read what a user would see but the VS Code API cannot read back: the models
 * behind the coverage tree, the status bar items, the matrix webview and the evidence decorations, and a few
 * counters and timings. It changes nothing; anything a test can do or read through VS Code itself (commands,
 * diagnostics, CodeLens, hovers) stays out of it. Nothing else uses it; keep it this small.
 */
export interface StoryBankApi {
  /** Resolves when indexing, debounced lints and pending file reads have settled. */
  whenIdle(): Promise<void>;
  /** The coverage the tree, matrix and tools show, once idle. */
  getCoverage(): Promise<readonly CoverageEntry[]>;
  /** The coverage tree's rows (roots without an argument) and how each renders. */
  getTreeChildren(node?: TreeNode): Promise<TreeNode[]>;
  getTreeItem(node: TreeNode): vscode.TreeItem;
  /** The ids (TreeItem.id) of the coverage view's selected rows. */
  getTreeSelection(): string[];
  /** The active story's status bar item, or undefined while it is hidden. */
  getStatus(): { text: string; tooltip: string } | undefined;
  /** Practice mode's status bar entry and countdown. */
  getPracticeState(): PracticeState;
  /** The coverage matrix webview's current HTML (undefined while it is closed), and a click on one of its stories. */
  getMatrixHtml(): string | undefined;
  openFromMatrix(path: string): Promise<vscode.TextEditor | undefined>;
  /** The evidence spans Highlight Evidence decorated in the story, or undefined when it is not highlighted. */
  getEvidenceHighlights(uri: vscode.Uri): HighlightedEvidence[] | undefined;
  /** How many times a pause in typing led to a lint of the file. */
  getTypingLints(uri: vscode.Uri): number;
  getTimings(): Timings;
  /** The extension's log folder; the extension host's own log sits in the folder above. */
  getLogUri(): vscode.Uri;
  /** The MCP servers offered to agent mode, and whether this editor took the provider (VS Code 1.101+). */
  getMcpServers(): { registered: boolean; offers: McpServerOffer[] };
}

const MARKDOWN: vscode.DocumentSelector = [
  { language: 'markdown', scheme: 'file' },
  { language: 'markdown', scheme: 'untitled' },
  { language: 'markdown', scheme: 'vscode-remote' },
  { language: 'markdown', scheme: 'vscode-vfs' },
];

export function activate(context: vscode.ExtensionContext): StoryBankApi {
  const activationStarted = performance.now();
  const log = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  const bank = new StoryBank(log, context.workspaceState.get<string>(ACTIVE_PROFILE_STATE_KEY), context.storageUri);
  const tree = new StoryTree(bank);
  // No collapse-all button: the title bar keeps room for the view's name at the default width.
  const treeView = vscode.window.createTreeView(COVERAGE_VIEW_ID, { treeDataProvider: tree });
  const status = new StoryStatus(bank);
  const lenses = new TimingLenses(bank);
  const matrix = new MatrixPanel(bank);
  const practice = new Practice(bank);
  const evidenceHighlighter = new EvidenceHighlighter(bank);
  context.subscriptions.push(log, bank, tree, treeView, status, lenses, matrix, practice, evidenceHighlighter);

  const revealActiveNow = async (): Promise<void> => {
    // After a refresh, wait until the view holds the new rows; revealing one it has not seen fails.
    await tree.whenViewCaughtUp();
    const uri = vscode.window.activeTextEditor?.document.uri;
    if (!treeView.visible || !uri) return;
    // Another refresh came in meanwhile: the reveal that follows it will do this.
    if (tree.refreshPending) return;
    const node = tree.findStory(uri);
    if (!node) return;
    await treeView.reveal(node, { select: true, focus: false, expand: false }).then(undefined, (error: unknown) => {
      log.warn(`could not reveal ${uri.toString()} in the coverage view: ${String(error)}`);
    });
  };
  // One reveal at a time: two at once make the view fetch the same rows twice and drop the first answer,
  // so the first reveal fails. Requests during a reveal collapse into one more afterwards.
  let revealing: Promise<void> | undefined;
  let revealAgain = false;
  const revealActive = async (): Promise<void> => {
    if (revealing) {
      revealAgain = true;
      return;
    }
    do {
      revealAgain = false;
      revealing = revealActiveNow();
      await revealing;
    } while (revealAgain);
    revealing = undefined;
  };

  const scheduleReindex = (reason: string): void => bank.scheduleReindex(reason);
  const isConfigFile = (document: vscode.TextDocument) => document.uri.path.endsWith(`/${CONFIG_FILE_NAME}`);

  context.subscriptions.push(
    bank.onDidChange(() => {
      tree.refresh();
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.hasStories, bank.stories().length > 0);
      void revealActive();
    }),
    bank.onDidProgress((progress) => {
      treeView.message = progress ? `Checking stories: ${progress.done} of ${progress.total}` : undefined;
    }),
    vscode.languages.registerCodeActionsProvider(MARKDOWN, new StoryCodeActions(bank), { providedCodeActionKinds: StoryCodeActions.kinds }),
    vscode.languages.registerCodeLensProvider(MARKDOWN, lenses),
    vscode.languages.registerHoverProvider(MARKDOWN, new QuestionHover(bank)),
    vscode.languages.registerHoverProvider(MARKDOWN, new EvidenceHover(bank)),
    vscode.languages.registerCompletionItemProvider(MARKDOWN, new QuestionCompletion(bank), ...QuestionCompletion.triggers),
    vscode.workspace.onDidOpenTextDocument((document) => void bank.updateDocument(document)),
    vscode.workspace.onDidChangeTextDocument(({ document, contentChanges }) => {
      if (contentChanges.length === 0) return;
      if (isConfigFile(document)) scheduleReindex(`${CONFIG_FILE_NAME} edited`);
      else if (isMarkdown(document) && lintOn(document.uri) === 'type') bank.scheduleLint(document);
    }),
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (isMarkdown(document) && lintOn(document.uri) === 'save') bank.updateDocument(document);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      if (isConfigFile(document)) scheduleReindex(`${CONFIG_FILE_NAME} closed`);
      else if (isMarkdown(document)) bank.documentClosed(document);
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => scheduleReindex('workspace folders changed')),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SETTINGS_SECTION)) scheduleReindex('settings changed');
    }),
    vscode.window.onDidChangeActiveTextEditor(() => void revealActive()),
    treeView.onDidChangeVisibility(() => void revealActive()),

    vscode.commands.registerCommand(COMMANDS.refreshCoverage, async () => {
      await bank.reindex('refresh');
      await bank.whenIdle();
    }),
    vscode.commands.registerCommand(COMMANDS.newStory, (args?: NewStoryArgs) => newStory(bank, isArgs(args) ? args : {})),
    vscode.commands.registerCommand(COMMANDS.newStoryForQuestion, (arg?: unknown, extra?: NewStoryArgs) =>
      newStory(bank, { ...(isArgs(extra) ? extra : {}), questionId: questionIdOf(arg), ...(folderOfRow(arg) ? { folder: folderOfRow(arg) } : {}) }),
    ),
    vscode.commands.registerCommand(COMMANDS.checkWorkspace, (options?: { quiet?: boolean }): Promise<CheckSummary> =>
      checkWorkspace(bank, log, options?.quiet === true),
    ),
    vscode.commands.registerCommand(COMMANDS.openNextGap, (args?: NewStoryArgs) => openNextGap(bank, isArgs(args) ? args : {})),
    vscode.commands.registerCommand(COMMANDS.showLog, () => log.show()),
    vscode.commands.registerCommand(COMMANDS.openRuleDocs, (ruleId: unknown) => openRuleDocs(context.extensionUri, ruleId)),
    vscode.commands.registerCommand(COMMANDS.revealFinding, revealFinding),
    vscode.commands.registerCommand(COMMANDS.openExamples, (args?: OpenExamplesArgs) => openExamples(context.extensionUri, isArgs(args) ? args : {})),
    vscode.commands.registerCommand(COMMANDS.focusCoverage, focusCoverage),
    vscode.commands.registerCommand(COMMANDS.showMatrix, () => void matrix.show()),
    vscode.commands.registerCommand(COMMANDS.practice, (args?: PracticeArgs) => practice.run(isArgs(args) ? args : {})),
    vscode.commands.registerCommand(COMMANDS.stopPractice, () => practice.stop()),
    vscode.commands.registerCommand(COMMANDS.switchProfile, (arg?: unknown) => switchProfile(bank, context.workspaceState, arg)),
    vscode.commands.registerCommand(COMMANDS.exportCheatSheet, (arg?: unknown) => exportCheatSheet(bank, arg)),
    vscode.commands.registerCommand(COMMANDS.highlightEvidence, (arg?: unknown): EvidenceHighlightState | undefined =>
      evidenceHighlighter.toggle(arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? vscode.Uri.parse(arg) : undefined),
    ),
  );

  // Tools for AI assistants: language-model tools over this index, and the CLI's MCP server for agent mode.
  context.subscriptions.push(...new LanguageModelTools(bank, context.extensionUri).register());
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');
  const mcpRegistered = registerMcpServers(context, version);

  // Open documents first (cheap, what the user is looking at), then the whole bank in the background.
  for (const document of vscode.workspace.textDocuments) if (isMarkdown(document)) bank.scheduleLint(document);
  const firstIndex = bank.reindex('activation').finally(() => void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.indexed, true));
  const firstIndexTimed = firstIndex.then(() => {
    const done = bank.lastIndexing;
    if (!done) return undefined;
    const timing = { doneMs: Math.round(performance.now() - activationStarted), ms: done.ms, files: done.files, stories: done.stories };
    log.info(`first index: ${timing.stories} stories in ${timing.ms} ms, done ${timing.doneMs} ms after activation started`);
    return timing;
  });
  let firstIndexTiming: Timings['firstIndex'];
  void firstIndexTimed.then((timing) => (firstIndexTiming = timing));
  const activateMs = Math.round((performance.now() - activationStarted) * 10) / 10;
  log.info(`activated in ${activateMs} ms; lint on ${lintOn(undefined)}`);

  return {
    whenIdle: () => bank.whenIdle(),
    async getCoverage() {
      await bank.whenIdle();
      return bank.coverage();
    },
    async getTreeChildren(node) {
      await bank.whenIdle();
      return tree.rows(node);
    },
    getTreeItem: (node) => tree.getTreeItem(node),
    getTreeSelection: () => treeView.selection.map((node) => tree.getTreeItem(node).id ?? ''),
    getStatus: () => (status.visible ? { text: status.item.text, tooltip: String(status.item.tooltip ?? '') } : undefined),
    getPracticeState: () => practice.getState(),
    getMatrixHtml: () => matrix.html,
    openFromMatrix: (path) => matrix.openStory(path),
    getEvidenceHighlights: (uri) => evidenceHighlighter.rangesFor(uri),
    getTypingLints: (uri) => bank.typingLints.get(uri.toString()) ?? 0,
    getTimings: () => ({
      activateMs,
      codeLoadingMs: hostCodeLoadingMs(context.extension.id),
      firstIndex: firstIndexTiming,
      firstTreeRenderMs: tree.firstRenderAt === undefined ? undefined : Math.round(tree.firstRenderAt - activationStarted),
      firstRowsMs: tree.firstRowsAt === undefined ? undefined : Math.round(tree.firstRowsAt - activationStarted),
      lastIndex: bank.lastIndexing,
    }),
    getLogUri: () => context.logUri,
    getMcpServers: () => ({ registered: mcpRegistered, offers: mcpServerOffers(context.extensionUri, version) }),
  };
}

interface PerformanceMarks {
  getMarks(): { name: string; startTime: number }[];
}

/** The extension host marks when it starts and ends loading an extension's code (`code/extHost/willLoadExtensionCode/<id>`). */
function hostCodeLoadingMs(extensionId: string): number | undefined {
  const marks = (globalThis as { MonacoPerformanceMarks?: Partial<PerformanceMarks> }).MonacoPerformanceMarks;
  if (typeof marks?.getMarks !== 'function') return undefined;
  const all = marks.getMarks();
  const at = (event: string) => all.find((mark) => mark.name === `code/extHost/${event}/${extensionId}`)?.startTime;
  const start = at('willLoadExtensionCode');
  const end = at('didLoadExtensionCode');
  return start === undefined || end === undefined ? undefined : Math.round((end - start) * 10) / 10;
}

function isArgs(value: unknown): value is NewStoryArgs {
  return typeof value === 'object' && value !== null && !('kind' in value) && !(value instanceof vscode.Uri);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
