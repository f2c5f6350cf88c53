// The filters' evidence in a real VS Code: the CodeLens verdicts, the hover on an evidence sentence, and
// Highlight Evidence. The evidence each story is expected to show is written below, sentence by sentence.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FilterId } from '../../src/core';
import type { StoryBankApi } from '../../src/extension/extension';
import type { EvidenceHighlightState } from '../../src/extension/evidence';
import { COMMANDS } from '../../src/extension/constants';
import { Scratch, codeOf, ours, until, untilEqual, useStoryBank, workspaceUri, writeText } from './helpers';

const FILTERS: FilterId[] = ['tradeoff', 'role', 'result'];

const LABEL: Record<FilterId, string> = { tradeoff: 'Tradeoff', role: 'Role', result: 'Result' };
/** The longest quote a lens alone on its line may show (the ellipsis excluded). */
const LONGEST_QUOTE = 60;

const STRONG_STORY = [
  '---',
  'title: Evidence lens',
  'questions: [judgment]',
  '---',
  '',
  '## Situation',
  '',
  'The launch date was fixed by the trade show, six weeks out.',
  '',
  '## Action',
  '',
  'I chose the manual export over the API, accepting a slower first month.',
  '',
  'I wrote the rollback plan myself.',
  '',
  '## Result',
  '',
  'Sign-ups rose from 4% to 6% by the show.',
  '',
].join('\n');

/** STRONG_STORY's evidence: the sentence each filter passed on, and its range. */
const CHOICE = 'I chose the manual export over the API, accepting a slower first month.';
const STRONG_EVIDENCE: Record<FilterId, { text: string; range: number[] }> = {
  tradeoff: { text: CHOICE, range: [11, 0, 11, 71] },
  role: { text: CHOICE, range: [11, 0, 11, 71] },
  result: { text: 'Sign-ups rose from 4% to 6% by the show.', range: [17, 0, 17, 40] },
};
const STRONG_RANGES: [FilterId, number[]][] = FILTERS.map((id) => [id, STRONG_EVIDENCE[id].range]);

/** The fixture workspace's weak stories: the filters each fails, and the range of the finding that says why. */
const FAILED_FILTERS: Record<string, Partial<Record<FilterId, number[]>>> = {
  'stories/missed-migration.md': { tradeoff: [11, 0, 11, 9] },
  'stories/team-offsite.md': { tradeoff: [10, 0, 10, 9], role: [10, 0, 10, 9], result: [16, 0, 16, 36] },
};

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();
const rangeOf = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) => [
  r.start.line,
  r.start.character,
  r.end.line,
  r.end.character,
];

async function lensesOf(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
}

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers
    .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
    .join('\n')
    .replace(/\\(.)/g, '$1');
}

function highlightedRanges(highlights: readonly { filters: FilterId[]; range: vscode.Range }[] | undefined): [FilterId, number[]][] {
  const pairs = (highlights ?? []).flatMap(({ filters, range }) => filters.map((id): [FilterId, number[]] => [id, rangeOf(range)]));
  return pairs.sort((a, b) => FILTERS.indexOf(a[0]) - FILTERS.indexOf(b[0]));
}

async function openStory(uri: vscode.Uri): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

suite('Story Bank evidence', () => {
  let api: StoryBankApi;
  const scratch = new Scratch();

  // Registered first, so it runs before the shared clean-up: leave no highlight on for the next test.
  teardown(async () => {
    const active = vscode.window.activeTextEditor?.document.uri;
    if (active && api.getEvidenceHighlights(active)) await vscode.commands.executeCommand(COMMANDS.highlightEvidence, active);
  });
  useStoryBank(scratch, (activated) => (api = activated));

  test('a strong story: a CodeLens above each evidence sentence quotes it after the filters it passed', async () => {
    const uri = scratch.track(workspaceUri('stories/zz-evidence-strong.md'));
    await writeText(uri, STRONG_STORY);
    await openStory(uri);
    const lenses = await until('evidence lenses', async () => {
      const found = await lensesOf(uri);
      return found.some((l) => l.command?.title.includes('✓')) ? found : undefined;
    });

    let quotedWhole = 0;
    let quotedCut = 0;
    for (const id of FILTERS) {
      const evidence = STRONG_EVIDENCE[id];
      const line = evidence.range[0];
      const lens = lenses.find((l) => l.range.start.line === line && l.command?.title.includes(`${LABEL[id]} ✓`));
      assert.ok(lens?.command, `a "${LABEL[id]} ✓" lens on line ${line}; lenses: ${JSON.stringify(lenses.map((l) => [l.range.start.line, l.command?.title]))}`);
      const title = lens.command.title;
      // Verdicts first, then the quote.
      assert.match(title, /^((Tradeoff|Role|Result) ✓ )+"/, title);
      const quote = /"(.*)"$/.exec(title)?.[1];
      assert.ok(quote !== undefined, `a quote in ${title}`);
      const text = flat(evidence.text);
      if (text.length <= LONGEST_QUOTE) {
        assert.equal(quote, text, `${id}: the whole evidence is quoted`);
        quotedWhole++;
      } else {
        assert.ok(quote.endsWith('…'), `${id}: a long quote ends with …: ${quote}`);
        assert.ok(quote.length - 1 <= LONGEST_QUOTE, `${id}: at most ${LONGEST_QUOTE} characters: ${quote}`);
        assert.ok(text.startsWith(quote.slice(0, -1)), `${id}: the quote is the evidence's beginning: ${quote}`);
        quotedCut++;
      }
      assert.equal(lens.command.command, COMMANDS.highlightEvidence, 'clicking the lens highlights the evidence');
    }
    assert.ok(quotedWhole > 0 && quotedCut > 0, 'fixture: one evidence fits the lens whole, one is cut');
    assert.ok(!lenses.some((l) => l.command?.title.includes('✗')), 'no failed filter in a strong story');
  });

  test('a weak story: each failed filter shows ✗ on the first lens line, linked to the finding that says why', async () => {
    for (const [relative, failed] of Object.entries(FAILED_FILTERS)) {
      const uri = workspaceUri(relative);
      await openStory(uri);
      const lenses = await until(`lenses of ${relative}`, async () => {
        const found = await lensesOf(uri);
        return found.some((l) => l.command?.title.includes('✗')) ? found : undefined;
      });
      const summary = lenses.find((l) => /total · \d\/3 filters/.test(l.command?.title ?? ''));
      assert.ok(summary, `${relative}: the summary lens`);

      for (const id of FILTERS) {
        const crossed = lenses.filter((l) => l.command?.title === `${LABEL[id]} ✗`);
        const ticked = lenses.filter((l) => l.command?.title.includes(`${LABEL[id]} ✓`));
        const findingRange = failed[id];
        if (!findingRange) {
          assert.equal(crossed.length, 0, `${relative}: ${id} passed, no ✗`);
          assert.equal(ticked.length, 1, `${relative}: ${id} passed, one ✓`);
          continue;
        }
        assert.equal(ticked.length, 0, `${relative}: ${id} failed, no ✓`);
        assert.equal(crossed.length, 1, `${relative}: one "${LABEL[id]} ✗" lens`);
        const [lens] = crossed;
        assert.equal(lens.range.start.line, summary.range.start.line, `${relative}: ${id} ✗ sits beside the summary`);
        const diagnostic = await until(`the ${id} diagnostic of ${relative}`, () => ours(uri).find((d) => codeOf(d) === id));
        assert.equal(lens.command?.command, COMMANDS.revealFinding);
        assert.equal(lens.command?.tooltip, diagnostic.message, 'the tooltip is the finding message');
        const [target, range] = lens.command?.arguments ?? [];
        assert.equal(String(target), uri.toString());
        assert.deepEqual(rangeOf(range as vscode.Range), findingRange);
      }
    }
  });

  test('hovering an evidence sentence quotes it whole and lists every verdict; elsewhere no evidence hover', async () => {
    const uri = workspaceUri('stories/missed-migration.md');
    await openStory(uri);
    // missed-migration.md fails the tradeoff filter; role and result pass on these sentences.
    const evidence: [FilterId, vscode.Position, string][] = [
      ['role', new vscode.Position(13, 50), 'I approved the cut-over after testing on 12 devices, because I assumed the rest used the same firmware.'],
      [
        'result',
        new vscode.Position(17, 90),
        'About 2,300 viewers saw errors for up to four hours; after the rollback, error rates returned to the 0.3% baseline and the full migration finished two weeks later with zero incidents.',
      ],
    ];
    for (const [id, position, sentence] of evidence) {
      const text = await until(`the ${id} evidence hover`, async () => {
        const shown = await hoverText(uri, position);
        return shown.includes('Story Bank read this') ? shown : undefined;
      });
      assert.ok(text.includes(sentence), `the hover quotes the evidence whole: ${text}`);
      assert.ok(text.includes(`${LABEL[id]} ✓`), text);
      assert.ok(text.includes('Tradeoff ✗'), `the failed filter is listed: ${text}`);
    }

    // On the "## Situation" heading.
    const outside = await hoverText(uri, new vscode.Position(7, 1));
    assert.ok(!outside.includes('Story Bank read this'), outside);
  });

  test('Highlight Evidence decorates exactly the evidence ranges, never edits, and toggles off', async () => {
    const uri = scratch.track(workspaceUri('stories/zz-evidence-highlight.md'));
    await writeText(uri, STRONG_STORY);
    const doc = (await openStory(uri)).document;
    const versionBefore = doc.version;
    const expected = STRONG_RANGES;

    // As a click on an evidence lens runs it.
    const lens = await until('an evidence lens', async () => (await lensesOf(uri)).find((l) => l.command?.command === COMMANDS.highlightEvidence));
    const on = await vscode.commands.executeCommand<EvidenceHighlightState>(lens.command!.command, ...(lens.command!.arguments ?? []));
    assert.equal(on?.highlighted, true);
    assert.deepEqual(highlightedRanges(on.ranges), expected);
    assert.deepEqual(highlightedRanges(api.getEvidenceHighlights(uri)), expected);
    assert.equal(on.ranges.length, new Set(expected.map(([, range]) => range.join())).size, 'one decoration per span, however many filters share it');

    assert.equal(doc.version, versionBefore, 'the document was not edited');
    assert.equal(doc.isDirty, false);
    assert.equal(doc.getText(), STRONG_STORY);

    // From the palette: the active editor.
    const off = await vscode.commands.executeCommand<EvidenceHighlightState>(COMMANDS.highlightEvidence);
    assert.equal(off?.highlighted, false);
    assert.deepEqual(off.ranges, []);
    assert.equal(api.getEvidenceHighlights(uri), undefined);
    assert.equal(doc.version, versionBefore);

    // Not a story: nothing to highlight.
    await openStory(workspaceUri('notes.md'));
    assert.equal(await vscode.commands.executeCommand(COMMANDS.highlightEvidence), undefined);
  });

  test('the highlight follows a re-lint: evidence that stops passing loses its decoration', async () => {
    const uri = scratch.track(workspaceUri('stories/zz-evidence-relint.md'));
    await writeText(uri, STRONG_STORY);
    const editor = await openStory(uri);
    const doc = editor.document;
    const on = await vscode.commands.executeCommand<EvidenceHighlightState>(COMMANDS.highlightEvidence, uri);
    assert.deepEqual(highlightedRanges(on?.ranges), STRONG_RANGES);

    // Typing a vague result over the measured one.
    const resultLine = doc
      .getText()
      .split('\n')
      .findIndex((line) => line.startsWith('Sign-ups rose'));
    assert.ok(resultLine > 0);
    await editor.edit((edit) => edit.replace(doc.lineAt(resultLine).range, 'It went well and everyone was happy.'));
    // The vague result passes no filter: its decoration goes, the choice's stays.
    const expected = STRONG_RANGES.filter(([id]) => id !== 'result');
    await untilEqual('the highlight to follow the re-lint', () => highlightedRanges(api.getEvidenceHighlights(uri)), expected);

    // The lenses follow too: the result now shows ✗.
    await until('a "Result ✗" lens', async () => ((await lensesOf(uri)).some((l) => l.command?.title === 'Result ✗') ? true : undefined));
  });
});
