// Coverage tree, commands, status bar, CodeLens, hover and completion in a real VS Code.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEFAULT_CONFIG } from '../../src/core';
import type { StoryBankApi } from '../../src/extension/extension';
import type { CheckSummary } from '../../src/extension/commands';
import { COMMANDS } from '../../src/extension/constants';
import type { QuestionNode, TreeNode } from '../../src/extension/storyTree';
import { Scratch, useStoryBank, readText, remove, until, workspaceUri, writeText } from './helpers';

const profile = DEFAULT_CONFIG.profile;

/** What New Story writes for a candor story titled "ZZ tree hard words". */
const CANDOR_TEMPLATE = `---
title: ZZ tree hard words
questions: [candor]
status: draft
---

## Situation

<!-- The feedback, close to the words used. -->
<!-- Why it mattered to the team or the product. -->

## Action

<!-- What you said, or what you heard and how you reacted. -->

## Result

<!-- What changed afterwards. -->

## Lesson

<!-- What you do differently since, with one example. -->
`;

function question(id: string) {
  const found = profile.questions.find((q) => q.id === id);
  assert.ok(found);
  return found;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}

suite('Story Bank tree and commands', () => {
  let api: StoryBankApi;
  const scratch = new Scratch();
  useStoryBank(scratch, (activated) => (api = activated));

  test('New Story creates stories/<slug>.md from the question template and never overwrites a file', async () => {
    const first = workspaceUri('stories/zz-tree-hard-words.md');
    const second = workspaceUri('stories/zz-tree-hard-words-2.md');
    const third = workspaceUri('stories/zz-tree-hard-words-3.md');
    [first, second, third].forEach((uri) => scratch.track(uri));
    // Someone's file already sits at the second name.
    const theirs = '---\ntitle: Not yours\nquestions: [candor]\n---\nKeep me exactly as I am.\n';
    await writeText(second, theirs);

    const made1 = await vscode.commands.executeCommand<vscode.Uri>(COMMANDS.newStory, { questionId: 'candor', title: 'ZZ tree hard words' });
    assert.equal(made1?.toString(), first.toString());
    assert.equal(await readText(first), CANDOR_TEMPLATE);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), first.toString(), 'the new story is opened');

    const made2 = await vscode.commands.executeCommand<vscode.Uri>(COMMANDS.newStory, { questionId: 'candor', title: 'ZZ tree hard words' });
    assert.equal(made2?.toString(), third.toString(), 'skips the taken names');
    assert.equal(await readText(second), theirs, 'the existing file is untouched');
    assert.equal(await readText(first), CANDOR_TEMPLATE, 'the first story is untouched');

    await api.whenIdle();
    const candor = (await api.getCoverage()).find((c) => c.id === 'candor');
    assert.ok(candor?.stories.includes('stories/zz-tree-hard-words.md'), 'the index picked the new file up');
  });

  test('the tree shows the five question types with statuses, counts, tooltips, stories and findings; deleting a story updates it', async () => {
    // A copy of the strong story claiming leadership (without its answer shape) and a weak one, so the tree has both kinds of rows.
    const strongText = await readText(workspaceUri('stories/pricing-test.md'));
    const strong = scratch.track(workspaceUri('stories/zz-tree-strong.md'));
    await writeText(strong, strongText.replace(/questions:.*\n/, 'questions: [leadership]\n').replace(/title:.*\n/, 'title: ZZ strong copy\n'));
    const weak = scratch.track(workspaceUri('stories/zz-tree-weak.md'));
    await writeText(
      weak,
      '---\ntitle: ZZ weak\nquestions: [leadership]\npracticed: [2026-10-01, 2026-11-02]\n---\n\n## Situation\n\nThe team argued.\n\n## Action\n\nWe met.\n\n## Result\n\nIt went well.\n',
    );
    await until('both stories indexed', async () => {
      const leadership = (await api.getCoverage()).find((c) => c.id === 'leadership');
      return leadership?.stories.includes('stories/zz-tree-strong.md') && leadership.stories.includes('stories/zz-tree-weak.md') ? true : undefined;
    });

    const roots = (await api.getTreeChildren()) as QuestionNode[];
    const rows = roots.map((node) => {
      const item = api.getTreeItem(node);
      return [item.label, item.description, (item.iconPath as vscode.ThemeIcon).id];
    });
    assert.deepEqual(rows, [
      ['Judgment with incomplete data', '1/1 ready', 'warning'],
      ['Difficult feedback', '0/0 ready', 'error'],
      ['Disagree, then commit', '0/1 ready', 'error'],
      ['A failure you own', '0/1 ready', 'error'],
      ['Leading without authority', '0/3 ready', 'error'],
    ]);
    // Under each question: its stories, ready first (label, verdict first then the spoken time, failing findings),
    // then "New story" under a gap.
    const PRICING = 'Shipping the annual plan before the survey came back';
    const expectedStories: Record<string, [string, string, number][]> = {
      judgment: [[PRICING, 'ready · 0:54', 1]],
      candor: [],
      'disagree-commit': [[PRICING, 'needs answer shape · 0:54', 1]],
      failure: [['The migration I signed off too early', 'needs tradeoff · 0:46', 1]],
      leadership: [
        ['Getting the team aligned at the offsite', 'needs tradeoff, role, result, answer shape · 0:11', 4],
        ['ZZ strong copy', 'needs answer shape · 0:54', 1],
        ['ZZ weak', 'needs tradeoff, role, result, answer shape · 0:03 · practised 2026-11-02', 4],
      ],
    };
    const marks: Record<string, string> = {
      [PRICING]: 'tradeoff ✓ role ✓ result ✓',
      'The migration I signed off too early': 'tradeoff ✗ role ✓ result ✓',
      'Getting the team aligned at the offsite': 'tradeoff ✗ role ✗ result ✗',
      'ZZ strong copy': 'tradeoff ✓ role ✓ result ✓',
      'ZZ weak': 'tradeoff ✗ role ✗ result ✗',
    };
    for (const node of roots) {
      const item = api.getTreeItem(node);
      assert.ok((item.iconPath as vscode.ThemeIcon).color instanceof vscode.ThemeColor);
      const plain = (item.tooltip as vscode.MarkdownString).value.replace(/\\(.)/g, '$1');
      assert.ok(plain.includes(question(node.entry.id).listensFor), 'tooltip has what the interviewer listens for');
      assert.ok(plain.includes(question(node.entry.id).question), 'tooltip has the question');

      const children = await api.getTreeChildren(node);
      const stories = children.filter((c): c is Extract<TreeNode, { kind: 'story' }> => c.kind === 'story');
      const shown: [string, string, number][] = [];
      for (const story of stories) {
        const storyItem = api.getTreeItem(story);
        const findingNodes = await api.getTreeChildren(story);
        shown.push([String(storyItem.label), String(storyItem.description), findingNodes.length]);
        assert.ok(
          (storyItem.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ').includes(marks[String(storyItem.label)]),
          'the tooltip has every filter mark',
        );
        assert.equal((storyItem.command?.arguments?.[0] as vscode.Uri).toString(), story.story.uri.toString(), 'click opens the story');
        assert.notEqual(storyItem.id, undefined);
        for (const findingNode of findingNodes) assert.equal(api.getTreeItem(findingNode).command?.command, COMMANDS.revealFinding);
      }
      assert.deepEqual(shown, expectedStories[node.entry.id], node.entry.id);
      assert.equal(
        children.some((c) => c.kind === 'newStory'),
        node.entry.id !== 'judgment',
        'gaps offer a new story',
      );
    }
    const leadership = roots.find((n) => n.entry.id === 'leadership')!;
    const weakNode = (await api.getTreeChildren(leadership)).find((c) => c.kind === 'story' && c.story.path === 'stories/zz-tree-weak.md')!;

    // Clicking a finding row reveals its range: the first is the missing answer shape, on the question id.
    const findingNode = (await api.getTreeChildren(weakNode))[0];
    assert.ok(findingNode && findingNode.kind === 'finding', 'the weak story has a failing finding');
    const findingItem = api.getTreeItem(findingNode);
    assert.equal(findingItem.description, 'answer-shape · line 3');
    await vscode.commands.executeCommand(findingItem.command!.command, ...(findingItem.command!.arguments ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), weak.toString());
    assert.deepEqual(
      [editor!.selection.start.line, editor!.selection.start.character, editor!.selection.end.line, editor!.selection.end.character],
      [2, 12, 2, 22],
    );

    // Deleting a story updates the tree.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await remove(weak);
    await until('the deleted story to leave the tree', async () => {
      const node = ((await api.getTreeChildren()) as QuestionNode[]).find((n) => n.entry.id === 'leadership')!;
      const paths = (await api.getTreeChildren(node)).flatMap((c) => (c.kind === 'story' ? [c.story.path] : []));
      return !paths.includes('stories/zz-tree-weak.md') && paths.includes('stories/zz-tree-strong.md') ? true : undefined;
    });
    const afterNode = ((await api.getTreeChildren()) as QuestionNode[]).find((n) => n.entry.id === 'leadership')!;
    assert.equal(api.getTreeItem(afterNode).description, '0/2 ready');
  });

  test('Check Workspace re-indexes and summarises; Open Next Gap starts a story for the first gap', async () => {
    const summary = await vscode.commands.executeCommand<CheckSummary>(COMMANDS.checkWorkspace, { quiet: true });
    const coverage = await api.getCoverage();
    const storyCount = new Set(coverage.flatMap((c) => c.stories)).size;
    assert.ok(summary.stories >= storyCount, `${summary.stories} stories in the summary, ${storyCount} claiming a known type`);
    assert.equal(summary.coverage.covered + summary.coverage.thin + summary.coverage.gap, 5);
    assert.equal(summary.coverage.gap, coverage.filter((c) => c.status === 'gap').length);

    const gap = coverage.find((c) => c.status === 'gap') ?? coverage.find((c) => c.status === 'thin');
    assert.ok(gap, 'the fixture bank has a gap');
    const made = await vscode.commands.executeCommand<vscode.Uri>(COMMANDS.openNextGap, { title: 'ZZ next gap' });
    assert.ok(made);
    scratch.track(made);
    assert.match(made.path, /\/stories\/zz-next-gap\.md$/);
    assert.equal(gap.id, 'candor', 'the fixture bank’s first gap');
    assert.match(await readText(made), /^---\ntitle: ZZ next gap\nquestions: \[candor\]\n/);
  });

  test('status bar and CodeLens show the spoken time, section budgets and filters passed', async () => {
    const uri = workspaceUri('stories/pricing-test.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await until('the status bar', () => (api.getStatus()?.text === '$(clock) 0:54 · 3/3 filters' ? true : undefined));
    assert.equal(
      api.getStatus()?.tooltip,
      'Shipping the annual plan before the survey came back: 0:54 total · 3/3 filters. Netflix product manager: ready for Judgment with incomplete data; not ready for Disagree, then commit. Click to show the question coverage.',
    );

    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? [];
    const titles = lenses
      .map((l) => [l.range.start.line, l.command?.title])
      .filter(([, t]) => typeof t === 'string' && /total|budget|^\d+:\d\d$/.test(String(t)));
    // The summary on the first heading, then each section's spoken time and its budget, on its heading.
    assert.deepEqual(titles, [
      [7, '0:54 total · 3/3 filters'],
      [7, '0:10 · budget 0:20–0:30'],
      [11, '0:24 · budget 0:30–0:40'],
      [15, '0:12 · budget 0:20–0:30'],
      [19, '0:08 · budget 0:10–0:20'],
    ]);

    // Not a story: no status bar item.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri('notes.md')));
    await until('the status bar item to hide', () => (api.getStatus() === undefined ? true : undefined));
  });

  test('the CodeLens shows the section budgets the timing rule judges by, from .storybank.yaml', async () => {
    const config = scratch.track(workspaceUri('.storybank.yaml'));
    await writeText(config, 'rules:\n  timing:\n    budgets:\n      action: { min: 200, max: 400 }\n');
    const uri = workspaceUri('stories/pricing-test.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const actionLens = async () => {
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? [];
      return lenses.map((lens) => lens.command?.title ?? '').find((title) => /· budget/.test(title) && title.endsWith('3:20–6:40'));
    };
    // The default Action budget is 0:30–0:40; the configured one, 200 to 400 seconds, is 3:20–6:40.
    const found = await until('the lens to show the configured Action budget', actionLens).catch(async (error) => {
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? [];
      throw new Error(`${String(error)}; lenses: ${JSON.stringify(lenses.map((lens) => lens.command?.title))}`);
    });
    assert.ok(found, 'the Action lens shows 3:20–6:40');
  });

  test('hovering a question id shows its question; completion in questions: offers the profile ids', async () => {
    const uri = scratch.track(workspaceUri('stories/zz-tree-hover.md'));
    await writeText(uri, '---\ntitle: Hover\nquestions: [failure, ]\n---\n\nI shipped it late.\n');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(2, 14));
    const text = hovers
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
      .join('\n')
      .replace(/\\(.)/g, '$1');
    // Compact (a finding on the same words shows above it): the verdict, the whole answer shape, what is listened for.
    assert.ok(text.includes(`${question('failure').title}** · not ready: needs `), text);
    for (const step of question('failure').answerShape) assert.ok(text.includes(step), `the answer shape: ${step}`);
    assert.ok(text.includes(question('failure').listensFor), 'what the interviewer listens for');

    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(2, 21));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const q of profile.questions) assert.ok(labels.includes(q.id), `offers ${q.id}`);
    const outside = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(5, 3));
    const outsideLabels = outside.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(!outsideLabels.includes('disagree-commit'), 'no question ids in the prose');
  });

  test('the fixture leaves no scratch files behind', async () => {
    for (const name of ['zz-tree-hard-words.md', 'zz-tree-strong.md', 'zz-tree-weak.md', 'zz-next-gap.md']) {
      assert.equal(await exists(workspaceUri(`stories/${name}`)), false, name);
    }
  });
});
