// Bundles the extension and the CLI into one CommonJS file each; `vscode` stays external.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { NODE_BUNDLE } from './bundle-options.mjs';
import { buildLanguageBundles, languageBundles, splitLanguageModel } from './language-bundles.mjs';
import { buildCliBundles } from './cli-bundles.mjs';
import { CORE_BUNDLE, buildExtensionBundles } from './lazy-core.mjs';

// The extension (dist/extension.js and the core it loads on first use, dist/core.js) is built by lazy-core.mjs,
// the CLI (dist/cli.js and its engine, dist/check-worker.js) by cli-bundles.mjs.
const entries = {
  // `storybank mcp`: the MCP SDK is bundled here, not in cli.js, so `check` never loads it. The extension
  // ships this file too and offers it to VS Code's agent mode (src/extension/lmTools.ts).
  mcp: 'src/cli/mcp.ts',
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
  const outputs = [
    ...Object.keys(entries).map((name) => `dist/${name}.js`),
    'dist/cli.js',
    'dist/check-worker.js',
    'dist/extension.js',
    `dist/${CORE_BUNDLE.file}`,
    ...Object.values(languageBundles).map(({ file }) => `dist/${file}`),
  ];
  if (!outputs.every(existsSync)) return false;
  const oldestOutput = Math.min(...outputs.map((path) => statSync(path).mtimeMs));
  return newestMtime('src') < oldestOutput;
}

if (process.argv.includes('--if-needed') && upToDate()) process.exit(0);

const production = process.argv.includes('--production');
const builds = Object.entries(entries)
  .filter(([, path]) => existsSync(path))
  .map(([name, path]) =>
    esbuild.build({
      ...NODE_BUNDLE,
      entryPoints: { [name]: path },
      outdir: 'dist',
      minify: production,
      sourcemap: !production,
      metafile: false,
      logLevel: 'warning',
      plugins: [splitLanguageModel],
    }),
  );
builds.push(buildCliBundles('dist', { minify: production, sourcemap: !production }));
builds.push(...buildExtensionBundles('dist', { minify: production, sourcemap: !production }));
builds.push(...buildLanguageBundles('dist'));
await Promise.all(builds);

// Each rule's docs page ships with the extension, so "Open docs" works offline.
mkdirSync('dist/rules', { recursive: true });
for (const name of readdirSync('src/core/rules')) {
  if (name.endsWith('.md')) copyFileSync(join('src/core/rules', name), join('dist/rules', name));
}
