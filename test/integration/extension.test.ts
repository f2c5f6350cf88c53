// Runs inside the extension host of a real VS Code (see test/harness). `vscode` is the real API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StoryBankApi } from '../../src/extension/extension';
import { COMMANDS, EXTENSION_ID } from '../../src/extension/constants';
import {
  FIXTURE_COVERAGE,
  Scratch,
  codeOf,
  diagnosticsAre,
  ours,
  readText,
  repoUri,
  until,
  useStoryBank,
  waitForExpectedFindings,
  workspaceUri,
  writeText,
} from './helpers';

/** What the editor reports on each story of the fixture workspace, as "line:rule:severity". */
const WORKSPACE_FINDINGS: Record<string, string[]> = {
  'stories/team-offsite.md': ['3:answer-shape:warning', '11:role:warning', '11:tradeoff:warning', '17:result:warning'],
  'stories/pricing-test.md': ['3:answer-shape:warning'],
  'stories/missed-migration.md': ['12:tradeoff:warning'],
};

async function openStory(relative: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(relative));
  await vscode.window.showTextDocument(doc);
  return doc;
}

suite('Story Bank in VS Code', () => {
  let api: StoryBankApi;
  const scratch = new Scratch();
  useStoryBank(scratch, (activated) => (api = activated));

  test('activates and hands back its API', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension?.isActive, 'extension is active');
    assert.equal(typeof api.getCoverage, 'function');
    assert.equal(typeof api.whenIdle, 'function');
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

  test('every story of the fixture workspace shows the findings stated for it', async () => {
    for (const [relative, expected] of Object.entries(WORKSPACE_FINDINGS)) {
      await diagnosticsAre((await openStory(relative)).uri, expected, relative);
    }
  });

  test('each fixture story of test/fixtures/stories shows the findings written inside it', async () => {
    const folder = repoUri('test/fixtures/stories');
    const names = (await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name).filter((name) => name.endsWith('.md'));
    assert.ok(names.length >= 4, `fixture stories: ${names.join(', ')}`);
    for (const name of names.sort()) {
      const text = await readText(vscode.Uri.joinPath(folder, name));
      const copy = scratch.track(workspaceUri(`stories/zz-fixture-${name}`));
      await writeText(copy, text);
      await waitForExpectedFindings(copy, text);
    }
  });

  test('diagnostic codes link to the rule documentation', async () => {
    const doc = await openStory('stories/team-offsite.md');
    const diagnostics = await diagnosticsAre(doc.uri, WORKSPACE_FINDINGS['stories/team-offsite.md']);
    for (const d of diagnostics) {
      assert.ok(typeof d.code === 'object' && d.code !== null, 'code carries a link');
      const { value, target } = d.code as { value: string; target: vscode.Uri };
      assert.equal(target.toString(), `https://github.com/story-bank/story-bank/blob/main/src/core/rules/${value}.md`);
    }
  });

  test('Markdown without story frontmatter is left alone', async () => {
    const doc = await openStory('notes.md');
    assert.ok(!doc.getText().startsWith('---'), 'fixture sanity: notes.md has no frontmatter');
    // Diagnostics of an opened story arrive within a few ms; give notes.md the same chance.
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(ours(doc.uri), []);
  });

  test('diagnostics follow edits and go away when the text stops being a story', async () => {
    const story = await readText(workspaceUri('stories/team-offsite.md'));
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: story });
    await vscode.window.showTextDocument(doc);
    await diagnosticsAre(doc.uri, WORKSPACE_FINDINGS['stories/team-offsite.md'], 'the untitled story');

    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), '# Just notes\n\nNothing to see here.\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await until('diagnostics to clear', () => (ours(doc.uri).length === 0 ? true : undefined));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('the Story Bank view container and coverage view open', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.storyBank');
    await vscode.commands.executeCommand('storyBank.coverage.focus');
    await vscode.commands.executeCommand(COMMANDS.refreshCoverage);
  });

  test('the coverage of the fixture stories, question by question', async () => {
    await vscode.commands.executeCommand(COMMANDS.refreshCoverage);
    const coverage = await api.getCoverage();
    assert.deepEqual(coverage, FIXTURE_COVERAGE);
  });
});
