// Palette and view commands. Each accepts arguments so tests (and keybindings) can skip the prompts.
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, docsUrl, slugify, storyTemplate } from '../core';
import { nextGapEntry } from '../core/assistant';
import type { CoverageEntry, Profile } from '../core';
import type { StoryBank } from './bank';
import { COVERAGE_VIEW_ID, EXAMPLE_BANK, EXCLUDE_GLOB, STORIES_FOLDER } from './constants';
import type { TreeNode } from './storyTree';

export interface NewStoryArgs {
  questionId?: string;
  title?: string;
  /** The workspace folder to create the story in; defaults to the first one (or the active editor's). */
  folder?: vscode.Uri;
  /** Open the new file in an editor (default true). */
  open?: boolean;
}

export interface CheckSummary {
  stories: number;
  errors: number;
  warnings: number;
  ready: number;
  coverage: Record<CoverageEntry['status'], number>;
  milliseconds: number;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates `<directory>/<slug>.md` (or `-2`, `-3`, ...) with the given content and never touches an existing
 * file: a name is only used when it does not exist, the create is told to leave existing files alone, and
 * the result is read back to confirm it is ours before it counts.
 */
export async function createStoryFile(directory: vscode.Uri, slug: string, content: string): Promise<vscode.Uri> {
  const bytes = new TextEncoder().encode(content);
  for (let n = 1; n < 1000; n++) {
    const uri = vscode.Uri.joinPath(directory, `${slug}${n === 1 ? '' : `-${n}`}.md`);
    if (await exists(uri)) continue;
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { ignoreIfExists: true, overwrite: false, contents: bytes });
    if (!(await vscode.workspace.applyEdit(edit))) continue;
    const written = await vscode.workspace.fs.readFile(uri).then(
      (data) => new TextDecoder().decode(data),
      () => undefined,
    );
    if (written === content) return uri;
    // Someone else's file appeared under this name between the check and the create: leave it be.
  }
  throw new Error(`Story Bank: no free file name for "${slug}" in ${directory.fsPath}`);
}

function targetFolder(args: NewStoryArgs): vscode.Uri | undefined {
  if (args.folder) return args.folder;
  const active = vscode.window.activeTextEditor?.document.uri;
  const activeFolder = active && vscode.workspace.getWorkspaceFolder(active);
  return activeFolder?.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
}

function isInside(uri: vscode.Uri, folder: vscode.Uri): boolean {
  return uri.toString().startsWith(folder.toString().replace(/\/?$/, '/'));
}

/**
 * Where New Story writes in a workspace folder. The bank is the folder of a `.storybank.yaml`: the one
 * around the active editor, else the folder's own, else the only one in the folder. New stories go into
 * the bank's `stories/` folder when it has one, else beside its `.storybank.yaml`. When the folder's
 * configuration sits above it (`configFile`: the folder is part of a bank opened below its root), into the
 * folder itself. Without any `.storybank.yaml`, into `stories/` of the workspace folder.
 */
export async function newStoryDirectory(folder: vscode.Uri, configFile?: vscode.Uri): Promise<vscode.Uri> {
  const configs = (await vscode.workspace.findFiles(new vscode.RelativePattern(folder, `**/${CONFIG_FILE_NAME}`), EXCLUDE_GLOB, 50))
    .map((uri) => vscode.Uri.joinPath(uri, '..'))
    .sort((a, b) => b.path.length - a.path.length); // deepest first
  const active = vscode.window.activeTextEditor?.document.uri;
  const bank =
    (active && configs.find((dir) => isInside(active, dir))) ??
    configs.find((dir) => dir.toString() === folder.toString()) ??
    (configs.length === 1 ? configs[0] : undefined);
  if (!bank && configFile && !isInside(configFile, folder)) return folder;
  if (!bank) return vscode.Uri.joinPath(folder, STORIES_FOLDER);
  const storiesDir = vscode.Uri.joinPath(bank, STORIES_FOLDER);
  const isDirectory = await vscode.workspace.fs.stat(storiesDir).then(
    (stat) => (stat.type & vscode.FileType.Directory) !== 0,
    () => false,
  );
  return isDirectory ? storiesDir : bank;
}

/** The New Story input box title: "New story: A failure you own". */
export function newStoryPromptTitle(question: { title: string }): string {
  return `New story: ${question.title}`;
}

async function pickQuestion(profile: Profile, coverage: readonly CoverageEntry[]): Promise<string | undefined> {
  const picked = await vscode.window.showQuickPick(
    profile.questions.map((question) => {
      const entry = coverage.find((c) => c.id === question.id);
      return {
        label: question.title,
        description: entry ? `${entry.status} · ${entry.ready.length} ready` : question.id,
        detail: question.question,
        id: question.id,
      };
    }),
    { title: 'New story: which question does it answer?', placeHolder: 'Question type', matchOnDetail: true },
  );
  return picked?.id;
}

export async function newStory(bank: StoryBank, args: NewStoryArgs = {}): Promise<vscode.Uri | undefined> {
  const folder = targetFolder(args);
  if (!folder) {
    void vscode.window.showWarningMessage('Story Bank: open a folder first; stories are files in a workspace folder.');
    return undefined;
  }
  const profile = bank.configFor(folder).profile;
  const questionId = args.questionId ?? (await pickQuestion(profile, bank.folderView(folder).coverage));
  if (!questionId) return undefined;
  const question = profile.questions.find((q) => q.id === questionId);
  if (!question) throw new Error(`Story Bank: unknown question type "${questionId}" (profile ${profile.id})`);
  const title =
    args.title ??
    (await vscode.window.showInputBox({
      title: newStoryPromptTitle(question),
      prompt: question.question,
      placeHolder: 'A short title, e.g. "Shrinking the free trial"',
      validateInput: (value) => (value.trim() ? undefined : 'Give the story a title'),
    }));
  if (!title?.trim()) return undefined;
  const uri = await createStoryFile(await newStoryDirectory(folder, bank.configFileFor(folder)), slugify(title), storyTemplate(question, title.trim()));
  await bank.fileChanged(uri);
  if (args.open !== false) {
    const editor = await vscode.window.showTextDocument(uri);
    // Put the cursor on the first prompt.
    const firstPrompt = editor.document.getText().indexOf('<!--');
    if (firstPrompt >= 0) {
      const position = editor.document.positionAt(firstPrompt);
      editor.selection = new vscode.Selection(position, editor.document.lineAt(position.line).range.end);
    }
  }
  return uri;
}

/** The workspace folder of a coverage tree row, in a multi-root workspace (where rows sit under a folder row). */
export function folderOfRow(arg: unknown): vscode.Uri | undefined {
  let node = arg as TreeNode | undefined;
  while (node && typeof node === 'object' && 'kind' in node) {
    if (node.kind === 'folder') return node.folder.uri;
    node = node.parent;
  }
  return undefined;
}

/** The question id a "new story for this question" invocation means: a string, or the tree row it came from. */
export function questionIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  const node = arg as TreeNode | undefined;
  if (node?.kind === 'question') return node.entry.id;
  if (node?.kind === 'newStory') return node.parent.entry.id;
  return undefined;
}

export async function checkWorkspace(bank: StoryBank, log: vscode.LogOutputChannel, quiet = false): Promise<CheckSummary> {
  const started = performance.now();
  await bank.reindex('Check Workspace');
  await bank.whenIdle();
  const stories = bank.stories();
  const findings = stories.flatMap((story) => story.result.findings);
  const coverage = bank.coverage();
  const summary: CheckSummary = {
    stories: stories.length,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    ready: new Set(coverage.flatMap((c) => c.ready)).size,
    coverage: {
      covered: coverage.filter((c) => c.status === 'covered').length,
      thin: coverage.filter((c) => c.status === 'thin').length,
      gap: coverage.filter((c) => c.status === 'gap').length,
    },
    milliseconds: Math.round(performance.now() - started),
  };
  const text =
    `Story Bank: ${summary.stories} stor${summary.stories === 1 ? 'y' : 'ies'}, ${summary.ready} ready; ` +
    `${summary.errors} error(s), ${summary.warnings} warning(s); question types: ` +
    `${summary.coverage.covered} covered, ${summary.coverage.thin} thin, ${summary.coverage.gap} gap.`;
  log.info(`${text} (${summary.milliseconds} ms)`);
  if (!quiet) {
    void vscode.window.showInformationMessage(text, 'Show Problems').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  }
  return summary;
}

/** The first gap (else the first thin type): starts a story for it. Returns the new file, if one was made. */
export async function openNextGap(bank: StoryBank, args: NewStoryArgs = {}): Promise<vscode.Uri | undefined> {
  await bank.whenIdle();
  const coverage = bank.coverage();
  const next = nextGapEntry(coverage);
  if (!next) {
    void vscode.window.showInformationMessage('Story Bank: every question type has at least two ready stories.');
    return undefined;
  }
  return newStory(bank, { ...args, questionId: next.id });
}

/**
 * Shows the rule's docs page bundled with the extension in a locked Markdown preview beside the story (a
 * plain preview follows the active editor, so going back to the story replaced the page); the web page
 * when it is missing.
 */
export async function openRuleDocs(extensionUri: vscode.Uri, ruleId: unknown): Promise<boolean> {
  if (typeof ruleId !== 'string' || !/^[a-z0-9-]+$/.test(ruleId)) return false;
  const page = vscode.Uri.joinPath(extensionUri, 'dist', 'rules', `${ruleId}.md`);
  const bundled = await vscode.workspace.fs.stat(page).then(
    () => true,
    () => false,
  );
  if (!bundled) return vscode.env.openExternal(vscode.Uri.parse(docsUrl(ruleId)));
  await vscode.commands.executeCommand('markdown.showLockedPreviewToSide', page);
  return true;
}

export async function revealFinding(uri: vscode.Uri, range: vscode.Range): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(uri, { selection: range, preserveFocus: false });
}

export interface OpenExamplesArgs {
  /** The folder to copy the example bank into (skips the folder dialog). */
  target?: vscode.Uri;
  /** Open the copy as a folder (default true). */
  open?: boolean;
}

/** The example bank shipped inside the extension. */
export function shippedExampleBank(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'examples', EXAMPLE_BANK);
}

/**
 * Copies the example bank shipped with the extension into a new folder inside one the user picks, then
 * opens it. The copy always goes to a folder name that does not exist yet, and the copy itself refuses to
 * replace anything, so no file of the user's is ever overwritten. Returns the new folder.
 */
export async function openExamples(extensionUri: vscode.Uri, args: OpenExamplesArgs = {}): Promise<vscode.Uri | undefined> {
  const parent =
    args.target ??
    (
      await vscode.window.showOpenDialog({
        title: 'Story Bank: choose where to put a copy of the example bank',
        openLabel: 'Copy Example Bank Here',
        canSelectFiles: false,
        canSelectFolders: true,
        canSelectMany: false,
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      })
    )?.[0];
  if (!parent) return undefined;
  const source = shippedExampleBank(extensionUri);
  for (let n = 1; n < 100; n++) {
    const target = vscode.Uri.joinPath(parent, `story-bank-examples${n === 1 ? '' : `-${n}`}`);
    if (await exists(target)) continue;
    try {
      await vscode.workspace.fs.copy(source, target, { overwrite: false });
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileExists') continue; // appeared meanwhile
      throw error;
    }
    if (args.open !== false) {
      // Keep the user's current folder: the copy opens in its own window unless this one has none.
      const forceNewWindow = (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
      await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow });
    }
    return target;
  }
  throw new Error(`Story Bank: no free folder name for the example bank in ${parent.fsPath}`);
}

export function focusCoverage(): Thenable<unknown> {
  return vscode.commands.executeCommand(`${COVERAGE_VIEW_ID}.focus`);
}
