// `npm run bench:warm`: a warm `storybank check` of an unchanged generated bank against `node -e 0`, JSON and
// text, in interleaved runs (medians of wall and CPU time). To compare two builds side by side, name the other
// one's cli.js: BENCH_WARM_BASE=/path/to/old/dist/cli.js. Each build gets its own cache, filled first.
//
//   BENCH_WARM_SIZE=1000   stories in the generated bank
//   BENCH_WARM_REPS=15     interleaved runs of each measurement
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateBank } from './bench-bank.mjs';

const root = resolve(import.meta.dirname, '..');
const SIZE = Number(process.env.BENCH_WARM_SIZE ?? 1000);
const REPS = Number(process.env.BENCH_WARM_REPS ?? 15);
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const builds = [['this build', join(root, 'dist', 'cli.js')]];
if (process.env.BENCH_WARM_BASE) builds.unshift(['base', resolve(process.env.BENCH_WARM_BASE)]);
for (const [, cli] of builds) if (!existsSync(cli)) throw new Error(`${cli} does not exist (npm run build first)`);

const work = mkdtempSync(join(tmpdir(), 'storybank-bench-warm-'));
try {
  const bank = join(work, 'bank');
  generateBank(bank, SIZE);
  const loadAtStart = loadavg()[0];
  const runs = [['node -e 0', [process.execPath, '-e', '0']]];
  builds.forEach(([name, cli], index) => {
    const cacheDir = join(work, `cache-${index}`);
    for (const format of ['json', 'text']) {
      const args = [process.execPath, cli, 'check', bank, '--format', format, '--cache-dir', cacheDir, '--stats'];
      timed(args); // fills (json) or confirms (text) the cache
      runs.push([`${name}, warm ${format}`, args, true]);
    }
  });
  const samples = runs.map(() => []);
  for (let rep = 0; rep < REPS; rep++) {
    // Rotate the order so that no measurement always runs first.
    for (let k = 0; k < runs.length; k++) {
      const at = (k + rep) % runs.length;
      const [, args, isCheck] = runs[at];
      const sample = timed(args);
      if (isCheck && sample.stats?.checked !== 0) throw new Error('a warm run checked stories again: the cache did not work');
      samples[at].push(sample);
    }
  }
  const node = median(samples[0].map((sample) => sample.ms));
  const nodeCpu = median(samples[0].map((sample) => sample.cpuMs ?? 0));
  const rows = [['run', 'wall (median)', 'minus node -e 0', 'CPU (median)', 'minus node -e 0']];
  runs.forEach(([name], index) => {
    const wall = median(samples[index].map((sample) => sample.ms));
    const cpu = median(samples[index].map((sample) => sample.cpuMs ?? 0));
    rows.push([
      name,
      `${Math.round(wall)} ms`,
      index ? `+ ${Math.round(wall - node)} ms` : '',
      TIME ? `${cpu} ms` : 'n/a',
      index && TIME ? `+ ${cpu - nodeCpu} ms` : '',
    ]);
  });
  const loadAtEnd = loadavg()[0];
  console.log(
    `Warm check of ${SIZE} unchanged stories, ${REPS} interleaved runs each; load average ${loadAtStart.toFixed(2)} at the start, ${loadAtEnd.toFixed(2)} at the end.`,
  );
  console.log(table(rows));
  console.log('Target (issue 14): a warm check of 1,000 stories within node -e 0 + 100 ms, wall time.');
} finally {
  rmSync(work, { recursive: true, force: true });
}

function timed(args) {
  const [command, rest] = TIME ? [TIME, ['-f', '__CPU=%U+%S', ...args]] : [args[0], args.slice(1)];
  const start = performance.now();
  const child = spawnSync(command, rest, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - start;
  if (child.error) throw child.error;
  if (child.status !== 0 && child.status !== 1) throw new Error(`${args.join(' ')} exited ${child.status}: ${child.stderr.slice(-2000)}`);
  const cpu = /__CPU=([\d.]+)\+([\d.]+)/.exec(child.stderr);
  const stats = /storybank stats: (\{.*\})/.exec(child.stderr);
  return { ms, cpuMs: cpu ? Math.round((Number(cpu[1]) + Number(cpu[2])) * 1000) : undefined, stats: stats ? JSON.parse(stats[1]) : undefined };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function table(rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row) => '| ' + row.map((cell, column) => cell.padEnd(widths[column])).join(' | ') + ' |';
  return [line(rows[0]), '|' + widths.map((width) => '-'.repeat(width + 2)).join('|') + '|', ...rows.slice(1).map(line)].join('\n');
}
