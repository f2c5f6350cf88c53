// Bundles the extension and the CLI into one CommonJS file each; `vscode` stays external.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const entries = {
  extension: 'src/extension/extension.ts',
  cli: 'src/cli/main.ts',
  'check-worker': 'src/cli/engine.ts',
};

// The part-of-speech library and its model (about 4 MB) are bundles of their own, required on the first story
// check (src/core/language/tagger.ts), so loading the extension or the CLI never parses them.
const languageBundles = {
  'wink-nlp': { entry: require.resolve('wink-nlp'), file: 'wink-nlp.js' },
  'wink-eng-lite-web-model': { entry: require.resolve('wink-eng-lite-web-model'), file: 'wink-model.js' },
};
const splitLanguageModel = {
  name: 'split-language-model',
  setup(build) {
    build.onResolve({ filter: /^wink-(?:nlp|eng-lite-web-model)$/ }, (args) => ({ path: `./${languageBundles[args.path].file}`, external: true }));
  },
};

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function upToDate() {
  const outputs = [...Object.keys(entries).map((name) => `dist/${name}.js`), ...Object.values(languageBundles).map(({ file }) => `dist/${file}`)];
  if (!outputs.every(existsSync)) return false;
  const oldestOutput = Math.min(...outputs.map((path) => statSync(path).mtimeMs));
  return newestMtime('src') < oldestOutput;
}

if (process.argv.includes('--if-needed') && upToDate()) process.exit(0);

const production = process.argv.includes('--production');
const builds = Object.entries(entries)
  .filter(([, path]) => existsSync(path))
  .map(([name, path]) => esbuild.build({
  entryPoints: { [name]: path },
  banner: name === 'cli' ? { js: '#!/usr/bin/env node' } : undefined,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  metafile: false,
  logLevel: 'warning',
  plugins: [splitLanguageModel],
}));
for (const { entry, file } of Object.values(languageBundles)) {
  builds.push(esbuild.build({
    entryPoints: [entry], outfile: `dist/${file}`, bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, logLevel: 'warning',
  }));
}
await Promise.all(builds);

// Each rule's docs page ships with the extension, so "Open docs" works offline.
mkdirSync('dist/rules', { recursive: true });
for (const name of readdirSync('src/core/rules')) {
  if (name.endsWith('.md')) copyFileSync(join('src/core/rules', name), join('dist/rules', name));
}
