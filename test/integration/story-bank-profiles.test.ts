// Profiles and export in a real VS Code: Switch Question Profile re-lints and rebuilds the tree; Export
// Cheat Sheet writes the three files and never replaces an existing one without the dialog's confirmation.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CHEAT_SHEET_FILES, getProfile } from '../../src/core';
import type { StoryBankApi } from '../../src/extension/extension';
import { COMMANDS } from '../../src/extension/constants';
import type { ExportOutcome } from '../../src/extension/profileCommands';
import type { QuestionNode } from '../../src/extension/storyTree';
import { Scratch, useStoryBank, ours, readText, remove, until, workspaceUri, writeText } from './helpers';

const NETFLIX_ONLY = `---
title: ZZ profiles netflix only
questions: [judgment]
---

## Situation

Our trial conversion stalled at nine percent.

## Action

I chose a shorter trial over a reminder campaign, accepting fewer sign-ups.

## Result

Conversion rose from 9% to 12% in six weeks.
`;

const BOTH = NETFLIX_ONLY.replace('title: ZZ profiles netflix only', 'title: ZZ profiles both').replace(
  'questions: [judgment]',
  'questions:\n  netflix-pm: [judgment]\n  amazon-lp: [are-right-a-lot, bias-for-action]',
);

suite('Story Bank profiles and export', () => {
  let api: StoryBankApi;
  const scratch = new Scratch();
  const netflixUri = workspaceUri('stories/zz-profiles-netflix.md');
  const bothUri = workspaceUri('stories/zz-profiles-both.md');

  useStoryBank(
    scratch,
    (activated) => (api = activated),
    () => vscode.commands.executeCommand(COMMANDS.switchProfile, 'netflix-pm'),
  );

  /** The question rows of the tree (a "Needs attention" row may follow them). */
  async function roots(): Promise<QuestionNode[]> {
    return (await api.getTreeChildren()).filter((node): node is QuestionNode => node.kind === 'question');
  }

  test('switching to amazon-lp shows the 16 principles; a netflix-only story claims nothing there; switching back restores', async () => {
    scratch.track(netflixUri);
    scratch.track(bothUri);
    await writeText(netflixUri, NETFLIX_ONLY);
    await writeText(bothUri, BOTH);
    await until('both stories indexed under judgment', async () => {
      const judgment = (await api.getCoverage()).find((c) => c.id === 'judgment');
      return judgment?.stories.includes('stories/zz-profiles-netflix.md') && judgment.stories.includes('stories/zz-profiles-both.md') ? true : undefined;
    });

    const active = await vscode.commands.executeCommand<string>(COMMANDS.switchProfile, 'amazon-lp');
    assert.equal(active, 'amazon-lp');
    const amazon = getProfile('amazon-lp')!;
    const amazonRoots = await roots();
    assert.deepEqual(
      amazonRoots.map((n) => n.entry.id),
      amazon.questions.map((q) => q.id),
    );
    assert.equal(amazonRoots.length, 16);
    assert.deepEqual(
      amazonRoots.map((n) => api.getTreeItem(n).label),
      amazon.questions.map((q) => q.title),
    );
    const claimedBy = (path: string) => amazonRoots.filter((n) => n.entry.stories.includes(path)).map((n) => n.entry.id);
    assert.deepEqual(claimedBy('stories/zz-profiles-netflix.md'), [], 'the netflix-only story claims nothing in amazon-lp');
    assert.deepEqual(claimedBy('stories/zz-profiles-both.md'), ['are-right-a-lot', 'bias-for-action']);
    const storyRows = amazonRoots.find((n) => n.entry.id === 'are-right-a-lot')!.children.filter((c) => c.kind === 'story');
    assert.ok(
      storyRows.some((row) => row.kind === 'story' && row.story.path === 'stories/zz-profiles-both.md'),
      'the tree lists the story under the principle',
    );
    // A plain list keeps its configured profile: not an unknown id in amazon-lp.
    assert.deepEqual(
      ours(netflixUri).filter((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'frontmatter'),
      [],
    );

    assert.equal(await vscode.commands.executeCommand<string>(COMMANDS.switchProfile, 'netflix-pm'), 'netflix-pm');
    const netflixRoots = await roots();
    assert.deepEqual(
      netflixRoots.map((n) => n.entry.id),
      ['judgment', 'candor', 'disagree-commit', 'failure', 'leadership'],
    );
    const judgment = netflixRoots.find((n) => n.entry.id === 'judgment')!;
    assert.ok(judgment.entry.stories.includes('stories/zz-profiles-netflix.md'));
    assert.ok(judgment.entry.stories.includes('stories/zz-profiles-both.md'));
  });

  test('an unknown profile id is refused and changes nothing', async () => {
    const result = await vscode.commands.executeCommand<string | undefined>(COMMANDS.switchProfile, 'amazon');
    assert.equal(result, undefined);
    assert.equal((await roots())[0]?.entry.id, 'judgment');
  });

  test('Export Cheat Sheet writes the three files to the given folder and keeps an existing one', async () => {
    const folder = workspaceUri('zz-export-out');
    const uris = Object.values(CHEAT_SHEET_FILES).map((name) => scratch.track(vscode.Uri.joinPath(folder, name)));
    try {
      await writeText(uris[2], 'mine\n');
      const first = await vscode.commands.executeCommand<ExportOutcome>(COMMANDS.exportCheatSheet, folder);
      assert.deepEqual(
        first.written.map((u) => u.path.split('/').pop()),
        ['cheat-sheet.md', 'cheat-sheet.html'],
      );
      assert.deepEqual(
        first.kept.map((u) => u.path.split('/').pop()),
        ['coverage.csv'],
      );
      assert.equal(await readText(uris[2]), 'mine\n', 'the existing CSV is not overwritten without the dialog');
      const markdown = await readText(uris[0]);
      assert.match(markdown, /^# Story Bank cheat sheet: Netflix product manager\n/);
      for (const question of getProfile('netflix-pm')!.questions) assert.ok(markdown.includes(`## ${question.title}`), question.id);
      const html = await readText(uris[1]);
      assert.match(html, /^<!DOCTYPE html>/);
      assert.ok(!/<script/i.test(html));

      await remove(uris[2]);
      const before = await readText(uris[0]);
      const second = await vscode.commands.executeCommand<ExportOutcome>(COMMANDS.exportCheatSheet, folder);
      assert.deepEqual(
        second.written.map((u) => u.path.split('/').pop()),
        ['coverage.csv'],
      );
      assert.deepEqual(second.kept.length, 2, 'the cheat sheets from the first run are kept');
      assert.equal(await readText(uris[0]), before);
      assert.match(await readText(uris[2]), /^story,path,judgment,candor,disagree-commit,failure,leadership\r\n/);
    } finally {
      await remove(folder);
    }
  });
});
