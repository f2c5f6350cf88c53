// Editor extras in a real VS Code: revealing the active story in the coverage view, the story snippets,
// indexing a bank above the view-progress threshold, and the empty view that shows the welcome content.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CoverageEntry } from '../../src/core';
import type { StoryBankApi } from '../../src/extension/extension';
import { COMMANDS, COVERAGE_VIEW_ID, EXTENSION_ID, LARGE_INDEX, SETTINGS, SETTINGS_SECTION, VIEW_CONTAINER_ID } from '../../src/extension/constants';
import { FIXTURE_COVERAGE, Scratch, useStoryBank, readText, remove, until, untilEqual, workspaceUri, writeText } from './helpers';

const QUESTION_IDS = FIXTURE_COVERAGE.map((entry) => entry.id);

interface BulkStory {
  path: string;
  questions: string[];
  weak: boolean;
}

/** The questions a copy of pricing-test.md is ready for when it claims them: it holds only their answer shapes. */
const COPY_READY_FOR = ['judgment', 'candor'];

/** The coverage once the bulk stories join the fixture's: each claims its questions; a weak one is ready for nothing. */
function coverageWithBulk(bulk: readonly BulkStory[]): CoverageEntry[] {
  return FIXTURE_COVERAGE.map((entry) => {
    const claiming = bulk.filter((story) => story.questions.includes(entry.id));
    const ready = [...entry.ready, ...claiming.filter((story) => !story.weak && COPY_READY_FOR.includes(entry.id)).map((story) => story.path)];
    const status = ready.length >= 2 ? 'covered' : ready.length === 1 ? 'thin' : 'gap';
    return { ...entry, status, stories: [...entry.stories, ...claiming.map((story) => story.path)], ready };
  });
}

suite('Story Bank editor extras', () => {
  let api: StoryBankApi;
  const scratch = new Scratch();
  useStoryBank(scratch, (activated) => (api = activated));

  suite('reveal', () => {
    teardown(async () => {
      await vscode.commands.executeCommand('workbench.view.explorer');
    });

    test('the active story is selected in the coverage view, and follows the active editor', async () => {
      const coverage = await api.getCoverage();
      // The row a story is revealed at: under the first question (in tree order) it claims.
      const rowId = (relative: string) => {
        const question = coverage.find((entry) => entry.stories.includes(relative));
        assert.ok(question, `fixture: ${relative} claims a question`);
        return `story:${question.id}:${workspaceUri(relative).toString()}`;
      };

      const pricing = await vscode.workspace.openTextDocument(workspaceUri('stories/pricing-test.md'));
      await vscode.window.showTextDocument(pricing);
      await vscode.commands.executeCommand(`workbench.view.extension.${VIEW_CONTAINER_ID}`);
      const expected = rowId('stories/pricing-test.md');
      assert.match(expected, /^story:judgment:/, 'fixture: pricing-test claims judgment first');
      await untilEqual('the active story to be selected in the view', () => api.getTreeSelection(), [expected], 15_000);

      // With the view visible, switching editors moves the selection to the other story.
      const migration = await vscode.workspace.openTextDocument(workspaceUri('stories/missed-migration.md'));
      await vscode.window.showTextDocument(migration);
      const next = rowId('stories/missed-migration.md');
      assert.match(next, /^story:failure:/);
      await untilEqual('the selection to follow the active editor', () => api.getTreeSelection(), [next], 15_000);
    });
  });

  test('each story snippet inserts a skeleton that is a story claiming its question', async function () {
    this.timeout(90_000); // five snippets, each inserted and then linted
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const snippetFile = vscode.Uri.joinPath(extension.extensionUri, 'snippets', 'markdown.json');
    const snippets = JSON.parse(await readText(snippetFile)) as Record<string, { prefix: string; body: string[] }>;
    const stories = Object.entries(snippets).filter(([, snippet]) => snippet.prefix.startsWith('story-'));
    assert.deepEqual(
      stories.map(([, snippet]) => snippet.prefix),
      QUESTION_IDS.map((id) => `story-${id}`),
      'one story snippet per question type',
    );

    for (const [name, snippet] of stories) {
      const questionId = snippet.prefix.slice('story-'.length);
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
      await vscode.window.showTextDocument(doc);
      // Snippets load lazily after the language is known; retry until the insertion lands.
      const text = await until(
        `the "${name}" snippet to be inserted`,
        async () => {
          await vscode.commands.executeCommand('editor.action.insertSnippet', { name });
          return doc.getText() === '' ? undefined : doc.getText();
        },
        15_000,
      );

      assert.ok(
        text.startsWith(`---\ntitle: A short title\nquestions: [${questionId}]\nstatus: draft\n---\n`),
        `${name}: starts with the frontmatter, got ${JSON.stringify(text.slice(0, 80))}`,
      );
      const headings = text.split('\n').filter((line) => line.startsWith('#'));
      assert.deepEqual(headings, ['## Situation', '## Action', '## Result', '## Lesson'], name);
      assert.ok(!text.includes('${'), `${name}: every placeholder was expanded`);

      // The editor takes the skeleton for a story: the status bar shows its time, and no filter passes yet.
      await until(`${name}: the status bar for the skeleton`, () =>
        /^\$\(clock\) \d:\d\d · 0\/3 filters$/.test(api.getStatus()?.text ?? '') ? true : undefined,
      ).catch((error) => assert.fail(`${String(error)}: ${api.getStatus()?.text}`));

      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  test(`a bank of more than ${LARGE_INDEX} files is indexed completely, with progress in the view; deleting them drops them`, async function () {
    this.timeout(50_000);
    const count = LARGE_INDEX + 20;
    const strongText = await readText(workspaceUri('stories/pricing-test.md'));
    const ids = QUESTION_IDS;
    const folder = workspaceUri('zz-extras-bulk');
    const files: (BulkStory & { uri: vscode.Uri; text: string })[] = [];
    for (let i = 0; i < count; i++) {
      const name = `story-${String(i).padStart(3, '0')}.md`;
      const questions = i % 3 === 0 ? [ids[i % ids.length], ids[(i + 2) % ids.length]] : [ids[i % ids.length]];
      const list = `[${questions.join(', ')}]`;
      // Every fourth story is weak (vague result, no first-person action), the rest a copy of a ready fixture.
      const weak = i % 4 === 0;
      const text = weak
        ? `---\ntitle: ZZ bulk weak ${i}\nquestions: ${list}\n---\n\n## Situation\n\nThe team argued about plan ${i}.\n\n## Action\n\nWe met.\n\n## Result\n\nIt went well.\n`
        : strongText.replace(/questions:.*\n/, `questions: ${list}\n`).replace(/title:.*\n/, `title: ZZ bulk ${i}\n`);
      files.push({ uri: scratch.track(vscode.Uri.joinPath(folder, name)), path: `zz-extras-bulk/${name}`, questions, weak, text });
    }
    scratch.track(folder); // removed last, once empty

    try {
      for (let i = 0; i < files.length; i += 25) {
        await Promise.all(files.slice(i, i + 25).map((file) => writeText(file.uri, file.text)));
      }
      const paths = new Set(files.map((file) => file.path));
      const claimed = (coverage: readonly CoverageEntry[]) => new Set(coverage.flatMap((entry) => entry.stories).filter((path) => paths.has(path)));
      await until(`all ${count} stories to be indexed`, async () => (claimed(await api.getCoverage()).size === count ? true : undefined), 30_000);

      // A full pass (as on activation or Refresh) over more than LARGE_INDEX files reports progress in the view.
      await vscode.commands.executeCommand(COMMANDS.refreshCoverage);
      const indexing = api.getTimings().lastIndex;
      assert.ok(indexing && indexing.files >= count, `the pass read every file: ${JSON.stringify(indexing)}`);
      assert.equal(indexing.viewProgress, true, 'progress was shown in the coverage view');

      const coverage = await api.getCoverage();
      assert.equal(claimed(coverage).size, count);
      assert.deepEqual(coverage, coverageWithBulk(files.map(({ path, questions, weak }) => ({ path, questions, weak }))));
      // The bulk stories really move the counts: each question has at least count/5 claims from them.
      for (const entry of coverage) {
        assert.ok(entry.stories.filter((path) => paths.has(path)).length >= Math.floor(count / ids.length), entry.id);
      }
    } finally {
      for (let i = 0; i < files.length; i += 25) await Promise.all(files.slice(i, i + 25).map((file) => remove(file.uri)));
    }
    const paths = new Set(files.map((file) => file.path));
    const left = async () => (await api.getCoverage()).flatMap((entry) => entry.stories).filter((path) => paths.has(path));
    // The folder goes only after the file deletions were seen (VS Code folds child deletions into a folder's).
    await until('the deleted stories to leave the index', async () => ((await left()).length === 0 ? true : undefined), 30_000).catch(async (error) =>
      assert.fail(`${String(error)}; still indexed: ${new Set(await left()).size}`),
    );
    await remove(folder);

    await vscode.commands.executeCommand(COMMANDS.refreshCoverage);
    const after = api.getTimings().lastIndex;
    assert.ok(after && after.files < LARGE_INDEX, `a small bank: ${JSON.stringify(after)}`);
    assert.equal(after.viewProgress, false, 'no view progress for a small bank');
  });

  suite('welcome', () => {
    teardown(async () => {
      await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(SETTINGS.stories, undefined, vscode.ConfigurationTarget.Global);
      await until(
        'the fixture stories to come back',
        async () => {
          await api.whenIdle();
          return (await api.getTreeChildren()).length > 0 ? true : undefined;
        },
        15_000,
      );
    });

    test('with no story matching the stories glob, the tree is empty and the welcome content offers New Story and the example bank', async () => {
      assert.ok((await api.getTreeChildren()).length > 0, 'fixture: the bank has stories to start with');
      await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(SETTINGS.stories, 'nothing-here/**/*.md', vscode.ConfigurationTarget.Global);
      await until(
        'the tree to empty',
        async () => {
          await api.whenIdle();
          return (await api.getTreeChildren()).length === 0 ? true : undefined;
        },
        15_000,
      );
      const coverage = await api.getCoverage();
      assert.deepEqual(
        coverage.map((entry) => [entry.id, entry.stories.length, entry.status]),
        QUESTION_IDS.map((id) => [id, 0, 'gap']),
      );

      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension);
      const welcome = (extension.packageJSON.contributes.viewsWelcome as { view: string; contents: string; when?: string }[]).filter(
        (entry) => entry.view === COVERAGE_VIEW_ID,
      );
      assert.equal(welcome.length, 1, 'one welcome entry for the coverage view');
      // Shown when the tree is empty once the first pass has ended; before that the view shows the pass's progress.
      assert.equal(welcome[0].when, 'storyBank.indexed');
      const links = [...welcome[0].contents.matchAll(/\[([^\]]+)\]\(command:([^)]+)\)/g)].map((m) => [m[1], m[2]]);
      assert.deepEqual(links, [
        ['New Story', COMMANDS.newStory],
        ['Open Example Bank', COMMANDS.openExamples],
      ]);
      // Welcome content renders links but not code spans: a backtick would show as a literal backtick.
      assert.doesNotMatch(welcome[0].contents, /`/);
      const commands = await vscode.commands.getCommands(true);
      for (const [, id] of links) assert.ok(commands.includes(id), `${id} is registered`);
    });
  });
});
