// Loading the extension bundle must not read `navigator`. In the VS Code extension host `navigator` is a
// getter that logs "PendingMigrationError: navigator is now a global" against the extension; zod's JIT
// probe for `eval` used to read it while the bundle's schemas were built. The host cannot be watched from
// inside (its getter cannot be replaced), so the bundle is loaded here in Node with a counting getter.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { NODE_BUNDLE } from '../../scripts/bundle-options.mjs';

/** Every `vscode.X` the editor layer names, so the stand-in module has them as own properties. */
function vscodeNames(): string[] {
  const names = new Set<string>();
  for (const file of readdirSync('src/extension')) {
    if (!file.endsWith('.ts')) continue;
    for (const match of readFileSync(path.join('src/extension', file), 'utf8').matchAll(/\bvscode\.([A-Za-z]+)/g)) names.add(match[1]);
  }
  return [...names];
}

const LOADER = String.raw`
let reads = 0;
Object.defineProperty(globalThis, 'navigator', { configurable: true, get() { reads++; return undefined; } });
// A stand-in for the vscode module: every name is a callable, constructible object of the same kind.
const anything = () => new Proxy(function () {}, { get: (_t, key) => (key === 'then' ? undefined : anything()), apply: () => anything(), construct: () => anything() });
const vscode = Object.fromEntries(JSON.parse(process.env.VSCODE_NAMES).map((name) => [name, anything()]));
const Module = require('node:module');
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
require(process.env.BUNDLE);
console.log(JSON.stringify({ reads }));
`;

describe('extension bundle: loading it reads no navigator (zod does not probe for eval)', function () {
  this.timeout(60_000);
  let dir: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'storybank-load-'));
    // The options of scripts/build.mjs for the extension entry.
    await esbuild.build({
      ...NODE_BUNDLE,
      entryPoints: { extension: 'src/extension/extension.ts' },
      outdir: dir,
      logLevel: 'silent',
    });
    writeFileSync(path.join(dir, 'load.cjs'), LOADER);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the bundle loads and never touches navigator', () => {
    const result = spawnSync(process.execPath, [path.join(dir, 'load.cjs')], {
      encoding: 'utf8',
      env: { ...process.env, BUNDLE: path.join(dir, 'extension.js'), VSCODE_NAMES: JSON.stringify(vscodeNames()) },
    });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}'), { reads: 0 });
  });
});
