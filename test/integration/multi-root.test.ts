// A multi-root workspace (test/fixtures/workspace-multi): two folders, each with its own .storybank.yaml.
// startup-bank defines a custom profile (startup-pm), makes structure findings errors and speaks at 100 words a
// minute; amazon-bank uses the built-in amazon-lp profile with the structure rule off. The amazon-bank folder is
// opened at its stories/ sub-folder, so its .storybank.yaml sits one folder above the workspace folder: the editor
// finds it the way `storybank check amazon-bank/stories` does (nearest file upwards), where it once looked only at
// the folder's root and judged those stories by the defaults. Run by index.ts only when the multi-root workspace
// is open.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StoryBankApi } from '../../src/extension/extension';
import type { TreeNode } from '../../src/extension/storyTree';
import { activateExtension, codeOf, folderUri, ours, readText, untilEqual, waitForExpectedFindings } from './helpers';

const AMAZON_TITLES = [
  'Customer Obsession',
  'Ownership',
  'Invent and Simplify',
  'Are Right, A Lot',
  'Learn and Be Curious',
  'Hire and Develop the Best',
  'Insist on the Highest Standards',
  'Think Big',
  'Bias for Action',
  'Frugality',
  'Earn Trust',
  'Dive Deep',
  'Have Backbone; Disagree and Commit',
  'Deliver Results',
  "Strive to be Earth's Best Employer",
  'Success and Scale Bring Broad Responsibility',
];

suite('Story Bank in a multi-root workspace', () => {
  let api: StoryBankApi;

  suiteSetup(async () => {
    api = await activateExtension();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the same story is judged by the .storybank.yaml of its own folder', async () => {
    const startup = folderUri('startup-bank', 'stories/first-hire.md');
    const amazon = folderUri('amazon-bank', 'first-hire.md');
    // Both files hold the same story; only their inline expectations differ.
    const strip = (text: string) => text.replace(/ *(<!--\s*expect[^>]*-->|#\s*expect.*)/g, '');
    assert.equal(strip(await readText(startup)), strip(await readText(amazon)), 'fixture: the same story in both folders');

    await waitForExpectedFindings(startup);
    await waitForExpectedFindings(amazon);
    // startup-bank: structure is an error, and its own profile knows "first-hire".
    const structure = ours(startup).find((d) => codeOf(d) === 'structure');
    assert.equal(structure?.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(!ours(startup).some((d) => codeOf(d) === 'frontmatter'));
    // amazon-bank: structure is off, and amazon-lp has no "first-hire".
    assert.ok(!ours(amazon).some((d) => codeOf(d) === 'structure'));
    const unknownId = ours(amazon).find((d) => codeOf(d) === 'frontmatter');
    assert.match(unknownId?.message ?? '', /^Unexpected question id "first-hire", expected one of the amazon-lp ids: customer-obsession, /);
  });

  test('the status bar shows the pace and the profile of the story’s own folder', async function () {
    this.timeout(60_000); // three stories opened in turn
    const status = async (uri: vscode.Uri, text: string) => {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      await untilEqual(`the status bar for ${uri.path}`, () => api.getStatus()?.text, text);
      return api.getStatus()!;
    };
    // 69 spoken words: 41 s at startup-bank's 100 words a minute.
    const startup = await status(folderUri('startup-bank', 'stories/scrappy-launch.md'), '$(clock) 0:41 · 3/3 filters');
    assert.equal(
      startup.tooltip,
      'Launching the waitlist with a spreadsheet: 0:41 total · 3/3 filters. Startup PM: ready for Scrappy launch. Click to show the question coverage.',
    );
    // 71 spoken words: 28 s at the default 150 words a minute.
    const amazon = await status(folderUri('amazon-bank', 'customer-call.md'), '$(clock) 0:28 · 3/3 filters');
    assert.equal(
      amazon.tooltip,
      'Calling the customers who cancelled: 0:28 total · 3/3 filters. Amazon Leadership Principles: ready for Customer Obsession, Bias for Action. Click to show the question coverage.',
    );
    // 30 words at 150 a minute: 12 s.
    const misfit = await status(folderUri('amazon-bank', 'first-hire.md'), '$(clock) 0:12 · 1/3 filters');
    assert.equal(
      misfit.tooltip,
      'Hiring the first designer: 0:12 total · 1/3 filters. Amazon Leadership Principles: claims none of its question types. Click to show the question coverage.',
    );
  });

  test('the coverage tree has a row per folder, described by its profile, with that folder’s questions below', async () => {
    const roots = await api.getTreeChildren();
    const label = (node: TreeNode) => String(api.getTreeItem(node).label);
    const description = (node: TreeNode) => String(api.getTreeItem(node).description);
    assert.deepEqual(
      roots.map((node) => [label(node), description(node)]),
      [
        ['startup-bank', 'startup-pm'],
        ['amazon-bank', 'amazon-lp'],
      ],
    );
    const [startup, amazon] = roots;

    const startupRows = await api.getTreeChildren(startup);
    assert.deepEqual(
      startupRows.map((node) => [label(node), description(node)]),
      [
        ['Scrappy launch', '1/1 ready'],
        ['First hire', '0/1 ready'],
      ],
    );
    const stories = async (node: TreeNode) => (await api.getTreeChildren(node)).map((child) => (child.kind === 'story' ? child.story.path : child.kind));
    assert.deepEqual(await stories(startupRows[0]), ['startup-bank/stories/scrappy-launch.md']);
    assert.deepEqual(await stories(startupRows[1]), ['startup-bank/stories/first-hire.md', 'newStory']);

    const amazonRows = await api.getTreeChildren(amazon);
    // The story claiming a question amazon-lp does not have comes first, under Needs attention.
    assert.deepEqual(amazonRows.map(label), ['Needs attention', ...AMAZON_TITLES]);
    assert.deepEqual(await stories(amazonRows[0]), ['amazon-bank/first-hire.md']);
    const byTitle = (title: string) => amazonRows.find((node) => label(node) === title)!;
    assert.equal(description(byTitle('Customer Obsession')), '1/1 ready');
    assert.equal(description(byTitle('Bias for Action')), '1/1 ready');
    assert.equal(description(byTitle('Frugality')), '0/0 ready');
    assert.deepEqual(await stories(byTitle('Customer Obsession')), ['amazon-bank/customer-call.md']);

    // Row ids stay unique across folders, and every row knows its parent (the view reveals rows through it).
    const ids = new Set<string>();
    const walk = async (node: TreeNode, parent: TreeNode | undefined) => {
      const id = api.getTreeItem(node).id;
      if (id !== undefined) {
        assert.ok(!ids.has(id), `unique id ${id}`);
        ids.add(id);
      }
      if (node.kind !== 'folder') assert.equal(node.parent, parent, `the parent of ${id}`);
      for (const child of await api.getTreeChildren(node)) await walk(child, node);
    };
    for (const root of roots) await walk(root, undefined);
  });

  test('practice and the matrix work on the bank of the active editor’s folder, with its profile', async () => {
    try {
      // The two folders' profiles share no question id, so a question drawn from the wrong one shows.
      for (const { story, profileIds, title, paths } of [
        {
          story: folderUri('amazon-bank', 'customer-call.md'),
          profileIds: AMAZON_TITLES.length,
          title: 'Amazon Leadership Principles · amazon-bank',
          paths: ['amazon-bank/customer-call.md', 'amazon-bank/first-hire.md'],
        },
        {
          story: folderUri('startup-bank', 'stories/scrappy-launch.md'),
          profileIds: 2,
          title: 'Startup PM · startup-bank',
          paths: ['startup-bank/stories/first-hire.md', 'startup-bank/stories/scrappy-launch.md'],
        },
      ]) {
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(story));
        await vscode.commands.executeCommand('storyBank.showMatrix');
        const html = await untilEqual('the matrix for the active folder', () => api.getMatrixHtml()?.includes(title) ?? false, true).then(() =>
          api.getMatrixHtml()!,
        );
        assert.equal((html.match(/<th scope="col" data-question=/g) ?? []).length, profileIds);
        assert.deepEqual([...html.matchAll(/data-story="([^"]+)"/g)].map((match) => match[1]).sort(), paths);
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(story));
        const practised = await vscode.commands.executeCommand<{ questionId: string }>('storyBank.practice', {
          seed: 7,
          seconds: 30,
          record: false,
          storyPath: paths[0],
        });
        const questionIds = [...html.matchAll(/<th scope="col" data-question="([^"]+)"/g)].map((match) => match[1]);
        assert.ok(questionIds.includes(practised.questionId), `${practised.questionId} is a question of ${title}`);
        await vscode.commands.executeCommand('storyBank.stopPractice');
      }
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  test('New story for a question row creates the story in that row’s folder, for that folder’s profile', async () => {
    const roots = await api.getTreeChildren();
    const created: vscode.Uri[] = [];
    try {
      const cases = [
        { folder: 0, row: 'First hire', story: 'Hiring a designer first', id: 'first-hire', path: ['startup-bank', 'stories/hiring-a-designer-first.md'] },
        // amazon-bank is opened below its .storybank.yaml: the story goes into the opened folder, not a new stories/ in it.
        { folder: 1, row: 'Frugality', story: 'Cutting the vendor bill', id: 'frugality', path: ['amazon-bank', 'cutting-the-vendor-bill.md'] },
      ];
      for (const { folder, row, story, id, path } of cases) {
        const question = (await api.getTreeChildren(roots[folder])).find((node) => String(api.getTreeItem(node).label) === row);
        const gap = (await api.getTreeChildren(question!)).find((node) => node.kind === 'newStory');
        const uri = await vscode.commands.executeCommand<vscode.Uri>('storyBank.newStoryForQuestion', gap, { title: story, open: false });
        created.push(uri);
        assert.equal(uri.toString(), folderUri(path[0], path[1]).toString());
        assert.match(await readText(uri), new RegExp(`^questions: \\[${id}\\]$`, 'm'));
      }
    } finally {
      for (const uri of created) await vscode.workspace.fs.delete(uri);
    }
  });
});
