// The CLI's two bundles: dist/check-worker.js (the engine: configuration, parser and rules, loaded on the first
// cache miss and run by the worker threads) and dist/cli.js (the light half). The engine is built first, and the
// SHA-256 of its bytes is written into cli.js as STORYBANK_ENGINE_HASH: cached results are keyed by the engine
// that produced them, and a warm run then need not read and hash the 2 MB engine to know it (src/cli/cache.ts,
// builtEngineHash). Shared by scripts/build.mjs, scripts/bench.mjs and the tests that build the CLI.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NODE_BUNDLE } from './bundle-options.mjs';
import { splitLanguageModel } from './language-bundles.mjs';

const root = resolve(import.meta.dirname, '..');

/** `options` apply to both bundles; `engine` only to the engine (the tests build another engine with it). */
export async function buildCliBundles(outdir, options = {}, engine = {}) {
  const shared = { ...NODE_BUNDLE, absWorkingDir: root, outdir, logLevel: 'warning', plugins: [splitLanguageModel], ...options };
  await esbuild.build({ ...shared, ...engine, entryPoints: { 'check-worker': 'src/cli/engine.ts' } });
  const engineHash = createHash('sha256')
    .update(readFileSync(join(outdir, 'check-worker.js')))
    .digest('hex');
  await esbuild.build({
    ...shared,
    entryPoints: { cli: 'src/cli/main.ts' },
    banner: { js: '#!/usr/bin/env node' },
    define: { ...shared.define, STORYBANK_ENGINE_HASH: JSON.stringify(engineHash) },
  });
  return engineHash;
}
