// Coverage tree, commands, status bar, CodeLens, hover and completion in a real VS Code.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEFAULT_CONFIG, FILTER_RULE_IDS, checkStoryText, readinessGaps, storyTemplate } from '../../src/core';
import { SECTION_BUDGETS, formatBudget, formatDuration, sectionSeconds } from '../../src/core/timing';
import type { StoryBankApi } from '../../src/extension/extension';
import type { CheckSummary } from '../../src/extension/commands';
import { COMMANDS } from '../../src/extension/constants';
import type { QuestionNode, TreeNode } from '../../src/extension/storyTree';
import { Scratch, useStoryBank, readText, remove, until, workspaceUri, writeText } from './helpers';

const profile = DEFAULT_CONFIG.profile;

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
    assert.equal(await readText(first), storyTemplate(question('candor'), 'ZZ tree hard words'));
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), first.toString(), 'the new story is opened');

    const made2 = await vscode.commands.executeCommand<vscode.Uri>(COMMANDS.newStory, { questionId: 'candor', title: 'ZZ tree hard words' });
    assert.equal(made2?.toString(), third.toString(), 'skips the taken names');
    assert.equal(await readText(second), theirs, 'the existing file is untouched');
    assert.equal(await readText(first), storyTemplate(question('candor'), 'ZZ tree hard words'), 'the first story is untouched');

    await api.whenIdle();
    const candor = (await api.getCoverage()).find((c) => c.id === 'candor');
    assert.ok(candor?.stories.includes('stories/zz-tree-hard-words.md'), 'the index picked the new file up');
  });

  test('the tree shows the five question types with statuses, counts, tooltips, stories and findings; deleting a story updates it', async () => {
    // A ready-looking leadership story and a weak one, so the tree has both kinds of rows.
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

    const coverage = await api.getCoverage();
    const roots = (await api.getTreeChildren()) as QuestionNode[];
    assert.deepEqual(
      roots.map((n) => n.entry.id),
      ['judgment', 'candor', 'disagree-commit', 'failure', 'leadership'],
    );
    for (const node of roots) {
      const entry = coverage.find((c) => c.id === node.entry.id)!;
      const item = api.getTreeItem(node);
      assert.equal(item.label, question(entry.id).title);
      assert.equal(item.description, `${entry.ready.length}/${entry.stories.length} ready`);
      const icon = item.iconPath as vscode.ThemeIcon;
      assert.equal(icon.id, { covered: 'pass', thin: 'warning', gap: 'error' }[entry.status]);
      assert.ok(icon.color instanceof vscode.ThemeColor);
      const tooltip = item.tooltip as vscode.MarkdownString;
      const plain = tooltip.value.replace(/\\(.)/g, '$1');
      assert.ok(plain.includes(question(entry.id).listensFor), 'tooltip has what the interviewer listens for');
      assert.ok(plain.includes(question(entry.id).question), 'tooltip has the question');

      const children = await api.getTreeChildren(node);
      const stories = children.filter((c): c is Extract<TreeNode, { kind: 'story' }> => c.kind === 'story');
      assert.deepEqual(
        stories.map((s) => s.story.path),
        [...entry.ready, ...entry.stories.filter((p) => !entry.ready.includes(p))],
        'ready stories first',
      );
      assert.equal(
        children.some((c) => c.kind === 'newStory'),
        entry.status === 'gap',
        'gaps offer a new story',
      );
      for (const story of stories) {
        const storyItem = api.getTreeItem(story);
        // Verdict first (it must survive the default sidebar width): "ready", or what this question still needs.
        const gaps = readinessGaps(story.story.result, entry.id);
        assert.equal(story.ready, gaps.length === 0);
        const verdict = gaps.length === 0 ? 'ready' : `needs ${gaps.join(', ')}`;
        assert.ok(String(storyItem.description).startsWith(`${verdict} · ${formatDuration(story.story.result.seconds)}`), String(storyItem.description));
        const marks = FILTER_RULE_IDS.map((id) => `${id} ${story.story.result.filters[id] ? '✓' : '✗'}`).join(' ');
        assert.ok((storyItem.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ').includes(marks), 'the tooltip has every filter mark');
        assert.equal((storyItem.command?.arguments?.[0] as vscode.Uri).toString(), story.story.uri.toString(), 'click opens the story');
        assert.equal(api.getTreeItem(story).id !== undefined, true);
        const failing = story.story.result.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
        const findingNodes = await api.getTreeChildren(story);
        assert.equal(findingNodes.length, failing.length);
        for (const findingNode of findingNodes) {
          const findingItem = api.getTreeItem(findingNode);
          assert.equal(findingItem.command?.command, COMMANDS.revealFinding);
        }
      }
    }
    const leadership = roots.find((n) => n.entry.id === 'leadership')!;
    const weakNode = (await api.getTreeChildren(leadership)).find((c) => c.kind === 'story' && c.story.path === 'stories/zz-tree-weak.md')!;
    assert.match(String(api.getTreeItem(weakNode).description), / · practised 2026-11-02$/);

    // Clicking a finding row reveals its range.
    const findingNode = (await api.getTreeChildren(weakNode))[0];
    assert.ok(findingNode && findingNode.kind === 'finding', 'the weak story has a failing finding');
    const findingItem = api.getTreeItem(findingNode);
    await vscode.commands.executeCommand(findingItem.command!.command, ...(findingItem.command!.arguments ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), weak.toString());
    assert.deepEqual(
      [editor!.selection.start.line, editor!.selection.start.character, editor!.selection.end.line, editor!.selection.end.character],
      [
        findingNode.finding.range.start.line,
        findingNode.finding.range.start.character,
        findingNode.finding.range.end.line,
        findingNode.finding.range.end.character,
      ],
    );

    // Deleting a story updates the tree.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await remove(weak);
    await until('the deleted story to leave the tree', async () => {
      const node = ((await api.getTreeChildren()) as QuestionNode[]).find((n) => n.entry.id === 'leadership')!;
      const paths = (await api.getTreeChildren(node)).flatMap((c) => (c.kind === 'story' ? [c.story.path] : []));
      return !paths.includes('stories/zz-tree-weak.md') && paths.includes('stories/zz-tree-strong.md') ? true : undefined;
    });
    const after = (await api.getCoverage()).find((c) => c.id === 'leadership')!;
    const afterNode = ((await api.getTreeChildren()) as QuestionNode[]).find((n) => n.entry.id === 'leadership')!;
    assert.equal(api.getTreeItem(afterNode).description, `${after.ready.length}/${after.stories.length} ready`);
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
    assert.equal(checkStoryText(await readText(made)).questions[0], gap.id);
  });

  test('status bar and CodeLens show the spoken time, section budgets and filters passed', async () => {
    const uri = workspaceUri('stories/pricing-test.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const result = checkStoryText(doc.getText());
    const passed = FILTER_RULE_IDS.filter((id) => result.filters[id]).length;
    await until('the status bar', () => (api.getStatusText() === `$(clock) ${formatDuration(result.seconds)} · ${passed}/3 filters` ? true : undefined));

    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? [];
    const titles = lenses
      .map((l) => [l.range.start.line, l.command?.title])
      .filter(([, t]) => typeof t === 'string' && /total|budget|^\d+:\d\d$/.test(String(t)));
    const expected: [number, string][] = [];
    const firstHeading = result.story.headings[0];
    assert.ok(firstHeading, 'fixture: the story has headings');
    expected.push([doc.positionAt(firstHeading.span.start).line, `${formatDuration(result.seconds)} total · ${passed}/3 filters`]);
    for (const section of result.story.sections) {
      if (!section.headingSpan) continue;
      const budget = SECTION_BUDGETS[section.kind];
      const spoken = formatDuration(sectionSeconds(section, 150));
      expected.push([doc.positionAt(section.headingSpan.start).line, budget ? `${spoken} · budget ${formatBudget(budget)}` : spoken]);
    }
    assert.deepEqual(titles, expected);

    // Not a story: no status bar item.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri('notes.md')));
    await until('the status bar item to hide', () => (api.getStatusText() === undefined ? true : undefined));
  });

  test('the CodeLens shows the section budgets the timing rule judges by, from .storybank.yaml', async () => {
    const config = scratch.track(workspaceUri('.storybank.yaml'));
    await writeText(config, 'rules:\n  timing:\n    budgets:\n      action: { min: 200, max: 400 }\n');
    const uri = workspaceUri('stories/pricing-test.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const actionLens = async () => {
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? [];
      return lenses.map((lens) => lens.command?.title ?? '').find((title) => /· budget/.test(title) && title.endsWith(formatBudget({ min: 200, max: 400 })));
    };
    // The default Action budget is 0:30–0:40; the configured one is 3:20–6:40.
    assert.equal(formatBudget({ min: 200, max: 400 }), '3:20–6:40');
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
