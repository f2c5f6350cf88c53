// `npm run bench`: Story Bank's speed side by side with markdownlint-cli2 and a bare remark parse, in one run.
// Prints a table and writes the same numbers to .bench/results.json.
//
//   BENCH_REPS=5        runs per measurement for the 100- and 1,000-story banks (5,000 uses fewer)
//   BENCH_SIZES=100,1000,5000
//   BENCH_KEEP=1        keep the generated banks (their folder is printed)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';
import { buildLanguageBundles } from './language-bundles.mjs';
import { buildCliBundles } from './cli-bundles.mjs';
import { buildExtensionBundles } from './lazy-core.mjs';
import { NODE_BUNDLE } from './bundle-options.mjs';
import { generateBank, generateStory, prng } from './bench-bank.mjs';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const REPS = Number(process.env.BENCH_REPS ?? 5);
const SIZES = (process.env.BENCH_SIZES ?? '100,1000,5000').split(',').map(Number);
const repsFor = (size) => (size >= 5000 ? Math.max(1, Math.min(REPS, 2)) : REPS);
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const mdl = join(root, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const floor = join(root, 'scripts', 'bench-parse-floor.mjs');

const startedAt = Date.now();
const work = mkdtempSync(join(tmpdir(), 'storybank-bench-'));
// A private build with the settings of scripts/build.mjs, so that a rebuild of dist/ during the run (which
// would also invalidate the cache: the engine's hash is part of its key) cannot skew the numbers.
log(`Building the CLI and the extension into ${work}/dist ...`);
const dist = join(work, 'dist');
await Promise.all(buildLanguageBundles(dist));
await buildCliBundles(dist, { logLevel: 'error' });
// The extension as it ships (dist/extension.js, and the core it loads on first use), unminified and minified.
await Promise.all([...buildExtensionBundles(dist, { logLevel: 'error' }), ...buildExtensionBundles(join(dist, 'min'), { logLevel: 'error', minify: true })]);
const cli = join(dist, 'cli.js');
const cacheDir = join(work, 'cache');
const machine = {
  node: process.version,
  cpus: cpus().length,
  availableParallelism: availableParallelism(),
  cpuModel: cpus()[0]?.model,
  loadAverageAtStart: loadavg().map((value) => Number(value.toFixed(2))),
};
log(`Machine: ${machine.availableParallelism} cores (${machine.cpuModel}), node ${machine.node}, load average ${machine.loadAverageAtStart.join(' ')}`);

const results = { generatedAt: new Date().toISOString(), machine, banks: {}, keystroke: undefined, extension: undefined, targets: [] };
try {
  for (const size of SIZES) {
    const bank = join(work, `bank-${size}`);
    generateBank(bank, size);
    results.banks[size] = benchBank(bank, size, repsFor(size));
  }
  results.nodeStartMs = median(Array.from({ length: 7 }, () => timed(process.execPath, ['-e', '0']).ms));
  log(`\nnode -e 0: ${fmtMs(results.nodeStartMs)} (median of 7)`);
  results.keystroke = benchKeystroke();
  results.extension = benchExtensionLoad();
  results.targets = judgeTargets(results);
  machine.loadAverageAtEnd = loadavg().map((value) => Number(value.toFixed(2)));
  // A 1-minute load above half the cores, before or after, means other work shared the machine with the runs.
  machine.underLoad = Math.max(machine.loadAverageAtStart[0], machine.loadAverageAtEnd[0], machine.loadAverageAtStart[1]) > machine.availableParallelism / 2;
  results.totalSeconds = Math.round((Date.now() - startedAt) / 1000);
  printTable(results);
  mkdirSync(join(root, '.bench'), { recursive: true });
  writeFileSync(join(root, '.bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');
  log(`\nWrote .bench/results.json (${results.totalSeconds} s in all).`);
} finally {
  if (process.env.BENCH_KEEP) log(`Banks kept in ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

// ---- measurements ----

function benchBank(bank, size, reps) {
  log(`\nBank of ${size} stories: ${reps} interleaved runs each`);
  const tools = {
    storybankCold: () => timed(process.execPath, [cli, 'check', bank, '--format', 'json', '--no-cache', '--stats'], { stats: true }),
    markdownlint: () => timed(process.execPath, [mdl, '**/*.md'], { cwd: bank }),
    remarkParse: () => timed(process.execPath, [floor, bank]),
  };
  const samples = Object.fromEntries(Object.keys(tools).map((name) => [name, []]));
  for (let rep = 0; rep < reps; rep++) {
    // Rotate the order so no tool always runs first (or always after the others warmed the file cache).
    const names = Object.keys(tools);
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + rep) % names.length];
      samples[name].push(tools[name]());
    }
    log(
      `  run ${rep + 1}: ` +
        Object.entries(samples)
          .map(([name, list]) => `${name} ${fmtMs(list.at(-1).ms)}`)
          .join(', '),
    );
  }
  // Warm: one run fills the cache, then the unchanged bank is checked again.
  rmSync(cacheDir, { recursive: true, force: true });
  const fill = timed(process.execPath, [cli, 'check', bank, '--format', 'json', '--cache-dir', cacheDir, '--stats'], { stats: true });
  const warm = [];
  for (let rep = 0; rep < Math.max(3, reps); rep++) {
    warm.push(timed(process.execPath, [cli, 'check', bank, '--format', 'json', '--cache-dir', cacheDir, '--stats'], { stats: true }));
  }
  if (warm.some((sample) => sample.stats?.checked !== 0)) throw new Error('the warm run re-checked stories; the cache did not work');
  // The same output with and without the cache (the test suite proves this in detail).
  const uncached = spawnSync(process.execPath, [cli, 'check', bank, '--format', 'json', '--no-cache'], { maxBuffer: 1 << 30 }).stdout;
  const cached = spawnSync(process.execPath, [cli, 'check', bank, '--format', 'json', '--cache-dir', cacheDir], { maxBuffer: 1 << 30 }).stdout;
  if (!uncached.equals(cached)) throw new Error('cached and uncached JSON differ');

  const summary = (list) => ({
    medianMs: median(list.map((sample) => sample.ms)),
    cpuMedianMs: list[0].cpuMs === undefined ? undefined : median(list.map((sample) => sample.cpuMs)),
    runsMs: list.map((sample) => Math.round(sample.ms)),
    peakRssMB: Math.max(...list.map((sample) => sample.rssMB ?? 0)) || undefined,
  });
  const out = {
    stories: size,
    storybankCold: { ...summary(samples.storybankCold), jobs: samples.storybankCold[0].stats?.jobs },
    markdownlint: summary(samples.markdownlint),
    remarkParse: summary(samples.remarkParse),
    storybankWarm: { ...summary(warm), cacheFillMs: Math.round(fill.ms) },
  };
  out.ratios = {
    coldVsMarkdownlint: ratio(out.storybankCold.medianMs, out.markdownlint.medianMs),
    coldVsRemarkParse: ratio(out.storybankCold.medianMs, out.remarkParse.medianMs),
    warmVsCold: ratio(out.storybankWarm.medianMs, out.storybankCold.medianMs),
  };
  return out;
}

/** The keystroke path: checkStoryText on a freshly edited 400-word story, in-process, as the editor does it. */
function benchKeystroke() {
  log('\nKeystroke path: checkStoryText on an edited 400-word story');
  const bundle = join(work, 'core-bench.cjs');
  esbuild.buildSync({
    ...NODE_BUNDLE,
    stdin: { contents: "export { checkStoryText, DEFAULT_CONFIG } from './src/core';", resolveDir: root, loader: 'ts' },
    outfile: bundle,
    logLevel: 'warning',
  });
  const { checkStoryText, DEFAULT_CONFIG } = require(bundle);
  const story = fourHundredWordStory();
  const words = story.slice(story.indexOf('\n---', 3)).split(/\s+/).filter(Boolean).length;
  const anchor = story.indexOf('## ', story.indexOf('## ') + 3); // inside the second section
  const typed = ' and I wrote the plan';
  const times = [];
  const iterations = 200;
  for (let i = 0; i < iterations + 20; i++) {
    // Type (or delete) one more character of a phrase, the way an editor re-lints on each keystroke.
    const n = i % (typed.length + 1);
    const text = story.slice(0, anchor - 2) + typed.slice(0, n) + story.slice(anchor - 2);
    const start = performance.now();
    checkStoryText(text, { config: DEFAULT_CONFIG });
    const ms = performance.now() - start;
    if (i >= 20) times.push(ms); // the first 20 warm the JIT, as the first keystrokes after opening a file do
  }
  times.sort((a, b) => a - b);
  const pct = (p) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)];
  const out = { storyWords: words, iterations, p50Ms: round(pct(50)), p95Ms: round(pct(95)), maxMs: round(times.at(-1)) };
  log(`  ${words} words: p50 ${out.p50Ms} ms, p95 ${out.p95Ms} ms`);
  return out;
}

function fourHundredWordStory() {
  const random = prng(7);
  let best;
  for (let i = 0; i < 400; i++) {
    const story = generateStory(i, random);
    const body = story.slice(story.indexOf('\n---', 3) + 4);
    const words = body.split(/\s+/).filter((word) => /\w/.test(word)).length;
    if (story.includes('## ') && (!best || Math.abs(words - 400) < Math.abs(best.words - 400))) best = { story, words };
  }
  return best.story;
}

/**
 * Not activation: VS Code cannot be started here, so this is the time to load dist/extension.js in a fresh
 * node process with a minimal `vscode` stand-in that only satisfies module loading, then the time to load the
 * core it requires on the first check (dist/core.js). Labelled as such; npm run bench:editor times the real one.
 */
function benchExtensionLoad() {
  log('\nExtension bundle load time (require of the bundle with a module-loading shim; not a real activation)');
  const out = {
    note: 'require() of the bundle in a fresh node process with a vscode stand-in, not activate() in VS Code; then of the core it loads on the first check',
  };
  for (const [name, folder] of [
    ['development', dist],
    ['production (minified)', join(dist, 'min')],
  ]) {
    const bundle = join(folder, 'extension.js');
    const core = join(folder, 'core.js');
    const probe = join(folder, 'load-probe.cjs');
    // The names the bundle reads from `vscode`, so that esbuild's namespace interop finds them on the stand-in.
    const bundleText = readFileSync(bundle, 'utf8');
    const names = [...new Set([...bundleText.matchAll(/\b\w+\.(\w+)/g)].map((match) => match[1]))];
    writeFileSync(
      probe,
      `const Module = require('module');
const stub = new Proxy(function () {}, { get: (target, key) => (key === 'then' ? undefined : stub), apply: () => stub, construct: () => stub });
const vscode = Object.fromEntries(${JSON.stringify(names)}.map((name) => [name, stub]));
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
const start = process.hrtime.bigint();
require(${JSON.stringify(bundle)});
const loaded = process.hrtime.bigint();
require(${JSON.stringify(core)});
const end = process.hrtime.bigint();
process.stdout.write(JSON.stringify([Number(loaded - start) / 1e6, Number(end - loaded) / 1e6]));
`,
    );
    const loads = [];
    const coreLoads = [];
    for (let i = 0; i < 5; i++) {
      const child = spawnSync(process.execPath, [probe], { encoding: 'utf8' });
      if (child.status !== 0 || !child.stdout) throw new Error(`loading ${bundle} failed: ${child.stderr.slice(-1500)}`);
      const [extensionMs, coreMs] = JSON.parse(child.stdout);
      loads.push(extensionMs);
      coreLoads.push(coreMs);
    }
    const entry = {
      loadMedianMs: round(median(loads)),
      loadRunsMs: loads.map(round),
      bundleKB: Math.round(statSync(bundle).size / 1024),
      coreLoadMedianMs: round(median(coreLoads)),
      coreKB: Math.round(statSync(core).size / 1024),
    };
    out[name.startsWith('dev') ? 'development' : 'production'] = entry;
    log(
      `  ${name}: ${entry.loadMedianMs} ms to load a ${entry.bundleKB} KB bundle; then ${entry.coreLoadMedianMs} ms for the ${entry.coreKB} KB core on the first check`,
    );
  }
  return out;
}

// ---- targets and output ----

function judgeTargets(results) {
  const b1 = results.banks[1000];
  const b5 = results.banks[5000];
  const targets = [];
  const add = (name, value, limit, unit, note) =>
    targets.push({ name, value, limit, unit, met: value === undefined ? undefined : value <= limit, ...(note ? { note } : {}) });
  if (b1) {
    add('cold 1,000 vs markdownlint-cli2 (issue 11 limit)', b1.ratios.coldVsMarkdownlint, 1.3, '×');
    add('cold 1,000 vs markdownlint-cli2 (issue 14 target)', b1.ratios.coldVsMarkdownlint, 0.8, '×');
    add('cold 1,000 vs bare remark parse', b1.ratios.coldVsRemarkParse, 1.3, '×');
    add('warm 1,000 minus node -e 0', Math.round(b1.storybankWarm.medianMs - results.nodeStartMs), 100, 'ms');
  }
  if (b5) add('warm re-check vs cold (5,000)', b5.ratios.warmVsCold, 0.05, '×');
  add('keystroke lint p95 (400 words)', results.keystroke.p95Ms, 15, 'ms');
  if (b1 && b5) add('time(5,000) / time(1,000)', ratio(b5.storybankCold.medianMs, b1.storybankCold.medianMs), 5.5, '×');
  if (b5) add('peak memory, cold 5,000', b5.storybankCold.peakRssMB, 300, 'MB');
  if (results.extension) add('extension bundle load, minified, vscode stand-in (proxy for activation)', results.extension.production.loadMedianMs, 150, 'ms');
  return targets;
}

function printTable(results) {
  const rows = [['bank', 'storybank cold', 'markdownlint-cli2', 'remark parse', 'storybank warm', 'cold/mdl', 'cold/parse', 'warm/cold', 'peak RSS cold']];
  for (const bank of Object.values(results.banks)) {
    rows.push([
      String(bank.stories),
      `${fmtMs(bank.storybankCold.medianMs)} (${bank.storybankCold.jobs} jobs)`,
      fmtMs(bank.markdownlint.medianMs),
      fmtMs(bank.remarkParse.medianMs),
      fmtMs(bank.storybankWarm.medianMs),
      `${bank.ratios.coldVsMarkdownlint}×`,
      `${bank.ratios.coldVsRemarkParse}×`,
      `${bank.ratios.warmVsCold}×`,
      bank.storybankCold.peakRssMB ? `${bank.storybankCold.peakRssMB} MB` : 'n/a',
    ]);
  }
  log('\n' + table(rows));
  if (Object.values(results.banks).every((bank) => bank.storybankCold.cpuMedianMs !== undefined)) {
    // CPU time (user + system, all threads) tells what each tool costs when other work competes for the cores.
    const cpuRows = [['bank', 'storybank cold CPU', 'markdownlint-cli2 CPU', 'remark parse CPU', 'storybank warm CPU', 'cold/mdl (CPU)', 'cold/parse (CPU)']];
    for (const bank of Object.values(results.banks)) {
      cpuRows.push([
        String(bank.stories),
        fmtMs(bank.storybankCold.cpuMedianMs),
        fmtMs(bank.markdownlint.cpuMedianMs),
        fmtMs(bank.remarkParse.cpuMedianMs),
        fmtMs(bank.storybankWarm.cpuMedianMs),
        `${ratio(bank.storybankCold.cpuMedianMs, bank.markdownlint.cpuMedianMs)}×`,
        `${ratio(bank.storybankCold.cpuMedianMs, bank.remarkParse.cpuMedianMs)}×`,
      ]);
    }
    log('\n' + table(cpuRows));
  }
  log(
    `\nKeystroke (checkStoryText, ${results.keystroke.storyWords}-word story, ${results.keystroke.iterations} edits): p50 ${results.keystroke.p50Ms} ms, p95 ${results.keystroke.p95Ms} ms`,
  );
  const { development: dev, production: prod } = results.extension;
  log(
    `Extension bundle load time (require with a vscode stand-in, not activation): ${dev.loadMedianMs} ms for ${dev.bundleKB} KB (development build), ${prod.loadMedianMs} ms for ${prod.bundleKB} KB (minified production build); ` +
      `the core it loads on the first check: ${dev.coreLoadMedianMs} ms (${dev.coreKB} KB), ${prod.coreLoadMedianMs} ms minified (${prod.coreKB} KB)`,
  );
  log(
    '\n' +
      table([
        ['target', 'value', 'limit', 'met'],
        ...results.targets.map((t) => [
          t.name,
          `${t.value}${t.unit === 'MB' || t.unit === 'ms' ? ' ' + t.unit : t.unit}`,
          `≤ ${t.limit}${t.unit === 'MB' || t.unit === 'ms' ? ' ' + t.unit : t.unit}`,
          t.met === undefined ? 'n/a' : t.met ? 'yes' : 'NO',
        ]),
      ]),
  );
  log('Times are medians of interleaved runs (wall clock, including node start-up); see .bench/results.json for every run.');
  const { loadAverageAtStart: start, loadAverageAtEnd: end, availableParallelism: cores } = results.machine;
  log(
    `Load average (1, 5, 15 min) at start ${start.join(' ')}, at end ${end.join(' ')} on ${cores} cores` +
      (results.machine.underLoad ? ': TAKEN UNDER LOAD (other work competed for the cores; the CPU table is the fairer comparison).' : '.'),
  );
}

// ---- helpers ----

function timed(command, args, { cwd = root, stats = false } = {}) {
  const full = TIME ? [TIME, ['-f', '__RSS_KB=%M __CPU=%U+%S', command, ...args]] : [command, args];
  const start = performance.now();
  const child = spawnSync(full[0], full[1], { cwd, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - start;
  if (child.error) throw child.error;
  if (child.status !== 0 && child.status !== 1) throw new Error(`${command} ${args.join(' ')} exited ${child.status}: ${child.stderr.slice(-2000)}`);
  const rss = /__RSS_KB=(\d+)/.exec(child.stderr);
  const statLine = /storybank stats: (\{.*\})/.exec(child.stderr);
  const parsed = stats && statLine ? JSON.parse(statLine[1]) : undefined;
  const rssMB = rss ? Math.round(Number(rss[1]) / 1024) : parsed?.maxRssMB;
  const cpu = /__CPU=([\d.]+)\+([\d.]+)/.exec(child.stderr);
  const cpuMs = cpu ? Math.round((Number(cpu[1]) + Number(cpu[2])) * 1000) : undefined;
  return { ms, rssMB, cpuMs, stats: parsed };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return round(sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
}

function round(value) {
  return Math.round(value * 100) / 100;
}

function ratio(a, b) {
  return Math.round((a / b) * 1000) / 1000;
}

function fmtMs(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

function table(rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row) => '| ' + row.map((cell, column) => cell.padEnd(widths[column])).join(' | ') + ' |';
  return [line(rows[0]), '|' + widths.map((width) => '-'.repeat(width + 2)).join('|') + '|', ...rows.slice(1).map(line)].join('\n');
}

function log(message) {
  process.stdout.write(message + '\n');
}
