// Every speed-up of the CLI must give the same answer as a plain run: the content-hash cache, the worker
// threads and the light/heavy bundle split. These tests build the CLI bundles into a temporary folder (worker
// threads need a built script) and compare complete outputs byte for byte.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import * as esbuild from 'esbuild';
import { NODE_BUNDLE } from '../../scripts/bundle-options.mjs';
import { main } from '../../src/cli/main';
import { buildReport, toJson, writeJson } from '../../src/cli/report';
import { DEFAULT_CONFIG, checkStoryText } from '../../src/core';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  stats: { files: number; read: number; stories: number; cached: number; checked: number; jobs: number } | undefined;
}

describe('CLI speed-ups give identical results (cache, worker threads)', function () {
  this.timeout(240_000);
  let work: string;
  let cli: string;
  let bank: string;

  /** The built CLI in a child process, so that worker threads run the bundled engine as in real use. */
  function runBuilt(args: string[]): Run {
    const child = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1' } });
    return withStats({ code: child.status, stdout: child.stdout, stderr: child.stderr });
  }

  function withStats(run: Omit<Run, 'stats'>): Run {
    const line = /storybank stats: (\{.*\})/.exec(run.stderr);
    return { ...run, stats: line ? JSON.parse(line[1]) : undefined };
  }

  /** Every mode, compared to the uncached single-threaded run. Returns that reference run. */
  function assertAllModesAgree(target: string, extra: string[] = [], only?: string[]): Run {
    const cacheDir = mkdtempSync(path.join(work, 'cache-'));
    const reference = runBuilt(['check', target, ...extra, '--no-cache', '--jobs', '1', '--stats']);
    assert.ok(reference.code === 0 || reference.code === 1, `exit ${reference.code}: ${reference.stderr}`);
    assert.equal(reference.stats?.jobs, 1);
    const modes: [string, string[], (run: Run) => void][] = [
      ['two worker threads', ['--no-cache', '--jobs', '2'], (run) => assert.equal(run.stats?.jobs, 2)],
      ['three worker threads', ['--no-cache', '--jobs', '3'], (run) => assert.equal(run.stats?.jobs, 3)],
      ['the default number of threads', ['--no-cache'], () => {}],
      ['a cold cache', ['--cache-dir', cacheDir], (run) => assert.equal(run.stats?.cached, 0)],
      ['a warm cache', ['--cache-dir', cacheDir], (run) => assert.deepEqual([run.stats?.checked, run.stats?.jobs], [0, 0])],
      ['a warm cache with workers allowed', ['--cache-dir', cacheDir, '--jobs', '2'], (run) => assert.equal(run.stats?.checked, 0)],
    ];
    for (const [name, flags, check] of modes.filter(([name]) => !only || only.includes(name))) {
      const run = runBuilt(['check', target, ...extra, ...flags, '--stats']);
      assert.equal(run.code, reference.code, `${name}: exit code`);
      assert.equal(run.stdout, reference.stdout, `${name}: output differs from the uncached single-threaded run`);
      check(run);
    }
    return reference;
  }

  before(async function () {
    work = mkdtempSync(path.join(tmpdir(), 'storybank-parallel-'));
    const out = path.join(work, 'dist');
    // The same settings as scripts/build.mjs, into a private folder so that a concurrent build is not disturbed.
    await esbuild.build({
      ...NODE_BUNDLE,
      entryPoints: { cli: 'src/cli/main.ts', 'check-worker': 'src/cli/engine.ts' },
      outdir: out,
      logLevel: 'error',
    });
    cli = path.join(out, 'cli.js');
    bank = path.join(work, 'bank');
    const { generateBank } = await import('../../scripts/bench-bank.mjs');
    generateBank(bank, 300, 99);
    // Files that cannot be checked must stay separate error entries, in the same order, in every mode.
    writeFileSync(path.join(bank, 'misc', 'binary.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01]));
    writeFileSync(path.join(bank, 'misc', 'latin1.md'), Buffer.from('---\ntitle: Caf\xe9\nquestions: [judgment]\n---\n', 'latin1'));
    writeFileSync(path.join(bank, 'misc', 'notes.md'), '# Not a story\n\nNo questions here.\n');
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  it('the light CLI bundle does not contain the parser or the rules', () => {
    const light = readFileSync(cli, 'utf8');
    assert.ok(light.length < 200_000, `dist/cli.js is ${light.length} bytes`);
    // esbuild marks every bundled module with a `// path` comment: no parser module and no dependency but the
    // glob matcher that discovery needs may appear.
    assert.doesNotMatch(light, /^\/\/ node_modules\/(?!picomatch\/)/m);
    assert.doesNotMatch(light, /^\/\/ src\/core\/(story|rules\/(?!rule\.ts))/m);
    assert.match(light, /^\/\/ src\/cli\/cache\.ts/m);
    assert.ok(existsSync(path.join(path.dirname(cli), 'check-worker.js')));
  });

  it('the example bank: JSON identical cached, uncached and multi-threaded', () => {
    const reference = assertAllModesAgree('examples/netflix-pm', ['--format', 'json']);
    assert.ok(JSON.parse(reference.stdout).stories.length >= 8);
  });

  it('the example bank: text output identical too', () => {
    assertAllModesAgree('examples/netflix-pm', ['--no-color'], ['two worker threads', 'a cold cache', 'a warm cache']);
  });

  it('a generated bank of 300 stories: identical JSON, and workers are used by default on a multi-core machine', () => {
    // Fewer modes than for the example bank, to keep the suite quick; the default here means worker threads.
    const reference = assertAllModesAgree(bank, ['--format', 'json'], ['three worker threads', 'a cold cache', 'a warm cache']);
    const json = JSON.parse(reference.stdout);
    assert.equal(json.stories.length, 300);
    assert.deepEqual(
      json.errors.map((error: { path: string }) => path.basename(error.path)),
      ['binary.md', 'latin1.md'],
    );
    const byDefault = runBuilt(['check', bank, '--format', 'json', '--no-cache', '--stats']);
    if (availableParallelism() > 1) assert.ok(byDefault.stats!.jobs > 1, `jobs ${byDefault.stats?.jobs}`);
  });

  it('only changed stories are checked again, and the result equals an uncached run', () => {
    const copy = path.join(work, 'edited');
    cpSync(bank, copy, { recursive: true, filter: (source) => !/story-00(0[6-9]|[1-9]\d)\d\.md$/.test(source) });
    const cacheDir = mkdtempSync(path.join(work, 'cache-'));
    runBuilt(['check', copy, '--format', 'json', '--cache-dir', cacheDir]);
    const edited = ['judgment/story-00000.md', 'candor/story-00001.md', 'misc/story-00004.md'];
    for (const file of edited) appendFileSync(path.join(copy, file), '\nIt went well and everyone was pleased.\n');
    writeFileSync(path.join(copy, 'failure', 'story-00002.md'), '---\ntitle: Replaced\nquestions: [failure]\n---\nI shipped late.\n');
    const cached = runBuilt(['check', copy, '--format', 'json', '--cache-dir', cacheDir, '--stats']);
    assert.equal(cached.stats?.checked, 4);
    const uncached = runBuilt(['check', copy, '--format', 'json', '--no-cache', '--jobs', '1']);
    assert.equal(cached.stdout, uncached.stdout);
  });

  it('a changed configuration invalidates the cache', () => {
    const copy = path.join(work, 'configured');
    cpSync('examples/netflix-pm', copy, { recursive: true });
    const cacheDir = mkdtempSync(path.join(work, 'cache-'));
    const config = path.join(copy, '.storybank.yaml');
    const before = existsSync(config) ? readFileSync(config, 'utf8') : '';
    runBuilt(['check', copy, '--format', 'json', '--cache-dir', cacheDir]);
    writeFileSync(config, `${before}\nwordsPerMinute: 130\n`.replace(/^wordsPerMinute:.*\n(?=[\s\S]*wordsPerMinute: 130)/m, ''));
    const cached = runBuilt(['check', copy, '--format', 'json', '--cache-dir', cacheDir, '--stats']);
    assert.equal(cached.stats?.cached, 0, 'nothing may be reused under another configuration');
    const uncached = runBuilt(['check', copy, '--format', 'json', '--no-cache']);
    assert.equal(cached.stdout, uncached.stdout);
    // --profile is part of the configuration too.
    const profiled = runBuilt(['check', copy, '--format', 'json', '--cache-dir', cacheDir, '--profile', 'netflix-pm', '--stats']);
    assert.equal(profiled.stats?.cached, 0);
  });

  /** A copy of the example bank whose files were last written a minute ago, so that their stamps are trusted. */
  function settledCopy(name: string): string {
    const copy = path.join(work, name);
    cpSync('examples/netflix-pm', copy, { recursive: true });
    const past = new Date(Date.now() - 60_000);
    for (const file of readdirSync(copy).filter((entry) => entry.endsWith('.md'))) utimesSync(path.join(copy, file), past, past);
    return copy;
  }

  const cacheFileIn = (cacheDir: string) =>
    path.join(
      cacheDir,
      readdirSync(cacheDir).find((name) => name.startsWith('cli-cache-'))!,
    );

  it('a deleted story leaves the report, warm or not, and the cache forgets it', () => {
    const copy = settledCopy('deleted');
    const cacheDir = mkdtempSync(path.join(work, 'cache-'));
    const cold = runBuilt(['check', copy, '--format', 'json', '--cache-dir', cacheDir, '--stats']);
    const [gone] = readdirSync(copy).filter((entry) => entry.endsWith('.md'));
    rmSync(path.join(copy, gone));
    const sizeBefore = statSync(cacheFileIn(cacheDir)).size;
    for (const format of ['json', 'text']) {
      const warm = runBuilt(['check', copy, '--format', format, '--cache-dir', cacheDir, '--stats']);
      const uncached = runBuilt(['check', copy, '--format', format, '--no-cache']);
      assert.equal(warm.stdout, uncached.stdout, format);
      assert.equal(warm.code, uncached.code);
      assert.deepEqual([warm.stats?.files, warm.stats?.read, warm.stats?.checked], [cold.stats!.files - 1, 0, 0]);
      assert.ok(!warm.stdout.includes(gone));
    }
    assert.ok(statSync(cacheFileIn(cacheDir)).size < sizeBefore, 'the deleted story was pruned from the cache file');
  });

  it('a damaged or truncated cache file is ignored: the same output, no crash, and the next run is warm again', () => {
    const copy = settledCopy('damaged');
    const reference = runBuilt(['check', copy, '--format', 'json', '--no-cache']);
    const referenceText = runBuilt(['check', copy, '--no-cache']);
    const cacheDir = mkdtempSync(path.join(work, 'cache-'));
    runBuilt(['check', copy, '--format', 'json', '--cache-dir', cacheDir]);
    const good = readFileSync(cacheFileIn(cacheDir));
    const damages: [string, Buffer][] = [
      ['cut in half', good.subarray(0, good.length >> 1)],
      ['cut by one byte', good.subarray(0, good.length - 1)],
      ['its header garbled', Buffer.concat([good.subarray(0, 40), Buffer.from('}{'), good.subarray(42)])],
      ['empty', Buffer.alloc(0)],
      ['random bytes', Buffer.from(Array.from({ length: 5000 }, (_, index) => (index * 7919) % 256))],
      ['the JSON cache of the previous version', Buffer.from(JSON.stringify({ schema: 4, entries: {}, strings: [] }))],
    ];
    for (const [damage, bytes] of damages) {
      writeFileSync(cacheFileIn(cacheDir), bytes);
      const json = runBuilt(['check', copy, '--format', 'json', '--cache-dir', cacheDir, '--stats']);
      assert.equal(json.stdout, reference.stdout, damage);
      assert.equal(json.code, reference.code, `${damage}: ${json.stderr}`);
      assert.equal(json.stats?.cached, 0, damage);
      const text = runBuilt(['check', copy, '--cache-dir', cacheDir, '--stats']);
      assert.equal(text.stdout, referenceText.stdout, damage);
      assert.deepEqual([text.stats?.read, text.stats?.checked], [0, 0], `${damage}: the cache was written again`);
    }
  });

  it('a file changed to the same size and modification time as a stamp not yet trusted is caught by its content hash', () => {
    const copy = settledCopy('same-stamp');
    const cacheDir = mkdtempSync(path.join(work, 'cache-'));
    const name = readdirSync(copy).find((entry) => entry.endsWith('.md') && /^title: /m.test(readFileSync(path.join(copy, entry), 'utf8')))!;
    const file = path.join(copy, name);
    // A modification time after the cache is written (as a write in the same clock tick would leave): its stamp is
    // never trusted, so the file is read and its hash decides. Whole seconds, so that utimes sets it exactly.
    const later = new Date((Math.floor(Date.now() / 1000) + 3600) * 1000);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: ./m, 'title: Q'));
    utimesSync(file, later, later);
    runBuilt(['check', copy, '--format', 'json', '--cache-dir', cacheDir]);
    const { size } = statSync(file);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: Q/m, 'title: R'));
    utimesSync(file, later, later);
    assert.deepEqual([statSync(file).size, statSync(file).mtimeMs], [size, later.getTime()]);
    const warm = runBuilt(['check', copy, '--format', 'json', '--cache-dir', cacheDir, '--stats']);
    assert.deepEqual([warm.stats?.read, warm.stats?.checked], [1, 1]);
    assert.ok(warm.stdout.includes('"title": "R'));
    assert.equal(warm.stdout, runBuilt(['check', copy, '--format', 'json', '--no-cache']).stdout);
    // Unchanged since, it is read again (its stamp is still not trusted) but not checked again.
    const again = runBuilt(['check', copy, '--format', 'json', '--cache-dir', cacheDir, '--stats']);
    assert.deepEqual([again.stats?.read, again.stats?.checked], [1, 0]);
    assert.equal(again.stdout, warm.stdout);
  });

  it('concurrent runs sharing a cache all print the same as an uncached run, and leave a cache the next run can use', async () => {
    const copy = settledCopy('concurrent');
    const cacheDir = mkdtempSync(path.join(work, 'cache-'));
    const reference = runBuilt(['check', copy, '--format', 'json', '--no-cache']);
    const runAsync = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, [cli, 'check', copy, '--format', 'json', '--cache-dir', cacheDir], { stdio: ['ignore', 'pipe', 'ignore'] });
        let stdout = '';
        child.stdout.on('data', (chunk) => (stdout += chunk));
        child.on('error', reject);
        child.on('close', () => resolve(stdout));
      });
    for (let round = 0; round < 3; round++) {
      const outputs = await Promise.all(Array.from({ length: 4 }, runAsync));
      for (const stdout of outputs) assert.equal(stdout, reference.stdout, `round ${round}`);
    }
    const after = runBuilt(['check', copy, '--format', 'json', '--cache-dir', cacheDir, '--stats']);
    assert.equal(after.stdout, reference.stdout);
    assert.deepEqual([after.stats?.read, after.stats?.checked], [0, 0]);
    assert.deepEqual(
      readdirSync(cacheDir).filter((name) => name.endsWith('.tmp')),
      [],
      'no temporary file left behind',
    );
  });

  it('the built CLI and the TypeScript sources (in-process main) print the same thing', async () => {
    let stdout = '';
    const sink = (append: (chunk: string) => void) =>
      Object.assign(new Writable({ write: (chunk, _encoding, callback) => (append(String(chunk)), callback()) }), {
        isTTY: false,
      }) as unknown as NodeJS.WriteStream;
    const code = await main(['check', 'examples/netflix-pm', '--format', 'json', '--no-cache'], { stdout: sink((c) => (stdout += c)), stderr: sink(() => {}) });
    const built = runBuilt(['check', 'examples/netflix-pm', '--format', 'json', '--no-cache']);
    assert.equal(code, built.code);
    assert.equal(stdout, built.stdout);
  });

  it('rejects a bad --jobs value', () => {
    const run = runBuilt(['check', 'examples/netflix-pm', '--jobs', 'many']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--jobs must be a whole number/);
  });

  it('shows a progress bar with count and percentage only on a terminal', async () => {
    let stderr = '';
    const sink = (append: (chunk: string) => void, isTTY: boolean) =>
      Object.assign(new Writable({ write: (chunk, _encoding, callback) => (append(String(chunk)), callback()) }), { isTTY }) as unknown as NodeJS.WriteStream;
    const small = path.join(work, 'small');
    const { generateBank } = await import('../../scripts/bench-bank.mjs');
    generateBank(small, 210, 5);
    const cacheDir = mkdtempSync(path.join(work, 'cache-'));
    await main(['check', small, '--format', 'json', '--cache-dir', cacheDir, '--jobs', '1'], {
      stdout: sink(() => {}, false),
      stderr: sink((c) => (stderr += c), true),
    });
    assert.match(stderr, /Checking \[#+-*\] +\d+\/210 +\d+%/);
    assert.match(stderr, /\[#{24}\] 210\/210 100%/);
    assert.match(stderr, /Checked 210 files\./);
    stderr = '';
    await main(['check', small, '--format', 'json', '--cache-dir', cacheDir, '--jobs', '1'], {
      stdout: sink(() => {}, false),
      stderr: sink((c) => (stderr += c), false),
    });
    assert.equal(stderr, '', 'no progress when stderr is not a terminal');
  });
});

const EDGE_STORY = '---\ntitle: "Tabs\\tand \\"quotes\\""\nquestions: [failure, judgment]\n---\n## Result\nIt went well.\n';

describe('streamed JSON output', () => {
  it('writeJson writes exactly JSON.stringify(toJson(report), null, 2), in chunks', async () => {
    const { generateStory, prng } = await import('../../scripts/bench-bank.mjs');
    const random = prng(3);
    const texts = Array.from({ length: 120 }, (_, index) => generateStory(index, random));
    texts.push('---\ntitle: "Caf\u00e9 \u2014 \u{1F600} \\u0000stories"\nquestions: [failure]\n---\nIt went well.\n');
    const stories = texts.map((text, index) => ({ path: `bank/s${index}.md`, result: checkStoryText(text, { config: DEFAULT_CONFIG }) }));
    const errors = [{ path: 'bank/x.md', message: 'This file "\u0000stories\u0000" is odd.' }];
    for (const subset of [stories, stories.slice(0, 1), []]) {
      const report = buildReport(DEFAULT_CONFIG, subset, errors);
      const chunks: Buffer[] = [];
      writeJson(report, (chunk) => chunks.push(Buffer.from(chunk)));
      assert.equal(Buffer.concat(chunks).toString('utf8'), JSON.stringify(toJson(report), null, 2) + '\n');
      if (subset.length > 100) assert.ok(chunks.length > 1, 'a large bank is written in several chunks');
    }
  });

  it('writes what JSON.stringify would for values no story check produces too: empty lists, a missing field, NaN', () => {
    const checked = checkStoryText(EDGE_STORY, { config: DEFAULT_CONFIG });
    const odd = {
      ...checked,
      title: undefined as unknown as string,
      questions: [],
      seconds: Number.NaN,
      filters: { tradeoff: true, result: false } as typeof checked.filters,
      evidence: {},
      ready: [],
      findings: [],
    };
    const report = buildReport(
      DEFAULT_CONFIG,
      [
        { path: 'odd.md', result: odd },
        { path: 'checked "quoted".md', result: checked },
      ],
      [],
    );
    const chunks: Buffer[] = [];
    writeJson(report, (chunk) => chunks.push(Buffer.from(chunk)));
    assert.equal(Buffer.concat(chunks).toString('utf8'), JSON.stringify(toJson(report), null, 2) + '\n');
  });
});
