// The one set-up of the real-editor suites (test/integration/*.test.ts): activating the extension, finding and
// writing files, waiting, reading diagnostics, and the stated expectations they are compared with. Real VS Code
// API, no mocks, and no judgment of the core's: expected findings are written in the tests or in the fixtures.
import * as assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import * as vscode from 'vscode';
import type { StoryBankApi } from '../../src/extension/extension';
import { DIAGNOSTIC_SOURCE, EXTENSION_ID } from '../../src/extension/constants';
import { compareWithExpectations, type ExpectedSeverity, type LocatedFinding } from '../expectations';

export async function activateExtension(): Promise<StoryBankApi> {
  const extension = vscode.extensions.getExtension<StoryBankApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is loaded`);
  const api = await extension.activate();
  await api.whenIdle();
  return api;
}

export function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture workspace is open');
  return vscode.Uri.joinPath(folder.uri, relative);
}

/** A file in the workspace folder of that name (multi-root workspaces). */
export function folderUri(folderName: string, relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.find((candidate) => candidate.name === folderName);
  assert.ok(folder, `the workspace has a folder ${folderName}`);
  return vscode.Uri.joinPath(folder.uri, relative);
}

/** A file shipped with the extension under test (the repository: test fixtures, snippets, examples). */
export function repoUri(relative: string): vscode.Uri {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is loaded`);
  return vscode.Uri.joinPath(extension.extensionUri, relative);
}

export async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until `read()` deep-equals `expected`; if it never does, fails showing the last value against it. */
export async function untilEqual<T>(what: string, read: () => T | Promise<T>, expected: T, timeoutMs = 10_000): Promise<T> {
  try {
    return await until(
      what,
      async () => {
        const value = await read();
        return isDeepStrictEqual(value, expected) ? value : undefined;
      },
      timeoutMs,
    );
  } catch (error) {
    assert.deepEqual(await read(), expected, String(error));
    throw error;
  }
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  if (d.code === undefined) return undefined;
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

const SEVERITY_NAME: Record<vscode.DiagnosticSeverity, ExpectedSeverity> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

/** A diagnostic as a fixture states it: 1-based line, rule id and severity. */
export function located(d: vscode.Diagnostic): LocatedFinding {
  return { line: d.range.start.line + 1, ruleId: codeOf(d) ?? '', severity: SEVERITY_NAME[d.severity] };
}

/** "line:rule:severity", sorted: how the tests below state the findings they expect. */
export function findingKeys(uri: vscode.Uri): string[] {
  return ours(uri)
    .map(located)
    .map((f) => `${f.line}:${f.ruleId}:${f.severity}`)
    .sort();
}

/** Waits until the story's diagnostics are exactly `expected` ("line:rule:severity", any order). */
export async function diagnosticsAre(uri: vscode.Uri, expected: readonly string[], what = uri.path): Promise<vscode.Diagnostic[]> {
  await untilEqual(`diagnostics on ${what}`, () => findingKeys(uri), [...expected].sort());
  return ours(uri);
}

/** Waits until the diagnostics of a fixture story are the findings written inside it (see test/expectations.ts). */
export async function waitForExpectedFindings(uri: vscode.Uri, text?: string): Promise<vscode.Diagnostic[]> {
  const source = text ?? (await readText(uri));
  const compare = () => compareWithExpectations(source, ours(uri).map(located));
  await untilEqual(`the expected findings on ${uri.path}`, () => compare().actual, compare().expected);
  return ours(uri);
}

/** Writes a scratch story, opens it in an editor and waits until it shows `findings`. */
export async function openScratchStory(scratch: Scratch, relative: string, text: string, findings: readonly string[]): Promise<vscode.TextDocument> {
  const uri = scratch.track(workspaceUri(relative));
  await writeText(uri, text);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  await diagnosticsAre(uri, findings);
  return doc;
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

export async function remove(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.workspace.fs.delete(uri, { useTrash: false, recursive: true });
  } catch {
    // already gone
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}

/** Files a test created; deleted (after closing their editors) in teardown so the fixture stays clean. */
export class Scratch {
  private readonly uris: vscode.Uri[] = [];

  track(uri: vscode.Uri): vscode.Uri {
    this.uris.push(uri);
    return uri;
  }

  async cleanup(): Promise<void> {
    // Revert unsaved edits first, so closing never asks to save.
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // A save of a just-closed editor can land after the deletion and bring the file back: delete until it stays gone.
    const uris = this.uris.splice(0);
    for (const uri of uris) await remove(uri);
    await until('the scratch files to stay deleted', async () => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const back = (await Promise.all(uris.map(async (uri) => ((await exists(uri)) ? [uri] : [])))).flat();
      for (const uri of back) await remove(uri);
      return back.length === 0 ? true : undefined;
    });
  }
}

export const WEAK_STORY = [
  '---',
  'title: Quick fix target',
  'questions: [judgement]',
  '---',
  '',
  '## Situation',
  '',
  'Our trial conversion stalled at nine percent and nobody owned it.',
  '',
  '## Action',
  '',
  'I proposed a shorter trial and ran it for two weeks.',
  '',
].join('\n');

/** The coverage of the fixture workspace's three stories (test/fixtures/workspace/stories), netflix-pm profile. */
export const FIXTURE_COVERAGE = [
  { id: 'judgment', title: 'Judgment with incomplete data', status: 'thin', stories: ['stories/pricing-test.md'], ready: ['stories/pricing-test.md'] },
  { id: 'candor', title: 'Difficult feedback', status: 'gap', stories: [], ready: [] },
  { id: 'disagree-commit', title: 'Disagree, then commit', status: 'gap', stories: ['stories/pricing-test.md'], ready: [] },
  { id: 'failure', title: 'A failure you own', status: 'gap', stories: ['stories/missed-migration.md'], ready: [] },
  { id: 'leadership', title: 'Leading without authority', status: 'gap', stories: ['stories/team-offsite.md'], ready: [] },
];

/** What the editor reports on WEAK_STORY, as "line:rule:severity". */
export const WEAK_STORY_FINDINGS = ['3:frontmatter:error', '10:result:warning', '10:structure:warning', '10:tradeoff:warning'];

/**
 * The hooks most suites share: activate the extension once, and after each test close its editors, delete
 * its scratch files and wait until the index has settled. `activated` receives the extension's test API;
 * `afterEach` runs first in each teardown (settings a test changed, a practice it started).
 */
export function useStoryBank(scratch: Scratch, activated: (api: StoryBankApi) => void, afterEach?: () => Thenable<unknown>): void {
  let api: StoryBankApi | undefined;
  suiteSetup(async () => {
    api = await activateExtension();
    activated(api);
  });
  teardown(async () => {
    await afterEach?.();
    await scratch.cleanup();
    await api?.whenIdle();
  });
}
