// npm run bench:editor: the extension's own timings inside a real VS Code (code-server 1.139.1, the test
// harness's offline install): activate(), the first index and the first coverage-tree render, and the extension
// host's memory, for an empty folder (the baseline), the example bank and generated banks of 100 and 1,000
// stories. A bench, not a test: it reports figures against the targets of issue 14 and never fails on them.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { ensureAll } from '../test/harness/setup.mjs';
import { repoRoot } from '../test/harness/paths.mjs';
import { freePort, launchBrowser, log, makeTempRoot, removeTemp, startCodeServer, withTimeout, workbenchUrl } from '../test/harness/codeServer.mjs';
import { generateBank } from './bench-bank.mjs';
import { NODE_BUNDLE } from './bundle-options.mjs';

const TAG = 'bench:editor';
const MARKER = 'STORY_BANK_BENCH ';

ensureAll();
const suiteDir = join(repoRoot, 'out', 'test', 'bench-editor');
await esbuild.build({
  ...NODE_BUNDLE,
  entryPoints: [join(repoRoot, 'test', 'bench-editor', 'index.ts')],
  outdir: suiteDir,
  logLevel: 'warning',
});

const loadAtStart = loadavg().map((value) => Number(value.toFixed(2)));
const allBanks = [
  { name: 'empty folder (baseline)', fill: () => {} },
  { name: 'example bank', fill: (dir) => cpSync(join(repoRoot, 'examples', 'netflix-pm'), dir, { recursive: true }) },
  { name: '100 generated stories', fill: (dir) => generateBank(dir, 100), reopen: true },
  { name: '1,000 generated stories', fill: (dir) => generateBank(dir, 1000), reopen: true },
];
// STORY_BANK_BENCH_ONLY=<start of a bank's name> measures that bank alone (the targets it does not cover read n/a).
const only = process.env.STORY_BANK_BENCH_ONLY;
const banks = only ? allBanks.filter((bank) => bank.name.startsWith(only)) : allBanks;
const results = [];

/** One editor session on `folder`: starts code-server and a browser, runs the bench suite, returns its figures. */
async function session(temp, folder, name, port) {
  let server, browser;
  try {
    server = await startCodeServer(temp, { tag: TAG, port });
    browser = await launchBrowser(temp);
    let resolveLine;
    const line = new Promise((resolve) => (resolveLine = resolve));
    let resolveExit;
    const exited = new Promise((resolve) => (resolveExit = resolve));
    const suiteLog = [];
    await browser.page.exposeFunction('codeAutomationLog', (_type, args) => {
      const text = Array.isArray(args) ? args.map(String).join(' ') : String(args);
      suiteLog.push(text);
      const at = text.indexOf(MARKER);
      if (at >= 0) resolveLine(JSON.parse(text.slice(at + MARKER.length)));
    });
    await browser.page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    const url = workbenchUrl(server.baseUrl, server.port, folder, { extensionDevelopmentPath: repoRoot, extensionTestsPath: suiteDir });
    await browser.page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const measured = await withTimeout(
      Promise.race([
        line,
        exited.then((code) => Promise.reject(new Error(`the bench suite exited with ${code} before reporting:\n${suiteLog.slice(-40).join('\n')}`))),
      ]),
      5 * 60_000,
      name,
    );
    log(TAG, `${name}: ${JSON.stringify(measured)}`);
    return { bank: name, ...measured };
  } finally {
    await browser?.close();
    await server?.stop();
  }
}

for (const bank of banks) {
  const temp = makeTempRoot('bench-editor');
  const folder = join(temp.root, 'bank');
  mkdirSync(folder, { recursive: true });
  bank.fill(folder);
  try {
    const port = await freePort();
    results.push(await session(temp, folder, bank.name, port));
    // The same folder, user data and port (the workspace's storage is keyed by its URI): the index kept from the
    // first session (src/extension/indexSnapshot.ts).
    if (bank.reopen) results.push(await session(temp, folder, `${bank.name}, reopened`, port));
  } finally {
    removeTemp(temp);
  }
}

const row = (name) => results.find((result) => result.bank.startsWith(name)) ?? {};
const empty = row('empty');
const large = row('1,000');
const reopened = (name) => results.find((result) => result.bank.startsWith(name) && result.bank.endsWith('reopened')) ?? {};
const minus = (a, b) => (a === undefined || b === undefined ? undefined : a - b);
/** Activation as VS Code reports it: loading the extension's code (the host's own marks) plus activate(). */
const activation = (result) => (result.codeLoadingMs === undefined ? undefined : Math.round((result.codeLoadingMs + result.activateMs) * 10) / 10);
const targets = [
  ['activation: code loading + activate() (1,000 stories)', activation(large), 150, 'ms'],
  ['activate() (1,000 stories)', large.activateMs, 50, 'ms'],
  ['first tree render, 100 stories', row('100').firstTreeRenderMs, 500, 'ms'],
  ['first rows shown while checking, 100 stories (the tree is partial, with progress)', row('100').firstRowsMs, 500, 'ms'],
  ['1,000 stories indexed', large.firstIndex?.ms, 4000, 'ms'],
  ['first tree render, 100 stories, reopened', reopened('100').firstTreeRenderMs, 500, 'ms'],
  ['1,000 stories indexed, reopened', reopened('1,000').firstIndex?.ms, 4000, 'ms'],
  ['extension host memory (RSS), 1,000 stories above the empty baseline', minus(large.rssMB, empty.rssMB), 150, 'MB'],
  ['retained heap after a full collection, 1,000 stories above the baseline', minus(large.heapUsedMB, empty.heapUsedMB), 150, 'MB'],
];
const table = (rows) => rows.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
console.log(
  '\n' +
    table([
      [
        'bank',
        'code loading',
        'activate()',
        'first index (files / stories)',
        'unchanged, kept',
        'index done after',
        'first rows (while checking)',
        'first tree render',
        'host RSS',
        'heap after a full GC',
      ],
      ['---', '---', '---', '---', '---', '---', '---', '---', '---', '---'],
      ...results.map((r) => [
        r.bank,
        r.codeLoadingMs === undefined ? 'n/a' : `${r.codeLoadingMs} ms`,
        `${r.activateMs} ms`,
        r.firstIndex ? `${r.firstIndex.ms} ms (${r.firstIndex.files} / ${r.firstIndex.stories})` : 'n/a',
        r.lastIndex ? `${r.lastIndex.reused}` : 'n/a',
        r.firstIndex ? `${r.firstIndex.doneMs} ms` : 'n/a',
        r.firstRowsMs === undefined ? 'n/a' : `${r.firstRowsMs} ms`,
        r.firstTreeRenderMs === undefined ? 'n/a' : `${r.firstTreeRenderMs} ms`,
        `${r.rssMB} MB`,
        `${r.heapUsedMB} MB`,
      ]),
    ]),
);
console.log(
  '\n' +
    table([
      ['target', 'value', 'limit', 'met'],
      ['---', '---', '---', '---'],
      ...targets.map(([name, value, limit, unit]) => [
        name,
        value === undefined ? 'n/a' : `${value} ${unit}`,
        `≤ ${limit} ${unit}`,
        value === undefined ? 'n/a' : value <= limit ? 'yes' : 'NO',
      ]),
    ]),
);
const loadAtEnd = loadavg().map((value) => Number(value.toFixed(2)));
console.log(`\nTimes from the start of activate(), measured by the extension itself (getTimings); code loading is the time the
extension host took to load dist/extension.js, read from the host's own performance marks (willLoadExtensionCode and
didLoadExtensionCode), so code loading plus activate() is the activation time VS Code reports.
Load average at start ${loadAtStart.join(' ')}, at end ${loadAtEnd.join(' ')}.`);
mkdirSync(join(repoRoot, '.bench'), { recursive: true });
writeFileSync(
  join(repoRoot, '.bench', 'editor.json'),
  JSON.stringify({ generatedAt: new Date().toISOString(), loadAtStart, loadAtEnd, results, targets }, null, 2),
);
process.exit(0);
