// Runs test/integration (mocha) inside the extension host of a real VS Code (code-server 1.139.1),
// driven by headless Chromium through VS Code's smoke-test driver: first in the one-folder fixture workspace,
// then in the multi-root one (index.ts picks the suites for each). Offline: everything comes from the cache that
// setup.mjs fills. Prints the mocha output and a closing "integration: N passed, N failed" line; exits
// non-zero on any failure or timeout.
import { format } from 'node:util';
import { fixtureWorkspace, multiRootWorkspace, repoRoot } from './paths.mjs';
import { buildIntegrationTests } from '../../scripts/build-tests.mjs';
import { log, withTimeout, workbenchUrl } from './codeServer.mjs';
import { RUN_TIMEOUT_MS, runSession } from './session.mjs';

const TAG = 'integration';
const RESULT_MARKER = 'STORY_BANK_TEST_RESULT';
const OUTPUT_MARKER = '[story-bank-test] ';
const VERBOSE = !!process.env.STORY_BANK_TEST_VERBOSE;
const WORKSPACES = [fixtureWorkspace, multiRootWorkspace];

function formatArgs(args) {
  // The workbench forwards console calls as (format, ...args).
  return Array.isArray(args) ? format(...args) : String(args);
}

runSession(
  TAG,
  async ({ server, page }) => {
    const suiteDir = await buildIntegrationTests();
    log(TAG, `built the suite into ${suiteDir}`);
    const workbenchLog = [];
    // The workbench of the current run reports here: its mocha counts, and its exit code.
    let current;
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      for (const line of formatArgs(args).split('\n')) {
        const result = line.indexOf(RESULT_MARKER);
        const output = line.indexOf(OUTPUT_MARKER);
        if (result >= 0) {
          try {
            current.counts = JSON.parse(line.slice(result + RESULT_MARKER.length));
          } catch {}
        } else if (output >= 0) {
          console.log(`  ${line.slice(output + OUTPUT_MARKER.length)}`);
        } else {
          if (!/Ignoring fetching additional builtin extensions/.test(line)) workbenchLog.push(`${type}: ${line}`);
          if (VERBOSE) console.log(`  [workbench ${type}] ${line}`);
        }
      }
    });
    await page.exposeFunction('codeAutomationExit', (code) => current?.exit(code));
    page.on('pageerror', (err) => log(TAG, `page error: ${err.message}`));

    const total = { passed: 0, failed: 0 };
    for (const workspace of WORKSPACES) {
      const exited = new Promise((resolve) => (current = { counts: undefined, exit: resolve }));
      const url = workbenchUrl(server.baseUrl, server.port, workspace, { extensionDevelopmentPath: repoRoot, extensionTestsPath: suiteDir });
      log(TAG, `opening the workbench: ${url}`);
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
      const code = await withTimeout(exited, RUN_TIMEOUT_MS, `the extension-host tests in ${workspace}`);
      log(TAG, `extension host exited with code ${code}`);
      // No result line: the suite crashed before mocha finished; count the run as one failure.
      const counts = current.counts ?? { passed: 0, failed: 1 };
      if (!current.counts) log(TAG, 'no result line from mocha; see the output above and the code-server log');
      total.passed += counts.passed;
      total.failed += code !== 0 && counts.failed === 0 ? 1 : counts.failed;
    }
    return {
      ...total,
      onFailure: () => {
        if (!VERBOSE) console.log(`--- workbench log (tail) ---\n${workbenchLog.slice(-25).join('\n')}`);
      },
    };
  },
  { runs: WORKSPACES.length },
);
