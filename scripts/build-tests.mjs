// Bundles the extension-host test suite (test/integration/*.ts) into out/test/integration/.
// `vscode` is provided by the extension host; `mocha` is resolved from the repo's node_modules.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_BUNDLE } from './bundle-options.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const integrationOutDir = join(root, 'out', 'test', 'integration');

export async function buildIntegrationTests() {
  const srcDir = join(root, 'test', 'integration');
  const entryPoints = readdirSync(srcDir)
    .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
    .map((f) => join(srcDir, f));
  rmSync(integrationOutDir, { recursive: true, force: true });
  await esbuild.build({
    ...NODE_BUNDLE,
    entryPoints,
    outdir: integrationOutDir,
    external: [...NODE_BUNDLE.external, 'mocha'],
    // Like the extension, each test bundle configures zod before building a schema, so the suite's own
    // copy of zod does not read `navigator` either (the extension host logs that once per extension).
    inject: [join(root, 'src', 'extension', 'zodSetup.ts')],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return integrationOutDir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildIntegrationTests();
  console.log(`built ${integrationOutDir}`);
}
