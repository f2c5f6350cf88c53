// A cached result is reused only by the engine build that produced it. dist/cli.js carries the SHA-256 of
// dist/check-worker.js from the build (scripts/cli-bundles.mjs), so a warm run does not read the engine to know
// it; a CLI built without it hashes the engine file at run time instead. Either way, another engine checks again.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { NODE_BUNDLE } from '../../scripts/bundle-options.mjs';
import { buildCliBundles } from '../../scripts/cli-bundles.mjs';

describe('result cache: keyed by the engine build', function () {
  this.timeout(180_000);
  let work: string;
  let bank: string;

  before(() => {
    work = mkdtempSync(path.join(tmpdir(), 'storybank-engine-'));
    bank = path.join(work, 'bank');
    cpSync('examples/netflix-pm', bank, { recursive: true });
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  function check(dist: string, cacheDir: string): { checked: number; cached: number; stdout: string } {
    const child = spawnSync(process.execPath, [path.join(dist, 'cli.js'), 'check', bank, '--format', 'json', '--cache-dir', cacheDir, '--stats'], {
      encoding: 'utf8',
    });
    assert.ok(child.status === 0 || child.status === 1, child.stderr);
    const stats = JSON.parse(/storybank stats: (\{.*\})/.exec(child.stderr)![1]) as { checked: number; cached: number };
    return { ...stats, stdout: child.stdout };
  }

  it('the built CLI knows its engine by the hash written at build time, and a rebuilt engine checks again', async () => {
    const dist = path.join(work, 'dist');
    const cacheDir = path.join(work, 'cache-built');
    const hash = await buildCliBundles(dist, { logLevel: 'silent' });
    assert.equal(
      hash,
      createHash('sha256')
        .update(readFileSync(path.join(dist, 'check-worker.js')))
        .digest('hex'),
    );
    const cli = readFileSync(path.join(dist, 'cli.js'), 'utf8');
    assert.ok(cli.includes(JSON.stringify(hash)) && !cli.includes('STORYBANK_ENGINE_HASH'), 'the hash is written into cli.js');

    const cold = check(dist, cacheDir);
    assert.ok(cold.checked >= 8);
    const warm = check(dist, cacheDir);
    assert.deepEqual([warm.checked, warm.cached], [0, cold.checked]);

    // Another engine (here one byte more of it) with the same configuration and stories.
    await buildCliBundles(dist, { logLevel: 'silent' }, { banner: { js: '// another engine build' } });
    const rebuilt = check(dist, cacheDir);
    assert.deepEqual([rebuilt.checked, rebuilt.cached], [cold.checked, 0]);
    assert.equal(rebuilt.stdout, cold.stdout);
  });

  it('a CLI built without the hash reads the engine file, and a changed engine file checks again', async () => {
    const dist = path.join(work, 'dist-plain');
    const cacheDir = path.join(work, 'cache-plain');
    await esbuild.build({
      ...NODE_BUNDLE,
      entryPoints: { cli: 'src/cli/main.ts', 'check-worker': 'src/cli/engine.ts' },
      outdir: dist,
      logLevel: 'silent',
    });
    assert.match(readFileSync(path.join(dist, 'cli.js'), 'utf8'), /typeof STORYBANK_ENGINE_HASH\b/, 'no hash written in its place');
    const cold = check(dist, cacheDir);
    const warm = check(dist, cacheDir);
    assert.deepEqual([warm.checked, warm.cached], [0, cold.checked]);
    appendFileSync(path.join(dist, 'check-worker.js'), '\n// changed\n');
    const changed = check(dist, cacheDir);
    assert.deepEqual([changed.checked, changed.cached], [cold.checked, 0]);
  });
});
