// Quick fixes in a real VS Code: every fix the core offers applies as one edit and one `undo` restores the text.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS } from '../../src/extension/constants';
import {
  Scratch,
  WEAK_STORY,
  WEAK_STORY_FINDINGS,
  codeOf,
  diagnosticsAre,
  openScratchStory,
  ours,
  until,
  useStoryBank,
  workspaceUri,
  writeText,
} from './helpers';

/** Each fix offered on WEAK_STORY's findings, by rule, and the whole text once it is applied. */
const FIXES: { rule: string; title: string; text: string }[] = [
  { rule: 'frontmatter', title: 'Replace with "judgment"', text: WEAK_STORY.replace('questions: [judgement]', 'questions: [judgment]') },
  {
    rule: 'result',
    title: 'Insert a metric placeholder',
    text: WEAK_STORY.replace('two weeks.\n', 'two weeks.\n\n## Result\n\n[Metric] moved from [before] to [after] by [date].\n'),
  },
  { rule: 'structure', title: 'Add a Result section', text: `${WEAK_STORY}\n## Result\nWhat happened, with a number, a before/after or a date met.\n` },
  { rule: 'tradeoff', title: 'Insert a tradeoff sentence', text: WEAK_STORY.replace('two weeks.\n', 'two weeks.\n\nI chose … over …, accepting ….\n') },
];

async function actionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range)) ?? [];
  // A plain Command has a string `command`; a CodeAction's `command`, if any, is an object.
  return actions.filter((a): a is vscode.CodeAction => typeof (a as { command?: unknown }).command !== 'string');
}

suite('Story Bank quick fixes', () => {
  const scratch = new Scratch();
  useStoryBank(scratch, () => undefined);

  test('every fix of every finding applies and a single undo restores the story', async () => {
    const doc = await openScratchStory(scratch, 'stories/zz-quickfix.md', WEAK_STORY, WEAK_STORY_FINDINGS);
    const uri = doc.uri;

    for (const fix of FIXES) {
      await diagnosticsAre(uri, WEAK_STORY_FINDINGS);
      const editor = await vscode.window.showTextDocument(doc);
      const diagnostic = ours(uri).find((d) => codeOf(d) === fix.rule);
      assert.ok(diagnostic, `a ${fix.rule} diagnostic`);
      const offered = await actionsAt(uri, diagnostic.range);
      const action = offered.find((a) => a.title === fix.title);
      assert.ok(action?.edit, `"${fix.title}" is offered as an edit for ${fix.rule}: ${offered.map((a) => a.title).join(' | ')}`);
      assert.ok(await vscode.workspace.applyEdit(action.edit));
      assert.equal(doc.getText(), fix.text, fix.title);
      assert.equal(editor.document, doc);
      await vscode.commands.executeCommand('undo');
      await until(`one undo to restore the story after "${fix.title}"`, () => (doc.getText() === WEAK_STORY ? true : undefined), 3000);
    }
    // No fix beyond these: every edit offered on the story, besides disabling a rule, is in the table.
    await diagnosticsAre(uri, WEAK_STORY_FINDINGS);
    const edits = new Set<string>();
    for (const d of ours(uri)) {
      for (const a of await actionsAt(uri, d.range)) {
        // Quick fixes only: the built-in Markdown features offer their own "Insert …" refactorings everywhere.
        if (a.edit && a.kind?.value === vscode.CodeActionKind.QuickFix.value && !a.title.startsWith('Disable ')) edits.add(a.title);
      }
    }
    assert.deepEqual([...edits].sort(), FIXES.map((f) => f.title).sort());
  });

  test('"Disable <rule> for this story" silences the rule and one undo brings it back', async () => {
    const doc = await openScratchStory(scratch, 'stories/zz-quickfix-disable.md', WEAK_STORY, WEAK_STORY_FINDINGS);
    const uri = doc.uri;
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
    await diagnosticsAre(uri, WEAK_STORY_FINDINGS);
  });

  test('"Open docs for <rule>" runs the docs command with the rule id', async () => {
    const uri = scratch.track(workspaceUri('stories/zz-quickfix-docs.md'));
    await writeText(uri, WEAK_STORY);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await diagnosticsAre(uri, WEAK_STORY_FINDINGS);
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
