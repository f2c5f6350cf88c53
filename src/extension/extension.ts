// Thin editor layer: wires the editor-agnostic core (src/core) into VS Code.
// No story judgment lives here; everything is decided by checkStoryText/computeCoverage.
import * as vscode from 'vscode';
import { checkStoryText, computeCoverage, getProfile, DEFAULT_PROFILE_ID } from '../core';
import type { CoverageEntry, Finding, StoryResult } from '../core';
import { CoverageTreeProvider } from './coverageTree';

export const DIAGNOSTIC_SOURCE = 'story-bank';
const STORY_GLOB = '**/*.md';
const EXCLUDE_GLOB = '**/node_modules/**';

/** What activate() returns; used by the integration tests to look at the tree's model. */
export interface StoryBankApi {
  getCoverage(): Promise<readonly CoverageEntry[]>;
  refreshCoverage(): Promise<void>;
}

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

function toDiagnostic(finding: Finding): vscode.Diagnostic {
  const { start, end } = finding.range;
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(start.line, start.character, end.line, end.character),
    finding.message,
    SEVERITY[finding.severity],
  );
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = finding.docsUrl ? { value: finding.ruleId, target: vscode.Uri.parse(finding.docsUrl) } : finding.ruleId;
  return diagnostic;
}

function isCandidate(document: vscode.TextDocument): boolean {
  return document.languageId === 'markdown' && document.uri.scheme !== 'git';
}

function check(text: string): StoryResult {
  return checkStoryText(text, {});
}

export function activate(context: vscode.ExtensionContext): StoryBankApi {
  const diagnostics = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  context.subscriptions.push(diagnostics);

  const lint = (document: vscode.TextDocument): void => {
    if (!isCandidate(document)) return;
    const result = check(document.getText());
    if (result.isStory) diagnostics.set(document.uri, result.findings.map(toDiagnostic));
    else diagnostics.delete(document.uri);
  };

  const profile = getProfile(DEFAULT_PROFILE_ID);
  if (!profile) throw new Error(`Story Bank: built-in profile ${DEFAULT_PROFILE_ID} is missing`);

  let coverage: readonly CoverageEntry[] = [];
  const tree = new CoverageTreeProvider(() => coverage);
  context.subscriptions.push(tree, vscode.window.createTreeView('storyBank.coverage', { treeDataProvider: tree, showCollapseAll: true }));

  const readStory = async (uri: vscode.Uri): Promise<string> => {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return open.getText();
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  };

  let pending: Promise<void> | undefined;
  const computeNow = async (): Promise<void> => {
    const uris = await vscode.workspace.findFiles(STORY_GLOB, EXCLUDE_GLOB);
    const stories: { path: string; result: StoryResult }[] = [];
    for (const uri of uris) {
      try {
        const result = check(await readStory(uri));
        if (result.isStory) stories.push({ path: vscode.workspace.asRelativePath(uri, false), result });
      } catch (err) {
        console.warn(`Story Bank: could not read ${uri.toString()}: ${String(err)}`);
      }
    }
    stories.sort((a, b) => a.path.localeCompare(b.path));
    coverage = computeCoverage(profile, stories);
    tree.refresh();
  };
  const refreshCoverage = (): Promise<void> => {
    // Chain refreshes so a later one always sees the latest files.
    pending = (pending ?? Promise.resolve()).then(computeNow, computeNow);
    return pending;
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  const scheduleCoverage = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => { timer = undefined; void refreshCoverage(); }, 300);
  };
  context.subscriptions.push({ dispose: () => timer && clearTimeout(timer) });

  const watcher = vscode.workspace.createFileSystemWatcher(STORY_GLOB);
  context.subscriptions.push(
    watcher,
    watcher.onDidCreate(scheduleCoverage),
    watcher.onDidChange(scheduleCoverage),
    watcher.onDidDelete(scheduleCoverage),
    vscode.workspace.onDidOpenTextDocument(lint),
    vscode.workspace.onDidChangeTextDocument((e) => {
      lint(e.document);
      if (isCandidate(e.document)) scheduleCoverage();
    }),
    vscode.workspace.onDidCloseTextDocument((d) => diagnostics.delete(d.uri)),
    vscode.workspace.onDidChangeWorkspaceFolders(scheduleCoverage),
    vscode.commands.registerCommand('storyBank.refreshCoverage', refreshCoverage),
  );

  vscode.workspace.textDocuments.forEach(lint);
  void refreshCoverage();

  return {
    async getCoverage() {
      await (pending ?? refreshCoverage());
      return coverage;
    },
    refreshCoverage,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
