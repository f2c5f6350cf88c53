// The extension loads the core on first use. src/extension/*.ts import '../core' and '../core/assistant': the
// parser, the rules with their sentence models, the configuration, the profiles and zod, nine tenths of the
// extension's code and most of its load time. In the shipped build those two imports resolve to a stand-in that
// requires dist/core.js (built from src/extension/coreBundle.ts) when one of their exports is first read; the
// light core modules the editor imports directly (timing, practice, coverage, text, toolNames) stay in
// dist/extension.js. Shared by scripts/build.mjs, scripts/bench.mjs and the tests that build the extension, so
// that all of them load what ships.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { NODE_BUNDLE } from './bundle-options.mjs';
import { splitLanguageModel } from './language-bundles.mjs';

const root = resolve(import.meta.dirname, '..');

export const CORE_BUNDLE = { entry: 'src/extension/coreBundle.ts', file: 'core.js' };

/** The core modules the editor reaches lazily, by the name src/extension/coreBundle.ts exports each under. */
const LAZY_MODULES = { 'src/core/index.ts': 'core', 'src/core/assistant.ts': 'assistant' };

/** The names each lazy module exports (values only; types leave nothing behind), read from an esbuild metafile. */
async function exportedNames() {
  const entryPoints = Object.keys(LAZY_MODULES).map((file) => join(root, file));
  const result = await esbuild.build({
    ...NODE_BUNDLE,
    entryPoints,
    outdir: '/lazy-core-names',
    outbase: root,
    // esbuild lists an entry's exports in the metafile for ES module output only.
    format: 'esm',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const names = {};
  for (const output of Object.values(result.metafile.outputs)) {
    if (output.entryPoint) names[LAZY_MODULES[output.entryPoint]] = output.exports;
  }
  for (const [file, namespace] of Object.entries(LAZY_MODULES)) {
    if (!names[namespace]?.length) throw new Error(`lazy-core: found no exports of ${file}`);
  }
  return names;
}

/** CommonJS whose exports are getters: the first read of any of them requires the core bundle. */
function standIn(namespace, names) {
  return `let core;
const load = () => (core ??= require('./${CORE_BUNDLE.file}'));
Object.defineProperty(exports, '__esModule', { value: true });
for (const name of ${JSON.stringify(names)}) {
  Object.defineProperty(exports, name, { enumerable: true, get: () => load()[${JSON.stringify(namespace)}][name] });
}
`;
}

/** An esbuild plugin for the extension's entry: '../core' and '../core/assistant' become stand-ins (see the header). */
export const lazyCore = {
  name: 'lazy-core',
  setup(build) {
    let names;
    build.onStart(async () => {
      names = await exportedNames();
    });
    build.onResolve({ filter: /^\.\.\/core(\/assistant)?$/ }, (args) => {
      const importer = relative(root, args.importer).split('\\').join('/');
      if (!importer.startsWith('src/extension/') || importer === CORE_BUNDLE.entry) return undefined;
      const target = relative(root, resolve(args.resolveDir, args.path === '../core' ? '../core/index.ts' : `${args.path}.ts`))
        .split('\\')
        .join('/');
      const namespace = LAZY_MODULES[target];
      return namespace ? { path: namespace, namespace: 'lazy-core' } : undefined;
    });
    build.onResolve({ filter: new RegExp(`^\\./${CORE_BUNDLE.file.replace('.', '\\.')}$`), namespace: 'lazy-core' }, (args) => ({
      path: args.path,
      external: true,
    }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-core' }, (args) => ({ contents: standIn(args.path, names[args.path]), loader: 'js' }));
  },
};

/**
 * The extension's two bundles with the options of scripts/build.mjs: the lazily loaded core first, then
 * dist/extension.js with the SHA-256 of the core's bytes written in as STORYBANK_CORE_HASH (the editor keeps its
 * index between sessions only for the core that made it: src/extension/indexSnapshot.ts). One promise, in an array.
 */
export function buildExtensionBundles(outdir, options = {}) {
  const shared = { ...NODE_BUNDLE, absWorkingDir: root, outdir, logLevel: 'warning', ...options };
  const build = async () => {
    await esbuild.build({ ...shared, entryPoints: { [CORE_BUNDLE.file.replace(/\.js$/, '')]: CORE_BUNDLE.entry }, plugins: [splitLanguageModel] });
    const coreHash = createHash('sha256')
      .update(readFileSync(join(outdir, CORE_BUNDLE.file)))
      .digest('hex');
    await esbuild.build({
      ...shared,
      entryPoints: { extension: 'src/extension/extension.ts' },
      plugins: [lazyCore, splitLanguageModel],
      define: { ...shared.define, STORYBANK_CORE_HASH: JSON.stringify(coreHash) },
    });
  };
  return [build()];
}
