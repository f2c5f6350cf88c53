// `npm run bench:crossover`: where worker threads start to pay for `storybank check`. For banks of growing size,
// a cold check (--no-cache) on one thread and on two, interleaved, medians of wall clock. The CLI switches to
// workers above PARALLEL_THRESHOLD stories to check (src/cli/worker-pool.ts); this is the measurement behind it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateBank } from './bench-bank.mjs';

const SIZES = (process.env.STORYBANK_CROSSOVER_SIZES ?? '25,50,100,200,400').split(',').map(Number);
const REPS = Number(process.env.STORYBANK_CROSSOVER_REPS ?? 3);
const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-needed'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const work = mkdtempSync(join(tmpdir(), 'storybank-crossover-'));
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
console.log(`${availableParallelism()} cores; load average at start ${load()}`);
console.log('| stories | 1 thread (ms) | 2 threads (ms) | 2 threads / 1 thread |');
console.log('|---|---|---|---|');
try {
  for (const size of SIZES) {
    const bank = join(work, String(size));
    generateBank(bank, size, 7);
    const times = { 1: [], 2: [] };
    for (let rep = 0; rep < REPS; rep++) {
      for (const jobs of rep % 2 === 0 ? [1, 2] : [2, 1]) {
        const started = performance.now();
        const run = spawnSync(process.execPath, ['dist/cli.js', 'check', bank, '--no-cache', '--format', 'json', '--jobs', String(jobs)], {
          encoding: 'utf8',
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        if (run.status !== 0 && run.status !== 1) throw new Error(run.stderr);
        times[jobs].push(performance.now() - started);
      }
    }
    const one = median(times[1]);
    const two = median(times[2]);
    console.log(`| ${size} | ${one.toFixed(0)} | ${two.toFixed(0)} | ${(two / one).toFixed(2)} |`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const end = loadavg();
console.log(`load average at end ${load()}${end[0] > availableParallelism() ? ' (taken under load: ratios are unreliable)' : ''}`);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
