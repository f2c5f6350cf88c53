// What a newcomer hit in the installed extension (issue 10, part 3), checked in a real VS Code.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StoryBankApi } from '../../src/extension/extension';
import { COMMANDS, EXTENSION_ID, VIEW_CONTAINER_ID } from '../../src/extension/constants';
import type { StoryNode, TreeNode } from '../../src/extension/storyTree';
import { Scratch, useStoryBank, ours, readText, until, untilEqual, workspaceUri, writeText } from './helpers';

const PRICING = 'stories/pricing-test.md';

async function storyRow(api: StoryBankApi, rootId: string, path: string): Promise<StoryNode | undefined> {
  const roots = await api.getTreeChildren();
  const root = roots.find((node) => api.getTreeItem(node).id === rootId);
  if (!root) return undefined;
  const children = await api.getTreeChildren(root);
  return children.find((node): node is StoryNode => node.kind === 'story' && node.story.path === path);
}

function iconId(api: StoryBankApi, node: TreeNode): string {
  return (api.getTreeItem(node).iconPath as vscode.ThemeIcon).id;
}

/** The matrix cell of a story and a question: its data-state attribute. */
function matrixCell(html: string, path: string, questionId: string): string | undefined {
  const row = html.split('\n').find((line) => line.startsWith(`<tr data-story="${path}">`));
  return row?.match(new RegExp(`<td class="cell [a-z]+" data-state="([a-z]+)"><button type="button" data-path="${path}" data-question="${questionId}"`))?.[1];
}

/** Everything the extension host has logged so far (its log files sit beside the extension's log folder). */
async function hostLog(api: StoryBankApi): Promise<string> {
  const folder = vscode.Uri.joinPath(api.getLogUri(), '..');
  const texts: string[] = [];
  for (const [name, type] of await vscode.workspace.fs.readDirectory(folder)) {
    if (type === vscode.FileType.File && name.endsWith('.log')) texts.push(await readText(vscode.Uri.joinPath(folder, name)));
  }
  return texts.join('\n');
}

/** Lines where the coverage view could not find a row the extension revealed. */
async function revealFailures(api: StoryBankApi): Promise<string[]> {
  return (await hostLog(api)).split('\n').filter((line) => /(Cannot|Failed to) resolve tree (item|node) for element/.test(line));
}

suite("Story Bank: a newcomer's first hour", () => {
  let api: StoryBankApi;
  const scratch = new Scratch();
  useStoryBank(scratch, (activated) => (api = activated));

  test('a story passing the three filters but missing the commitment is not ready for disagree-commit in the tree or the matrix', async () => {
    // The fixture story claims judgment and disagree-commit and says nothing about committing afterwards.
    const uri = workspaceUri(PRICING);
    const missing = await until('the answer-shape finding for disagree-commit', () =>
      ours(uri).find((d) => /commitment/i.test(d.message) && d.message.includes('disagree-commit')),
    );
    assert.ok(missing);

    const disagree = await storyRow(api, 'question:disagree-commit', PRICING);
    const judgment = await storyRow(api, 'question:judgment', PRICING);
    assert.ok(disagree && judgment, 'the story is listed under both questions it claims');
    assert.equal(disagree.ready, false);
    assert.notEqual(iconId(api, disagree), 'pass-filled', 'no ready icon under disagree-commit');
    assert.match(String(api.getTreeItem(disagree).description), /^needs answer shape · /);
    assert.equal(judgment.ready, true, 'it is ready for judgment, whose answer shape it holds');
    assert.equal(iconId(api, judgment), 'pass-filled');
    const coverage = await api.getCoverage();
    assert.ok(!coverage.find((c) => c.id === 'disagree-commit')!.ready.includes(PRICING));

    await vscode.commands.executeCommand(COMMANDS.showMatrix);
    const html = await until('the matrix html', () => api.getMatrixHtml());
    assert.equal(matrixCell(html, PRICING, 'disagree-commit'), 'claimed');
    assert.equal(matrixCell(html, PRICING, 'judgment'), 'ready');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a story that claims only unknown question ids shows under "Needs attention" with its error', async () => {
    const uri = scratch.track(workspaceUri('stories/zz-newcomer-misspelt.md'));
    await writeText(uri, '---\ntitle: ZZ misspelt question id\nquestions: [judgement]\n---\n\n## Action\n\nI chose the pilot over a full launch.\n');
    const row = await until('the story under Needs attention', () => storyRow(api, 'attention', 'stories/zz-newcomer-misspelt.md'));
    const roots = await api.getTreeChildren();
    assert.equal(api.getTreeItem(roots[0]).id, 'attention', 'the attention row comes first');
    assert.equal(api.getTreeItem(roots[0]).collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    const findings = await api.getTreeChildren(row);
    const error = findings.find((node) => node.kind === 'finding' && node.finding.severity === 'error');
    assert.ok(error && error.kind === 'finding', 'the frontmatter error is a row under the story');
    assert.match(error.finding.message, /judgement/);
    assert.match(String(api.getTreeItem(row).description), /^1 error\(s\) · /);

    // Fixing the id moves it to its question and the attention row goes away.
    await writeText(uri, (await readText(uri)).replace('judgement', 'judgment'));
    await until('the attention row to go', async () => ((await api.getTreeChildren()).some((n) => n.kind === 'attention') ? undefined : true));
    assert.ok(await storyRow(api, 'question:judgment', 'stories/zz-newcomer-misspelt.md'));
  });

  test('New Story writes into the bank folder of a .storybank.yaml in a sub-folder', async () => {
    const bankDir = workspaceUri('zz-newcomer-bank');
    scratch.track(bankDir);
    await writeText(vscode.Uri.joinPath(bankDir, '.storybank.yaml'), 'profile: netflix-pm\n');
    const made = await vscode.commands.executeCommand<vscode.Uri>(COMMANDS.newStory, { questionId: 'failure', title: 'ZZ newcomer in bank', open: false });
    assert.equal(made?.toString(), vscode.Uri.joinPath(bankDir, 'zz-newcomer-in-bank.md').toString());
    await vscode.workspace.fs.stat(vscode.Uri.joinPath(bankDir, 'zz-newcomer-in-bank.md'));
    const stray = await vscode.workspace.fs.stat(workspaceUri('stories/zz-newcomer-in-bank.md')).then(
      () => true,
      () => false,
    );
    assert.equal(stray, false, 'nothing lands in the workspace stories/ folder');
  });

  test('creating a story selects it in the open coverage view, without a failed reveal', async () => {
    await vscode.commands.executeCommand(`workbench.view.extension.${VIEW_CONTAINER_ID}`);
    const failuresBefore = (await revealFailures(api)).length;
    const made = await vscode.commands.executeCommand<vscode.Uri>(COMMANDS.newStory, { questionId: 'candor', title: 'ZZ newcomer reveal' });
    assert.ok(made);
    scratch.track(made);
    const selected = async (uri: vscode.Uri, questionId: string) => {
      await untilEqual('the story to be selected in the view', () => api.getTreeSelection(), [`story:${questionId}:${uri.toString()}`], 15_000);
    };
    await selected(made, 'candor');
    // A new story opened while the bank refreshes: the editor change and the refresh each ask for a reveal.
    for (const [index, questionId] of (['failure', 'leadership', 'judgment'] as const).entries()) {
      const another = await vscode.commands.executeCommand<vscode.Uri>(COMMANDS.newStory, { questionId, title: `ZZ newcomer reveal ${index}`, open: false });
      assert.ok(another);
      scratch.track(another);
      await api.whenIdle();
      await Promise.all([vscode.window.showTextDocument(another), vscode.commands.executeCommand(COMMANDS.refreshCoverage)]);
      await selected(another, questionId);
    }
    await api.whenIdle();
    await new Promise((resolve) => setTimeout(resolve, 1500)); // the host writes its log in batches
    assert.deepEqual((await revealFailures(api)).slice(failuresBefore), [], 'every reveal found its row');
    await vscode.commands.executeCommand('workbench.view.explorer');
  });

  test('Open Example Bank copies the bank shipped in the extension into a new folder, never over a file', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const shipped = vscode.Uri.joinPath(extension.extensionUri, 'examples', 'netflix-pm');
    const names = (await vscode.workspace.fs.readDirectory(shipped)).map(([name]) => name).sort();
    assert.ok(names.includes('.storybank.yaml') && names.filter((name) => name.endsWith('.md')).length >= 10, names.join());

    const parent = scratch.track(workspaceUri('zz-newcomer-examples'));
    // Someone's folder already has the name the copy would take first.
    const theirs = vscode.Uri.joinPath(parent, 'story-bank-examples', 'README.md');
    await writeText(theirs, 'mine, keep it\n');
    const copy = await vscode.commands.executeCommand<vscode.Uri>(COMMANDS.openExamples, { target: parent, open: false });
    assert.equal(copy?.toString(), vscode.Uri.joinPath(parent, 'story-bank-examples-2').toString());
    assert.equal(await readText(theirs), 'mine, keep it\n', 'the existing folder is untouched');
    for (const name of names) {
      assert.equal(await readText(vscode.Uri.joinPath(copy!, name)), await readText(vscode.Uri.joinPath(shipped, name)), name);
    }
    const again = await vscode.commands.executeCommand<vscode.Uri>(COMMANDS.openExamples, { target: parent, open: false });
    assert.equal(again?.toString(), vscode.Uri.joinPath(parent, 'story-bank-examples-3').toString(), 'a second copy never reuses a folder');
  });

  test('Open docs keeps the rule page open when the story gets the focus back', async () => {
    const story = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri(PRICING)));
    assert.equal(await vscode.commands.executeCommand(COMMANDS.openRuleDocs, 'result'), true);
    const previewTabs = () =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .filter((tab) => tab.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(tab.input.viewType));
    const docsLabel = await until('the rule page preview', () => previewTabs().find((tab) => /result\.md/.test(tab.label))?.label);
    // Back to the story, as a writer does after reading the page.
    await vscode.window.showTextDocument(story.document, story.viewColumn);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const labels = previewTabs().map((tab) => tab.label);
    assert.ok(labels.includes(docsLabel), `the rule page is still open: ${JSON.stringify(labels)}`);
    assert.ok(!labels.some((label) => label.includes('pricing-test')), `no preview switched to the story: ${JSON.stringify(labels)}`);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
