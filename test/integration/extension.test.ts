// Runs inside the extension host of a real VS Code (see test/harness). `vscode` is the real API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { checkStoryText, computeCoverage, getProfile, DEFAULT_PROFILE_ID } from '../../src/core';
import type { StoryResult } from '../../src/core';
import type { StoryBankApi } from '../../src/extension/extension';
import { SEVERITY } from './helpers';

const EXTENSION_ID = 'story-bank.story-bank';
const SOURCE = 'story-bank';

function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture workspace is open');
  return vscode.Uri.joinPath(folder.uri, relative);
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** A diagnostic as plain data, comparable with what the core reports. */
function shape(d: vscode.Diagnostic) {
  return {
    ruleId: codeOf(d),
    severity: d.severity,
    message: d.message,
    range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
  };
}

function expectedFrom(result: StoryResult) {
  return result.findings.map((f) => ({
    ruleId: f.ruleId,
    severity: SEVERITY[f.severity],
    message: f.message,
    range: [f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character],
  }));
}

const byPosition = (a: ReturnType<typeof shape>, b: ReturnType<typeof shape>) =>
  a.range.join(',').localeCompare(b.range.join(','), undefined, { numeric: true }) || String(a.ruleId).localeCompare(String(b.ruleId));

async function openStory(relative: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(relative));
  await vscode.window.showTextDocument(doc);
  return doc;
}

suite('Story Bank in VS Code', () => {
  let api: StoryBankApi;

  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension<StoryBankApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    api = await extension.activate();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('activates and hands back its API', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension?.isActive, 'extension is active');
    assert.equal(typeof api.getCoverage, 'function');
    assert.equal(typeof api.refreshCoverage, 'function');
  });

  test('a weak story gets a story-bank diagnostic at the exact range', async () => {
    const doc = await openStory('stories/team-offsite.md');
    const result = await until('the vague-result diagnostic on team-offsite.md', () => ours(doc.uri).find((d) => codeOf(d) === 'result'));
    // "## Result" is line 15 (1-based); its only sentence sits on line 17, i.e. 0-based line 16.
    assert.equal(doc.lineAt(16).text, 'It went well and everyone was happy.', 'fixture sanity');
    assert.deepEqual([result.range.start.line, result.range.start.character, result.range.end.line, result.range.end.character], [16, 0, 16, 36]);
    assert.equal(result.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(result.message, /^Unexpected vague result "It went well and everyone was happy\."/);
  });

  test('diagnostics mirror the core findings for every fixture story', async () => {
    for (const relative of ['stories/team-offsite.md', 'stories/pricing-test.md', 'stories/missed-migration.md']) {
      const doc = await openStory(relative);
      const expected = expectedFrom(checkStoryText(doc.getText(), {})).sort(byPosition);
      const actual = await until(`diagnostics on ${relative}`, () => {
        const found = ours(doc.uri).map(shape).sort(byPosition);
        return found.length === expected.length ? found : undefined;
      });
      assert.deepEqual(actual, expected, relative);
    }
  });

  test('diagnostic codes link to the rule documentation', async () => {
    const doc = await openStory('stories/team-offsite.md');
    const findings = checkStoryText(doc.getText(), {}).findings;
    const diagnostics = await until('diagnostics', () => (ours(doc.uri).length === findings.length && findings.length ? ours(doc.uri) : undefined));
    for (const d of diagnostics) {
      assert.ok(typeof d.code === 'object' && d.code !== null, 'code carries a link');
      const finding = findings.find((f) => f.ruleId === String((d.code as { value: string }).value));
      assert.ok(finding, `a finding for ${codeOf(d)}`);
      assert.equal((d.code as { target: vscode.Uri }).target.toString(), vscode.Uri.parse(finding.docsUrl).toString());
    }
  });

  test('Markdown without story frontmatter is left alone', async () => {
    const doc = await openStory('notes.md');
    assert.equal(checkStoryText(doc.getText(), {}).isStory, false, 'fixture sanity: notes.md is not a story');
    // Diagnostics of an opened story arrive within a few ms; give notes.md the same chance.
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(ours(doc.uri), []);
  });

  test('diagnostics follow edits and go away when the text stops being a story', async () => {
    const story = (await vscode.workspace.openTextDocument(workspaceUri('stories/team-offsite.md'))).getText();
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: story });
    await vscode.window.showTextDocument(doc);
    const expectedCount = checkStoryText(story, {}).findings.length;
    assert.ok(expectedCount > 0, 'fixture sanity: the weak story has findings');
    await until('diagnostics on the untitled story', () => (ours(doc.uri).length === expectedCount ? true : undefined));

    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), '# Just notes\n\nNothing to see here.\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await until('diagnostics to clear', () => (ours(doc.uri).length === 0 ? true : undefined));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('the Story Bank view container and coverage view open', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.storyBank');
    await vscode.commands.executeCommand('storyBank.coverage.focus');
    await vscode.commands.executeCommand('storyBank.refreshCoverage');
  });

  test('the coverage tree model lists every question type of the profile', async () => {
    const profile = getProfile(DEFAULT_PROFILE_ID);
    assert.ok(profile);
    const coverage = await api.getCoverage();
    assert.deepEqual(
      coverage.map((c) => c.id),
      profile.questions.map((q) => q.id),
    );
    assert.deepEqual(
      coverage.map((c) => c.id),
      ['judgment', 'candor', 'disagree-commit', 'failure', 'leadership'],
    );
  });

  test('the coverage matches the core over the fixture stories', async () => {
    const profile = getProfile(DEFAULT_PROFILE_ID);
    assert.ok(profile);
    const stories: { path: string; result: StoryResult }[] = [];
    for (const relative of ['stories/missed-migration.md', 'stories/pricing-test.md', 'stories/team-offsite.md']) {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(relative)));
      stories.push({ path: relative, result: checkStoryText(text, {}) });
    }
    await api.refreshCoverage();
    const coverage = await api.getCoverage();
    assert.deepEqual(coverage, computeCoverage(profile, stories));
    const status = Object.fromEntries(coverage.map((c) => [c.id, c.status]));
    assert.equal(status.candor, 'gap', 'no fixture story answers candor');
    assert.notEqual(status.leadership, 'covered', 'the only leadership story is a weak draft');
    assert.deepEqual(coverage.find((c) => c.id === 'failure')?.stories, ['stories/missed-migration.md']);
  });
});
