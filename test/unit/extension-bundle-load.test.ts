// Loading the extension bundle must not read `navigator`. In the VS Code extension host `navigator` is a
// getter that logs "PendingMigrationError: navigator is now a global" against the extension; zod's JIT
// probe for `eval` used to read it while the bundle's schemas were built. The host cannot be watched from
// inside (its getter cannot be replaced), so the bundles are loaded here in Node with a counting getter.
// They are built as they ship (scripts/lazy-core.mjs): dist/extension.js, and dist/core.js with the parser, the
// rules and zod, which activation must not load; the core is loaded on the first check.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildExtensionBundles } from '../../scripts/lazy-core.mjs';

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
// A stand-in for the vscode module: every name is a callable, constructible object of the same kind; it takes
// any assignment, iterates as empty and converts to '0'.
const anything = () =>
  new Proxy(function () {}, {
    get: (_t, key) => (key === 'then' ? undefined : key === Symbol.iterator ? function* () {} : key === Symbol.toPrimitive ? () => '0' : anything()),
    apply: () => anything(),
    construct: () => anything(),
    set: () => true,
  });
const vscode = Object.fromEntries(JSON.parse(process.env.VSCODE_NAMES).map((name) => [name, anything()]));
const Module = require('node:module');
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
const coreLoaded = () => Object.keys(require.cache).some((file) => file.endsWith('core.js'));
const extension = require(process.env.BUNDLE);
const afterLoad = { reads, coreLoaded: coreLoaded() };
const api = extension.activate(anything());
const afterActivate = { reads, coreLoaded: coreLoaded(), api: typeof api.getTimings };
// The coverage of an empty workspace comes from the core, which is loaded then, through the stand-ins of its
// exports; loading it builds zod schemas.
api.getCoverage().then((coverage) => {
  const afterCore = { reads, coreLoaded: coreLoaded(), questions: coverage.map((entry) => entry.id + ' ' + entry.status) };
  console.log(JSON.stringify({ afterLoad, afterActivate, afterCore }));
  process.exit(0);
});
`;

describe('extension bundle: loading and activating it loads no core and reads no navigator', function () {
  this.timeout(60_000);
  let dir: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'storybank-load-'));
    await Promise.all(buildExtensionBundles(dir, { logLevel: 'silent' }));
    writeFileSync(path.join(dir, 'load.cjs'), LOADER);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('activation leaves the core unloaded, and neither bundle touches navigator', () => {
    const result = spawnSync(process.execPath, [path.join(dir, 'load.cjs')], {
      encoding: 'utf8',
      env: {
        ...process.env,
        BUNDLE: path.join(dir, 'extension.js'),
        VSCODE_NAMES: JSON.stringify(vscodeNames()),
      },
    });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}'), {
      afterLoad: { reads: 0, coreLoaded: false },
      afterActivate: { reads: 0, coreLoaded: false, api: 'function' },
      afterCore: {
        reads: 0,
        coreLoaded: true,
        questions: ['judgment gap', 'candor gap', 'disagree-commit gap', 'failure gap', 'leadership gap'],
      },
    });
  });

  it('the extension bundle holds the editor layer only: no dependency, parser, rule or profile', () => {
    const bundle = readFileSync(path.join(dir, 'extension.js'), 'utf8');
    assert.ok(bundle.length < 200_000, `dist/extension.js is ${bundle.length} bytes`);
    // esbuild marks every bundled module with a `// path` comment.
    assert.doesNotMatch(bundle, /^\/\/ node_modules\//m);
    assert.doesNotMatch(bundle, /^\/\/ src\/core\/(story|rules\/(?!rule\.ts)|language|profiles|config|lint|assistant)/m);
    assert.match(bundle, /^\/\/ src\/extension\/bank\.ts/m);
  });
});
