// Shared by the editor-layer suites (story-bank-*.test.ts). Real VS Code API, no mocks.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { checkStoryText } from '../../src/core';
import type { StoryResult } from '../../src/core';
import type { StoryBankApi } from '../../src/extension/extension';
import { DIAGNOSTIC_SOURCE, EXTENSION_ID } from '../../src/extension/constants';

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

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  if (d.code === undefined) return undefined;
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

export const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
} as const;

export type Shape = { ruleId: string | undefined; severity: vscode.DiagnosticSeverity; message: string; range: number[] };

export function shape(d: vscode.Diagnostic): Shape {
  return {
    ruleId: codeOf(d),
    severity: d.severity,
    message: d.message,
    range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
  };
}

export function expectedFrom(result: StoryResult): Shape[] {
  return result.findings
    .map((f) => ({
      ruleId: f.ruleId,
      severity: SEVERITY[f.severity],
      message: f.message,
      range: [f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character],
    }))
    .sort(byPosition);
}

export const byPosition = (a: Shape, b: Shape) =>
  a.range.join(',').localeCompare(b.range.join(','), undefined, { numeric: true }) ||
  String(a.ruleId).localeCompare(String(b.ruleId)) ||
  a.message.localeCompare(b.message);

/** Waits until the diagnostics on `uri` are exactly what the core reports for `text` (default config). */
export async function diagnosticsMatch(uri: vscode.Uri, text: string, what = uri.path): Promise<Shape[]> {
  const expected = expectedFrom(checkStoryText(text, {}));
  let actual: Shape[] = [];
  try {
    return await until(`diagnostics on ${what} to match the core`, () => {
      actual = ours(uri).map(shape).sort(byPosition);
      return JSON.stringify(actual) === JSON.stringify(expected) ? actual : undefined;
    });
  } catch (error) {
    assert.deepEqual(actual, expected, String(error));
    throw error;
  }
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
    for (const uri of this.uris.splice(0)) await remove(uri);
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

/**
 * The hooks most suites share: activate the extension once, and after each test close its editors, delete
 * its scratch files and wait until the index has settled. `activated` receives the extension's test API.
 */
export function useStoryBank(scratch: Scratch, activated: (api: StoryBankApi) => void): void {
  let api: StoryBankApi | undefined;
  suiteSetup(async () => {
    api = await activateExtension();
    activated(api);
  });
  teardown(async () => {
    await scratch.cleanup();
    await api?.whenIdle();
  });
}
