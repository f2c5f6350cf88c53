// The part-of-speech library and its model (about 4 MB) are bundles of their own, required on the first story
// check (src/core/language/tagger.ts), so loading the extension or the CLI never parses them. Shared by
// scripts/build.mjs and scripts/bench.mjs, so the bench measures what ships.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { NODE_BUNDLE } from './bundle-options.mjs';

const require = createRequire(import.meta.url);

export const languageBundles = {
  'wink-nlp': { entry: require.resolve('wink-nlp'), file: 'wink-nlp.js' },
  'wink-eng-lite-web-model': { entry: require.resolve('wink-eng-lite-web-model'), file: 'wink-model.js' },
};

/** An esbuild plugin: the bundles require the two files beside them instead of inlining the packages. */
export const splitLanguageModel = {
  name: 'split-language-model',
  setup(build) {
    build.onResolve({ filter: /^wink-(?:nlp|eng-lite-web-model)$/ }, (args) => ({ path: `./${languageBundles[args.path].file}`, external: true }));
  },
};

export function buildLanguageBundles(outdir) {
  return Object.values(languageBundles).map(({ entry, file }) =>
    esbuild.build({ ...NODE_BUNDLE, entryPoints: [entry], outfile: join(outdir, file), minify: true, logLevel: 'warning' }),
  );
}
