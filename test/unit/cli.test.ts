import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { z } from 'zod';
import { main } from '../../src/cli/main';

/** The CLI's result cache goes here during the tests, never into the user's cache folder. */
const cacheDir = mkdtempSync(path.join(tmpdir(), 'storybank-cli-cache-'));
after(() => rmSync(cacheDir, { recursive: true, force: true }));

/** Runs the CLI in-process and captures what it writes. */
async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const sink = (append: (chunk: string) => void) =>
    Object.assign(
      new Writable({
        write(chunk, _encoding, callback) {
          append(String(chunk));
          callback();
        },
      }),
      { isTTY: false },
    ) as unknown as NodeJS.WriteStream;
  const code = await main([...args, '--cache-dir', cacheDir], { stdout: sink((c) => (stdout += c)), stderr: sink((c) => (stderr += c)) });
  return { code, stdout, stderr };
}

/** The JSON contract from DESIGN.md, strict so that a renamed or missing field fails. */
const FindingJson = z.strictObject({
  rule: z.string(),
  severity: z.enum(['error', 'warning', 'info', 'hint']),
  message: z.string().min(1),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  endLine: z.number().int().min(1),
  endColumn: z.number().int().min(1),
});
const EvidenceJson = z.strictObject({
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  endLine: z.number().int().min(1),
  endColumn: z.number().int().min(1),
  text: z.string().min(1),
});
const ContractJson = z.strictObject({
  version: z.literal(1),
  profile: z.string(),
  stories: z.array(
    z.strictObject({
      path: z.string(),
      title: z.string(),
      questions: z.array(z.string()),
      words: z.number().int().min(0),
      seconds: z.number().int().min(0),
      filters: z.strictObject({ tradeoff: z.boolean(), role: z.boolean(), result: z.boolean() }),
      evidence: z.strictObject({ tradeoff: EvidenceJson.optional(), role: EvidenceJson.optional(), result: EvidenceJson.optional() }),
      ready: z.array(z.string()),
      findings: z.array(FindingJson),
    }),
  ),
  coverage: z.array(
    z.strictObject({
      id: z.string(),
      title: z.string(),
      status: z.enum(['covered', 'thin', 'gap']),
      stories: z.array(z.string()),
      ready: z.array(z.string()),
    }),
  ),
  errors: z.array(z.looseObject({ path: z.string(), message: z.string() })),
});

const GOOD = `---
title: Shorter trial
questions: [judgment]
---
## Situation
Our seven-day free trial converted poorly, and the data on longer trials was thin.

## Action
I compared a shorter trial with reminder emails. I chose the shorter trial over the emails, accepting fewer sign-ups in the first month. I wrote the experiment plan and ran it with two markets.

## Result
Paid conversion rose from 31% to 38% within six weeks, and we shipped it to every market by March.

## Lesson
I now set the decision deadline before the data arrives, so waiting is a choice rather than a default.
`;

describe('storybank CLI', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'storybank-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('JSON output on the example bank follows the contract', async () => {
    const { code, stdout } = await run(['check', 'examples/netflix-pm', '--format', 'json']);
    assert.ok(code === 0 || code === 1, `exit code ${code}`);
    const json = ContractJson.parse(JSON.parse(stdout));
    assert.equal(json.profile, 'netflix-pm');
    assert.ok(json.stories.length >= 8, 'the example bank has at least 8 stories');
    assert.deepEqual(
      json.coverage.map((entry) => entry.id),
      ['judgment', 'candor', 'disagree-commit', 'failure', 'leadership'],
    );
    for (const story of json.stories) {
      assert.ok(story.path.startsWith('examples/netflix-pm/'), 'paths are reported as found');
      for (const finding of story.findings) {
        assert.ok(finding.endLine > finding.line || finding.endColumn > finding.column, 'no zero-width finding');
      }
    }
    assert.ok(!json.stories.some((story) => story.path.endsWith('README.md')), 'a Markdown file without questions is not a story');
  });

  it('exits 0 for a clean story and reports 1-based positions', async () => {
    writeFileSync(path.join(dir, 'good.md'), GOOD);
    const { code, stdout } = await run(['check', dir, '--format', 'json']);
    const json = ContractJson.parse(JSON.parse(stdout));
    assert.equal(json.stories.length, 1);
    assert.equal(json.stories[0].title, 'Shorter trial');
    assert.ok(!json.stories[0].findings.some((finding) => finding.severity === 'error'));
    assert.equal(code, 0);
    // Each passed filter quotes its evidence, and the 1-based range points at exactly that text in the file.
    const lines = GOOD.split('\n');
    for (const id of ['tradeoff', 'role', 'result'] as const) {
      const evidence = json.stories[0].evidence[id];
      assert.equal(Boolean(evidence), json.stories[0].filters[id], id);
      if (!evidence) continue;
      assert.equal(evidence.line, evidence.endLine, `${id} evidence is one sentence on one line here`);
      assert.equal(lines[evidence.line - 1].slice(evidence.column - 1, evidence.endColumn - 1), evidence.text, id);
    }
    assert.deepEqual(
      json.stories[0].ready,
      json.stories[0].filters.tradeoff && json.stories[0].filters.role && json.stories[0].filters.result ? ['judgment'] : [],
    );
  });

  it('a warm run reads no unchanged file, and a changed file is read and checked again', async () => {
    const stats = (stderr: string) =>
      JSON.parse(/storybank stats: (\{.*\})/.exec(stderr)![1]) as { files: number; read: number; cached: number; checked: number };
    const story = (name: string) => path.join(dir, name);
    writeFileSync(story('a.md'), GOOD);
    writeFileSync(story('b.md'), GOOD.replace('Shorter trial', 'Second story'));
    // Written "a while ago": a stamp taken right after a write may hide a second write in the same clock tick.
    const past = new Date(Date.now() - 60_000);
    for (const name of ['a.md', 'b.md']) utimesSync(story(name), past, past);

    const first = await run(['check', dir, '--format', 'json', '--stats']);
    assert.deepEqual([stats(first.stderr).files, stats(first.stderr).read, stats(first.stderr).checked], [2, 2, 2]);
    const warm = await run(['check', dir, '--format', 'json', '--stats']);
    assert.deepEqual([stats(warm.stderr).read, stats(warm.stderr).cached], [0, 2], 'both files known by size, time and inode');
    assert.equal(warm.stdout, first.stdout);

    // A change of the same length, with the old modification time restored, is the one case the stamp cannot see
    // (as with ESLint's metadata strategy); any real edit moves the time and is read again.
    writeFileSync(story('b.md'), GOOD.replace('Shorter trial', 'Renamed story'));
    const edited = await run(['check', dir, '--format', 'json', '--stats']);
    assert.deepEqual([stats(edited.stderr).read, stats(edited.stderr).checked], [1, 1]);
    assert.ok(edited.stdout.includes('Renamed story'));

    // A file modified around the time the cache was written is read again rather than trusted.
    const again = await run(['check', dir, '--format', 'json', '--stats']);
    assert.equal(stats(again.stderr).read, 1, 'b.md was written moments ago: its stamp is not trusted yet');
    assert.equal(stats(again.stderr).checked, 0, 'its text is unchanged, so its result comes from the cache');
  });

  it('exits 1 when a finding is an error, and prints path:line:col in text mode', async () => {
    writeFileSync(path.join(dir, 'typo.md'), GOOD.replace('[judgment]', '[judgement]'));
    const { code, stdout } = await run(['check', dir]);
    assert.equal(code, 1);
    const file = path.join(dir, 'typo.md');
    assert.ok(stdout.includes(`${file}:3:13 error Unexpected question id "judgement"`), stdout);
    assert.match(stdout, /\[frontmatter\]/);
    assert.match(stdout, /Coverage \(netflix-pm\)/);
    assert.match(stdout, /judgment\s+gap\s+0 ready\s+0 claimed/);
    // Counts agree with their nouns: "1 story: 1 error", never "1 errors".
    const summary = stdout.trim().split('\n').at(-1) ?? '';
    assert.match(summary, /^1 story: 1 error, \d+ warnings?, \d+ info, \d+ hints?$/, summary);
    assert.doesNotMatch(summary, /\b1 (errors|warnings|hints)\b/, summary);
  });

  it('npm start shows the example bank and says what the check exit status means, without failing on it', function () {
    this.timeout(60_000);
    const started = spawnSync('npm', ['start', '--silent'], { encoding: 'utf8' });
    const checked = spawnSync(process.execPath, ['dist/cli.js', 'check', 'examples/netflix-pm'], { encoding: 'utf8' });
    assert.equal(checked.status, 1, 'fixture: the example bank holds an error on purpose');
    assert.equal(started.status, 0, started.stderr);
    assert.ok(started.stdout.includes(checked.stdout), 'the findings and the coverage table are shown as storybank prints them');
    assert.match(started.stdout, /storybank check examples\/netflix-pm exited 1: at least one finding is an error/);
  });

  it("--evidence prints each filter's verdict and, for a pass, where its words are and what they say", async () => {
    writeFileSync(path.join(dir, 'good.md'), GOOD);
    const { stdout } = await run(['check', dir, '--evidence', '--no-color']);
    const json = ContractJson.parse(JSON.parse((await run(['check', dir, '--format', 'json'])).stdout));
    const file = path.join(dir, 'good.md');
    for (const id of ['tradeoff', 'role', 'result'] as const) {
      const name = id.charAt(0).toUpperCase() + id.slice(1);
      const evidence = json.stories[0].evidence[id];
      if (evidence) assert.ok(stdout.includes(`${name} ✓ ${file}:${evidence.line}:${evidence.column} "${evidence.text}"`), stdout);
      else assert.ok(stdout.includes(`${name} ✗`), stdout);
    }
    assert.doesNotMatch((await run(['check', dir, '--no-color'])).stdout, /Tradeoff ✓/);
  });

  it('exits 2 on bad arguments', async () => {
    assert.equal((await run(['check', '--format', 'xml'])).code, 2);
    assert.equal((await run(['explode'])).code, 2);
    assert.equal((await run(['check', '--bogus'])).code, 2);
    assert.equal((await run(['check', '--profile', 'nope', dir])).code, 2);
    assert.equal((await run([])).code, 2);
  });

  it('exits 2 when the configuration cannot be read', async () => {
    const { code, stderr } = await run(['check', dir, '--config', path.join(dir, 'missing.yaml')]);
    assert.equal(code, 2);
    assert.match(stderr, /cannot read configuration/);
  });

  it('reports configuration problems with positions and unknown rule ids with suggestions', async () => {
    writeFileSync(path.join(dir, '.storybank.yaml'), 'profile: netflix-pm\nwordsPerMinute: fast\nrules:\n  tradeof: off\n');
    writeFileSync(path.join(dir, 'good.md'), GOOD);
    const { code, stdout } = await run(['check', dir, '--format', 'json']);
    const json = ContractJson.parse(JSON.parse(stdout));
    assert.equal(code, 1);
    const messages = json.errors.map((error) => `${(error as { line?: number }).line}: ${error.message}`);
    assert.ok(
      messages.some((message) => message.startsWith('2: wordsPerMinute')),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((message) => message.startsWith('4: ') && message.includes('did you mean "tradeoff"')),
      messages.join('\n'),
    );
  });

  it("applies the configuration's stories glob to the files it finds, but checks a file named on the command line", async () => {
    writeFileSync(path.join(dir, '.storybank.yaml'), 'stories: "stories/**/*.md"\n');
    mkdirSync(path.join(dir, 'stories', 'old'), { recursive: true });
    mkdirSync(path.join(dir, 'drafts'));
    writeFileSync(path.join(dir, 'stories', 'old', 'a.md'), GOOD);
    writeFileSync(path.join(dir, 'drafts', 'b.md'), GOOD);
    const bank = ContractJson.parse(JSON.parse((await run(['check', dir, '--format', 'json'])).stdout));
    assert.deepEqual(
      bank.stories.map((story) => path.relative(dir, story.path)),
      [path.join('stories', 'old', 'a.md')],
    );
    const named = ContractJson.parse(JSON.parse((await run(['check', path.join(dir, 'drafts', 'b.md'), '--format', 'json'])).stdout));
    assert.deepEqual(
      named.stories.map((story) => path.relative(dir, story.path)),
      [path.join('drafts', 'b.md')],
    );
  });

  it('skips node_modules and dot-folders, survives link loops, and reports binary and non-UTF-8 files', async () => {
    mkdirSync(path.join(dir, 'node_modules', 'pkg'), { recursive: true });
    mkdirSync(path.join(dir, '.hidden'));
    mkdirSync(path.join(dir, 'stories'));
    writeFileSync(path.join(dir, 'node_modules', 'pkg', 'x.md'), GOOD);
    writeFileSync(path.join(dir, '.hidden', 'x.md'), GOOD);
    writeFileSync(path.join(dir, 'stories', 'good.md'), GOOD);
    writeFileSync(path.join(dir, 'stories', 'binary.md'), Buffer.from([0, 1, 2, 3]));
    writeFileSync(path.join(dir, 'stories', 'latin1.md'), Buffer.from('---\ntitle: Caf\xe9\n---\n', 'latin1'));
    symlinkSync(path.join(dir, 'stories'), path.join(dir, 'stories', 'loop'));
    symlinkSync(path.join(dir, 'nowhere.md'), path.join(dir, 'stories', 'dangling.md'));
    const { stdout } = await run(['check', dir, '--format', 'json']);
    const json = ContractJson.parse(JSON.parse(stdout));
    assert.deepEqual(
      json.stories.map((story) => path.relative(dir, story.path)),
      [path.join('stories', 'good.md')],
    );
    const errors = Object.fromEntries(json.errors.map((error) => [path.basename(error.path), error.message]));
    assert.match(errors['binary.md'], /binary/);
    assert.match(errors['latin1.md'], /UTF-8/);
    assert.match(errors['dangling.md'], /does not exist/);
  });

  it('an unreadable file is an error entry, not a crash', async function () {
    if (process.getuid?.() === 0) this.skip();
    const file = path.join(dir, 'secret.md');
    writeFileSync(file, GOOD, { mode: 0o000 });
    const { stdout } = await run(['check', dir, '--format', 'json']);
    assert.match(JSON.parse(stdout).errors[0].message, /permission/);
  });

  it('the coverage command prints the table without findings', async () => {
    writeFileSync(path.join(dir, 'typo.md'), GOOD.replace('[judgment]', '[judgement]'));
    const { stdout } = await run(['coverage', dir]);
    assert.doesNotMatch(stdout, /\[frontmatter\]/);
    assert.match(stdout, /Coverage \(netflix-pm\)/);
  });

  it('the checked-in example snapshot matches', async function () {
    const snapshotPath = path.join('test', 'unit', 'snapshots', 'examples.json');
    const { stdout } = await run(['check', 'examples/netflix-pm', '--format', 'json']);
    if (process.env.UPDATE_SNAPSHOTS) {
      mkdirSync(path.dirname(snapshotPath), { recursive: true });
      writeFileSync(snapshotPath, stdout);
    }
    assert.deepEqual(JSON.parse(stdout), JSON.parse(readFileSync(snapshotPath, 'utf8')));
  });
});
