// Quick fixes in a real VS Code: every fix the core offers applies as one edit and one `undo` restores the text.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { checkStoryText } from '../../src/core';
import type { StoryBankApi } from '../../src/extension/extension';
import { COMMANDS } from '../../src/extension/constants';
import { Scratch, WEAK_STORY, activateExtension, codeOf, diagnosticsMatch, ours, until, workspaceUri, writeText } from './helpers';

async function actionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range)) ?? [];
  // A plain Command has a string `command`; a CodeAction's `command`, if any, is an object.
  return actions.filter((a): a is vscode.CodeAction => typeof (a as { command?: unknown }).command !== 'string');
}

suite('Story Bank quick fixes', () => {
  let api: StoryBankApi;
  const scratch = new Scratch();

  suiteSetup(async () => {
    api = await activateExtension();
  });

  suiteTeardown(async () => {
    await scratch.cleanup();
    await api.whenIdle();
  });

  test('every fix of every finding applies and a single undo restores the story', async () => {
    const uri = scratch.track(workspaceUri('stories/zz-quickfix.md'));
    await writeText(uri, WEAK_STORY);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await diagnosticsMatch(uri, WEAK_STORY);

    const findings = checkStoryText(WEAK_STORY).findings;
    const expectedTitles = findings.flatMap((f) => f.fixes.map((fix) => fix.title));
    assert.ok(expectedTitles.includes('Replace with "judgment"'), 'fixture: the id fix is offered by the core');
    assert.ok(expectedTitles.includes('Add a Result section'), 'fixture: the section fix is offered by the core');

    const applied: string[] = [];
    for (const finding of findings) {
      for (const fix of finding.fixes) {
        await diagnosticsMatch(uri, WEAK_STORY);
        const editor = await vscode.window.showTextDocument(doc);
        const range = new vscode.Range(finding.range.start.line, finding.range.start.character, finding.range.end.line, finding.range.end.character);
        const action = (await actionsAt(uri, range)).find((a) => a.title === fix.title);
        assert.ok(action?.edit, `"${fix.title}" is offered as an edit for ${finding.ruleId}`);
        assert.ok(await vscode.workspace.applyEdit(action.edit));
        // The edit is exactly the core's.
        let expected = WEAK_STORY;
        for (const e of [...fix.edits].sort((a, b) => b.span.start - a.span.start)) {
          expected = expected.slice(0, e.span.start) + e.newText + expected.slice(e.span.end);
        }
        assert.equal(doc.getText(), expected, fix.title);
        assert.equal(editor.document, doc);
        await vscode.commands.executeCommand('undo');
        await until(`one undo to restore the story after "${fix.title}"`, () => (doc.getText() === WEAK_STORY ? true : undefined), 3000);
        applied.push(fix.title);
      }
    }
    assert.deepEqual(applied, expectedTitles);
  });

  test('"Disable <rule> for this story" silences the rule and one undo brings it back', async () => {
    const uri = scratch.track(workspaceUri('stories/zz-quickfix-disable.md'));
    await writeText(uri, WEAK_STORY);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await diagnosticsMatch(uri, WEAK_STORY);
    const diagnostic = ours(uri).find((d) => codeOf(d) === 'structure');
    assert.ok(diagnostic);
    const actions = await actionsAt(uri, diagnostic.range);
    const disable = actions.find((a) => a.title === 'Disable structure for this story');
    assert.ok(disable?.edit);
    assert.ok(await vscode.workspace.applyEdit(disable.edit));
    assert.equal(doc.lineAt(4).text, '<!-- storybank-disable structure -->', 'the comment goes right after the frontmatter');
    await until('structure findings to go', () => (!ours(uri).some((d) => codeOf(d) === 'structure') ? true : undefined));
    assert.ok(
      ours(uri).some((d) => codeOf(d) === 'frontmatter'),
      'other rules still report',
    );
    await vscode.commands.executeCommand('undo');
    await until('undo', () => (doc.getText() === WEAK_STORY ? true : undefined), 3000);
    await diagnosticsMatch(uri, WEAK_STORY);
  });

  test('"Open docs for <rule>" runs the docs command with the rule id', async () => {
    const uri = scratch.track(workspaceUri('stories/zz-quickfix-docs.md'));
    await writeText(uri, WEAK_STORY);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await diagnosticsMatch(uri, WEAK_STORY);
    const diagnostic = ours(uri).find((d) => codeOf(d) === 'frontmatter');
    assert.ok(diagnostic);
    const docs = (await actionsAt(uri, diagnostic.range)).find((a) => a.title === 'Open docs for frontmatter');
    assert.ok(docs?.command, 'offered as a command');
    assert.equal(docs.command.command, COMMANDS.openRuleDocs);
    assert.deepEqual(docs.command.arguments, ['frontmatter']);
    const target = (diagnostic.code as { target: vscode.Uri }).target;
    assert.match(target.toString(), /\/src\/core\/rules\/frontmatter\.md$/);

    // The command shows the docs page bundled with the extension, offline, in the Markdown preview.
    assert.equal(await vscode.commands.executeCommand(docs.command.command, ...docs.command.arguments), true);
    const previewTab = await until('the rule docs preview to open', () =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .find((tab) => tab.input instanceof vscode.TabInputWebview && tab.label.includes('frontmatter.md')),
    );
    assert.ok(previewTab);
    await vscode.window.tabGroups.close(previewTab);
  });
});
