// Runs test/integration (mocha) inside the extension host of a real VS Code (code-server 1.139.1),
// driven by headless Chromium through VS Code's smoke-test driver. Offline: everything comes
// from the cache that setup.mjs fills. Prints the mocha output and a closing
// "integration: N passed, N failed" line; exits non-zero on any failure or timeout.
import { existsSync } from 'node:fs';
import { format } from 'node:util';
import { join } from 'node:path';
import { ensureAll } from './setup.mjs';
import { repoRoot } from './paths.mjs';
import { buildIntegrationTests } from '../../scripts/build-tests.mjs';
import { armWatchdog, launchBrowser, log, makeTempRoot, removeTemp, safeRead, startCodeServer, withTimeout, workbenchUrl } from './codeServer.mjs';

const TAG = 'integration';
const RUN_TIMEOUT_MS = Number(process.env.STORY_BANK_TEST_TIMEOUT_MS || 5 * 60_000);
const RESULT_MARKER = 'STORY_BANK_TEST_RESULT';
const OUTPUT_MARKER = '[story-bank-test] ';
const VERBOSE = !!process.env.STORY_BANK_TEST_VERBOSE;
const workspace = join(repoRoot, 'test', 'fixtures', 'workspace');

function formatArgs(args) {
  // The workbench forwards console calls as (format, ...args).
  return Array.isArray(args) ? format(...args) : String(args);
}

async function main() {
  const started = Date.now();
  ensureAll();
  if (!existsSync(join(repoRoot, 'dist', 'extension.js'))) {
    throw new Error('dist/extension.js is missing: run `npm run build` first');
  }
  const suiteDir = await buildIntegrationTests();
  log(TAG, `built the suite into ${suiteDir}`);

  const temp = makeTempRoot('integration');
  let server,
    browser,
    ok = false;
  let counts;
  const workbenchLog = [];
  try {
    server = await startCodeServer(temp, { tag: TAG });
    armWatchdog(server, TAG, RUN_TIMEOUT_MS + 2 * 60_000);
    browser = await launchBrowser(temp);
    const { page } = browser;
    const outcome = {};
    outcome.exit = new Promise((resolve) => {
      outcome.resolveExit = resolve;
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      for (const line of formatArgs(args).split('\n')) {
        const result = line.indexOf(RESULT_MARKER);
        const output = line.indexOf(OUTPUT_MARKER);
        if (result >= 0) {
          try {
            counts = JSON.parse(line.slice(result + RESULT_MARKER.length));
          } catch {}
        } else if (output >= 0) {
          console.log(`  ${line.slice(output + OUTPUT_MARKER.length)}`);
        } else {
          if (!/Ignoring fetching additional builtin extensions/.test(line)) workbenchLog.push(`${type}: ${line}`);
          if (VERBOSE) console.log(`  [workbench ${type}] ${line}`);
        }
      }
    });
    await page.exposeFunction('codeAutomationExit', (code) => outcome.resolveExit(code));
    page.on('pageerror', (err) => log(TAG, `page error: ${err.message}`));

    const url = workbenchUrl(server.baseUrl, server.port, workspace, {
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: suiteDir,
    });
    log(TAG, `opening the workbench: ${url}`);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const code = await withTimeout(outcome.exit, RUN_TIMEOUT_MS, 'extension-host test run');
    log(TAG, `extension host exited with code ${code}`);
    if (!counts) {
      // The suite never reported (crashed before mocha finished): count the run as one failure.
      counts = { passed: 0, failed: 1 };
      log(TAG, 'no result line from mocha; see the output above and the code-server log');
    }
    ok = code === 0 && counts.failed === 0 && counts.passed > 0;
    if (code !== 0 && counts.failed === 0) counts.failed = 1;
  } catch (err) {
    log(TAG, `error: ${err.stack || err.message}`);
    counts = { passed: counts?.passed ?? 0, failed: Math.max(1, counts?.failed ?? 0) };
  } finally {
    await browser?.close();
    await server?.stop();
  }
  log(TAG, `finished in ${Math.round((Date.now() - started) / 1000)} s`);
  if (ok) {
    removeTemp(temp);
  } else {
    if (!VERBOSE) console.log(`--- workbench log (tail) ---\n${workbenchLog.slice(-25).join('\n')}`);
    if (server) console.log(`--- code-server log (tail) ---\n${safeRead(server.logFile).split('\n').slice(-40).join('\n')}`);
    log(TAG, `kept temp folder for inspection: ${temp.root}`);
  }
  console.log(`${TAG}: ${counts.passed} passed, ${counts.failed} failed`);
  process.exit(ok ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  console.log(`${TAG}: 0 passed, 1 failed`);
  process.exit(1);
});
