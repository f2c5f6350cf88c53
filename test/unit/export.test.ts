import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main';
import {
  DEFAULT_CONFIG,
  buildCheatSheet,
  checkStoryText,
  cheatSheetSections,
  csvField,
  escapeHtml,
  getProfile,
  withProfile,
  type ExportStory,
} from '../../src/core';

const netflix = DEFAULT_CONFIG.profile;

const READY = `---
title: Shrinking the trial
questions: [judgment]
---

## Situation

Half of our trial users cancelled before the first charge, and finance wanted an answer within three weeks. A test would take two months.

## Action

I pulled the viewing logs for 40,000 trial accounts. I chose a seven-day trial over a reminder campaign, accepting fewer sign-ups.

## Result

Trial-to-paid conversion rose from 42% to 55% by the end of June.
`;

const WEAK = `---
title: A vague one
questions: [judgment, candor]
---

## Situation

The team argued about the roadmap.

## Action

We met a lot.

## Result

It went well.
`;

function bank(entries: Record<string, string>, config = DEFAULT_CONFIG): ExportStory[] {
  return Object.entries(entries).map(([file, text]) => ({ path: file, result: checkStoryText(text, { config }) }));
}

function parseCsv(csv: string): string[][] {
  // A small RFC 4180 reader, enough to check the writer round-trips.
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const char = csv[i];
    if (quoted) {
      if (char === '"' && csv[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && csv[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += char;
  }
  return rows;
}

describe('cheat sheet export', () => {
  it('lists each ready story under its question type with the hook, tradeoff and result sentences from its own text', () => {
    const stories = bank({ 'stories/trial.md': READY, 'stories/weak.md': WEAK });
    assert.ok(stories[0].result.filters.tradeoff && stories[0].result.filters.result, 'the fixture story is ready');
    const sections = cheatSheetSections(netflix, stories);
    assert.deepEqual(
      sections.map((s) => s.id),
      ['judgment', 'candor', 'disagree-commit', 'failure', 'leadership'],
    );
    const judgment = sections[0];
    assert.equal(judgment.claimed, 1, 'the weak story claims judgment but is not ready');
    assert.deepEqual(judgment.ready, [
      {
        path: 'stories/trial.md',
        title: 'Shrinking the trial',
        hook: 'Half of our trial users cancelled before the first charge, and finance wanted an answer within three weeks.',
        tradeoff: 'I chose a seven-day trial over a reminder campaign, accepting fewer sign-ups.',
        result: 'Trial-to-paid conversion rose from 42% to 55% by the end of June.',
      },
    ]);
    for (const sentence of [judgment.ready[0].hook!, judgment.ready[0].tradeoff!, judgment.ready[0].result!]) {
      assert.ok(READY.includes(sentence), `taken from the story: ${sentence}`);
    }
    assert.deepEqual(sections[1], { id: 'candor', title: 'Difficult feedback', question: netflix.questions[1].question, ready: [], claimed: 1 });

    const { markdown, html } = buildCheatSheet(netflix, stories);
    assert.match(markdown, /^# Story Bank cheat sheet: Netflix product manager\n/);
    assert.ok(markdown.includes('- **Shrinking the trial**: Half of our trial users'), markdown);
    assert.ok(markdown.includes('  - Tradeoff: I chose a seven-day trial over a reminder campaign, accepting fewer sign-ups.'));
    assert.ok(markdown.includes('  - Result: Trial-to-paid conversion rose from 42% to 55% by the end of June.'));
    assert.ok(markdown.includes('No ready story yet (1 claimed, not ready).'));
    assert.ok(!markdown.includes('A vague one'), 'stories that are not ready stay off the sheet');
    assert.ok(html.includes('<span class="label">Tradeoff:</span> I chose a seven-day trial over a reminder campaign, accepting fewer sign-ups.'));
  });

  it('uses the sentence the filters accepted: the tradeoff without headings and a result past a vague sentence', () => {
    const text =
      '---\ntitle: No headings\nquestions: [judgment]\n---\n\nOur churn doubled in one quarter.\n\nI read every cancellation note with finance. I picked the product fix over the discount because discounts only delayed churn.\n\nIt went well. Churn fell from 8% to 5% within two months.\n';
    const [entry] = bank({ 'a.md': text });
    const story = cheatSheetSections(netflix, [entry])[0].ready[0];
    assert.ok(story, JSON.stringify(entry.result.findings.map((f) => f.message)));
    assert.equal(story.hook, 'Our churn doubled in one quarter.');
    assert.equal(story.tradeoff, 'I picked the product fix over the discount because discounts only delayed churn.');
    assert.equal(story.result, 'Churn fell from 8% to 5% within two months.');
  });

  it('a long first sentence is cut at a word with an ellipsis', () => {
    const long = READY.replace('Half of our trial users', `${'Very long context words '.repeat(12)}and then half of our trial users`);
    const hook = cheatSheetSections(netflix, bank({ 'a.md': long }))[0].ready[0].hook!;
    assert.ok(hook.length <= 160 && hook.endsWith('…') && !hook.includes('  '), hook);
    assert.ok(long.includes(hook.slice(0, -1)));
  });

  it('escapes story text in the HTML: a title that is markup shows as text; no script anywhere', () => {
    const evil = READY.replace('title: Shrinking the trial', 'title: "<img src=x onerror=alert(1)>"').replace(
      'Half of our trial users',
      'Half of our <script>alert("x")</script> & "trial" users',
    );
    const { html, markdown } = buildCheatSheet(netflix, bank({ 'stories/evil.md': evil }));
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'), html);
    assert.ok(!html.includes('<img'), 'no image element');
    assert.ok(!/<script/i.test(html), 'no script element');
    assert.ok(!/\son\w+=/i.test(html.replace(/&lt;img src=x onerror=alert\(1\)&gt;/g, '')), 'no event handler attribute');
    assert.ok(html.includes("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\""));
    assert.ok(html.includes('@page'), 'print layout');
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    assert.ok(markdown.includes('\\<img src=x onerror=alert\\(1\\)\\>'), markdown);
    assert.ok(!/(^|[^\\])<img/.test(markdown), 'markdown does not render the tag');
  });

  it('the CSV is a stories × question types matrix with readiness, RFC 4180 quoting and no formulas', () => {
    const tricky = READY.replace('title: Shrinking the trial', 'title: "=HYPERLINK(\\"http://x\\", \\"click\\")"');
    const csv = buildCheatSheet(netflix, bank({ 'b/weak.md': WEAK, 'a/tricky.md': tricky, 'notes.md': '# not a story\n' })).csv;
    assert.ok(csv.endsWith('\r\n'));
    const rows = parseCsv(csv);
    assert.deepEqual(rows, [
      ['story', 'path', 'judgment', 'candor', 'disagree-commit', 'failure', 'leadership'],
      [`'=HYPERLINK("http://x", "click")`, 'a/tricky.md', 'ready', '', '', '', ''],
      ['A vague one', 'b/weak.md', 'claimed-not-ready', 'claimed-not-ready', '', '', ''],
    ]);
    assert.equal(csvField('+1'), "'+1");
    assert.equal(csvField('-2,5'), `"'-2,5"`);
    assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvField('\tx'), "'\tx", 'a leading tab is neutralised');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('line\nbreak'), '"line\nbreak"');
    assert.equal(csvField('plain'), 'plain');
  });

  it('follows the profile it is given: amazon-lp sections, stories claiming there via a questions map', () => {
    const config = withProfile(DEFAULT_CONFIG, 'amazon-lp')!;
    const both = READY.replace('questions: [judgment]', 'questions: {netflix-pm: [judgment], amazon-lp: [are-right-a-lot]}');
    const { markdown, csv } = buildCheatSheet(config.profile, bank({ 'both.md': both, 'netflix.md': READY }, config));
    assert.equal(cheatSheetSections(getProfile('amazon-lp')!, []).length, 16);
    assert.match(markdown, /## Are Right, A Lot\n\n\*.*\*\n\n- \*\*Shrinking the trial\*\*/);
    const rows = parseCsv(csv);
    assert.equal(rows[0].length, 18);
    assert.equal(rows[1][rows[0].indexOf('are-right-a-lot')], 'ready');
    assert.deepEqual(rows[2].slice(2), new Array(16).fill(''), 'a netflix-only story claims nothing in amazon-lp');
  });

  it('the example bank exports with a sentence from each ready story', () => {
    const folder = path.join(__dirname, '../../examples/netflix-pm');
    const stories = readdirSync(folder)
      .filter((f) => f.endsWith('.md') && f !== 'README.md')
      .map((f) => ({ path: f, result: checkStoryText(readFileSync(path.join(folder, f), 'utf8')) }));
    const sections = cheatSheetSections(netflix, stories);
    const ready = sections.flatMap((s) => s.ready);
    assert.ok(ready.length >= 3, 'the examples include ready stories');
    for (const story of ready) {
      const text = readFileSync(path.join(folder, story.path), 'utf8').replace(/\s+/g, ' ');
      assert.ok(story.tradeoff && story.result && story.hook, story.path);
      for (const sentence of [story.tradeoff, story.result]) assert.ok(text.includes(sentence.replace(/…$/, '')), `${story.path}: ${sentence}`);
    }
  });

  describe('storybank export', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'storybank-export-'));
      mkdirSync(path.join(dir, 'bank'));
      writeFileSync(path.join(dir, 'bank', 'trial.md'), READY);
      writeFileSync(path.join(dir, 'bank', 'weak.md'), WEAK);
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    async function run(args: string[]) {
      let stdout = '';
      let stderr = '';
      const sink = (add: (chunk: string) => void) =>
        new Writable({
          write(chunk, _encoding, done) {
            add(String(chunk));
            done();
          },
        });
      const code = await main(args, { stdout: sink((c) => (stdout += c)), stderr: sink((c) => (stderr += c)) } as never);
      return { code, stdout, stderr };
    }

    it('writes the three files into --out, with the same content as buildCheatSheet', async () => {
      const bankDir = path.join(dir, 'bank');
      const out = path.join(dir, 'out', 'nested');
      const { code, stdout, stderr } = await run(['export', bankDir, '--out', out, '--no-cache']);
      assert.equal(code, 0, stderr);
      assert.match(stdout, /Wrote .*cheat-sheet\.md, .*cheat-sheet\.html, .*coverage\.csv \(netflix-pm\)/);
      assert.deepEqual(readdirSync(out).sort(), ['cheat-sheet.html', 'cheat-sheet.md', 'coverage.csv']);
      const expected = buildCheatSheet(netflix, bank({ [path.join(bankDir, 'trial.md')]: READY, [path.join(bankDir, 'weak.md')]: WEAK }));
      assert.equal(readFileSync(path.join(out, 'cheat-sheet.md'), 'utf8'), expected.markdown);
      assert.equal(readFileSync(path.join(out, 'cheat-sheet.html'), 'utf8'), expected.html);
      assert.equal(readFileSync(path.join(out, 'coverage.csv'), 'utf8'), expected.csv);
    });

    it('refuses with exit 2 when a target exists, writes nothing, and replaces only with --force', async () => {
      const out = path.join(dir, 'out');
      mkdirSync(out);
      writeFileSync(path.join(out, 'coverage.csv'), 'mine\n');
      const refused = await run(['export', path.join(dir, 'bank'), '--out', out]);
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /not overwriting .*coverage\.csv; choose another --out folder or pass --force/);
      assert.equal(readFileSync(path.join(out, 'coverage.csv'), 'utf8'), 'mine\n');
      assert.deepEqual(readdirSync(out), ['coverage.csv'], 'nothing else was written');
      const forced = await run(['export', path.join(dir, 'bank'), '--out', out, '--force']);
      assert.equal(forced.code, 0, forced.stderr);
      assert.match(readFileSync(path.join(out, 'coverage.csv'), 'utf8'), /^story,path,judgment/);
    });

    it('needs --out, and honours --profile', async () => {
      const missing = await run(['export', path.join(dir, 'bank')]);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /export needs --out <dir>/);
      const out = path.join(dir, 'amazon');
      const amazon = await run(['export', path.join(dir, 'bank'), '--out', out, '--profile', 'amazon-lp']);
      assert.equal(amazon.code, 0, amazon.stderr);
      assert.match(readFileSync(path.join(out, 'cheat-sheet.md'), 'utf8'), /^# Story Bank cheat sheet: Amazon Leadership Principles/);
      const unknown = await run(['export', path.join(dir, 'bank'), '--out', path.join(dir, 'x'), '--profile', 'amazon']);
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /unknown profile "amazon"/);
    });
  });
});
