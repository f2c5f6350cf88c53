// Practice mode and the coverage matrix in a real VS Code: question pick, status bar countdown (warning and
// end), story outline, the undoable practiced-date edit, and the matrix webview's live HTML.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StoryBankApi } from '../../src/extension/extension';
import { COMMANDS } from '../../src/extension/constants';
import type { PracticeResult } from '../../src/extension/practice';
import type { QuestionNode, StoryNode } from '../../src/extension/storyTree';
import { Scratch, readText, useStoryBank, remove, until, workspaceUri, writeText } from './helpers';

const DAY = '2031-02-03';

/** pricing-test.md's outline: each section's heading and first sentence. */
const PRICING_OUTLINE = [
  {
    kind: 'context',
    heading: 'Situation',
    firstSentence: 'Our subscription team had two weeks left in the quarter and a half-finished pricing survey.',
    line: 7,
  },
  {
    kind: 'action',
    heading: 'Action',
    firstSentence: 'I laid out two options: wait five weeks for the survey, or launch the annual plan to 10% of new sign-ups behind a flag.',
    line: 11,
  },
  {
    kind: 'result',
    heading: 'Result',
    firstSentence: 'Annual sign-ups reached 14% of the test group in three weeks, and monthly churn in that group fell from 6.1% to 4.8%.',
    line: 15,
  },
  {
    kind: 'lesson',
    heading: 'Lesson',
    firstSentence: 'I now write the rollback criteria before I argue for a launch; it makes the tradeoff easy to accept.',
    line: 19,
  },
];

async function scratchStory(
  scratch: Scratch,
  api: StoryBankApi,
  name: string,
  frontmatterExtra: string,
): Promise<{ uri: vscode.Uri; path: string; text: string }> {
  const source = await readText(workspaceUri('stories/pricing-test.md'));
  const text = source.replace(/title:.*\n/, `title: ZZ practice ${name}\n`).replace(/questions:.*\n/, `questions: [judgment]\n${frontmatterExtra}`);
  const uri = scratch.track(workspaceUri(`stories/zz-practice-${name}.md`));
  await writeText(uri, text);
  const path = `stories/zz-practice-${name}.md`;
  await until(`${path} indexed`, async () => ((await api.getCoverage()).find((c) => c.id === 'judgment')?.stories.includes(path) ? true : undefined));
  return { uri, path, text };
}

function practice(args: Record<string, unknown>): Thenable<PracticeResult | undefined> {
  return vscode.commands.executeCommand<PracticeResult | undefined>(COMMANDS.practice, args);
}

suite('Story Bank practice mode and coverage matrix', () => {
  let api: StoryBankApi;
  const scratch = new Scratch();

  useStoryBank(
    scratch,
    (activated) => (api = activated),
    () => vscode.commands.executeCommand(COMMANDS.stopPractice),
  );

  suiteSetup(async () => {
    // A run killed half-way can leave this suite's scratch stories behind; they would skew the coverage.
    for (const name of ['none', 'flow', 'block']) await remove(workspaceUri(`stories/zz-practice-${name}.md`));
    await remove(workspaceUri('stories/zz-matrix-hostile.md'));
    await api.whenIdle();
  });

  test('the status bar offers practice; a seeded pick is reproducible and names a question of the profile', async () => {
    const idle = api.getPracticeState();
    assert.equal(idle.running, false);
    assert.equal(idle.text, '$(mortar-board) Practice');
    const first = await practice({ seed: 11, record: false, storyPath: 'stories/pricing-test.md' });
    const second = await practice({ seed: 11, record: false, storyPath: 'stories/pricing-test.md' });
    assert.ok(first && second);
    assert.equal(first.questionId, second.questionId);
    assert.ok(['judgment', 'candor', 'disagree-commit', 'failure', 'leadership'].includes(first.questionId));
    assert.equal(api.getPracticeState().questionId, first.questionId);
    const picks = new Set<string>();
    for (let seed = 0; seed < 30; seed++) picks.add((await practice({ seed, record: false, storyPath: 'stories/pricing-test.md' }))!.questionId);
    assert.ok(picks.has('candor'), `the gap with no story comes up: ${[...picks].join(', ')}`);
  });

  test('the countdown counts down in the status bar, turns to a warning, ends, and stops', async () => {
    const result = await practice({ questionId: 'judgment', storyPath: 'stories/pricing-test.md', record: false, seconds: 3 });
    assert.equal(result?.questionId, 'judgment');
    const start = api.getPracticeState();
    assert.equal(start.running, true);
    assert.match(start.text, /^\$\(watch\) 0:0[23] Judgment with…$/);
    assert.equal(start.warning, false);
    await until('the countdown text changes', () => (api.getPracticeState().text !== start.text ? true : undefined), 5000);
    await until('the warning state', () => (api.getPracticeState().warning ? true : undefined), 5000);
    const warned = api.getPracticeState();
    assert.equal(warned.running, true, 'the warning comes before the end');
    await until('the end', () => (api.getPracticeState().ended ? true : undefined), 5000);
    const ended = api.getPracticeState();
    assert.equal(ended.running, false);
    assert.equal(ended.text, '$(watch) 0:00 Time');
    assert.ok(ended.texts.length >= 3, ended.texts.join(' | '));
    const remaining = ended.texts.map((t) => Number(/0:(\d\d)/.exec(t)?.[1]));
    assert.deepEqual([...remaining].sort().reverse(), remaining, `counts down: ${ended.texts.join(' | ')}`);
    assert.ok(ended.texts.includes('$(watch) 0:01 Judgment with…'), ended.texts.join(' | '));
    await vscode.commands.executeCommand(COMMANDS.stopPractice);
    assert.equal(api.getPracticeState().text, '$(mortar-board) Practice');
  });

  test("the chosen story's outline is shown: headings and first sentences", async () => {
    const result = await practice({ questionId: 'judgment', storyPath: 'stories/pricing-test.md', record: false });
    assert.deepEqual(result?.outline, PRICING_OUTLINE);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.scheme, 'storybank-outline');
    const shown = editor!.document.getText();
    for (const item of result!.outline!) {
      assert.ok(shown.includes(`## ${item.heading}`), item.heading);
      if (item.firstSentence) assert.ok(shown.includes(item.firstSentence), item.firstSentence);
    }
    assert.ok(shown.includes('Our subscription team had two weeks left in the quarter and a half-finished pricing survey.'));
  });

  // The frontmatter a story starts with, and how recording DAY changes it: the date joins the list, in its style.
  for (const [name, extra, before, after] of [
    ['none', '', 'status: ready\n---', `status: ready\npracticed: [${DAY}]\n---`],
    ['flow', 'practiced: [2031-01-05]\n', 'practiced: [2031-01-05]\n', `practiced: [2031-01-05, ${DAY}]\n`],
    ['block', 'practiced:\n  - 2031-01-05\n', '  - 2031-01-05\n', `  - 2031-01-05\n  - ${DAY}\n`],
  ] as const) {
    test(`recording practice (${name === 'none' ? 'no practiced key' : `${name} list`}) is one undoable edit that only adds the date`, async () => {
      const story = await scratchStory(scratch, api, name, extra);
      const result = await practice({ questionId: 'judgment', storyPath: story.path, record: true, today: DAY, seconds: 60 });
      assert.equal(result?.recorded, true);
      const document = await vscode.workspace.openTextDocument(story.uri);
      assert.ok(story.text.includes(before), 'fixture: the frontmatter before');
      const expected = story.text.replace(before, after);
      assert.equal(document.getText(), expected);
      assert.equal(document.isDirty, true, 'an edit, not a silent write');
      assert.equal(await readText(story.uri), story.text, 'the file on disk is untouched until saved');

      // The coverage tree shows the last practice date from the edited text.
      await until('the tree shows the practice date', async () => {
        const roots = (await api.getTreeChildren()) as QuestionNode[];
        const judgment = roots.find((node) => node.entry.id === 'judgment')!;
        const node = judgment.children.find((c): c is StoryNode => c.kind === 'story' && c.story.path === story.path);
        return node && String(api.getTreeItem(node).description).endsWith(`practised ${DAY}`) ? true : undefined;
      });

      // Recording again the same day changes nothing.
      assert.equal((await practice({ questionId: 'judgment', storyPath: story.path, record: true, today: DAY }))?.recorded, false);
      assert.equal(document.getText(), expected);

      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('undo');
      await until('one undo restores the text', () => (document.getText() === story.text ? true : undefined), 5000);
    });
  }

  test('the coverage matrix renders every story and question type, updates live, and opens a story', async () => {
    await vscode.commands.executeCommand(COMMANDS.showMatrix);
    const html = await until('the matrix html', () => api.getMatrixHtml());
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src [^"]+ 'nonce-[^']+'; script-src 'nonce-[^']+'">/);
    for (const path of ['stories/pricing-test.md', 'stories/missed-migration.md', 'stories/team-offsite.md'])
      assert.ok(html.includes(`data-story="${path}"`), path);
    assert.equal((html.match(/<th scope="col" data-question=/g) ?? []).length, 5);

    const hostile = scratch.track(workspaceUri('stories/zz-matrix-hostile.md'));
    await writeText(hostile, '---\ntitle: "<img src=x onerror=alert(1)>"\nquestions: [candor]\n---\nA story.\n');
    const updated = await until('the matrix shows the new story', () =>
      api.getMatrixHtml()?.includes('data-story="stories/zz-matrix-hostile.md"') ? api.getMatrixHtml() : undefined,
    );
    assert.ok(updated.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(!updated.includes('<img'));

    const editor = await api.openFromMatrix('stories/missed-migration.md');
    assert.equal(editor?.document.uri.toString(), workspaceUri('stories/missed-migration.md').toString());
    assert.equal(await api.openFromMatrix('../../etc/passwd'), undefined, 'only stories of the bank can be opened');
  });
});
