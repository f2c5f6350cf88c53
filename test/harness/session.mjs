// The one frame every VS Code run of the harness shares (run-integration.mjs, run-ui.mjs): the cache and the build
// are checked, a fresh temp folder, code-server and a headless Chromium are started, the run's body gets them, and
// afterwards both are stopped, the temp folder is removed (or kept, with the logs' tails, after a failure), and one
// closing line "<tag>: N passed, N failed[, N skipped]" is printed before the process exits with the verdict.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureAll } from './setup.mjs';
import { repoRoot } from './paths.mjs';
import { armWatchdog, installVsix, launchBrowser, log, makeTempRoot, removeTemp, safeRead, startCodeServer, withTimeout } from './codeServer.mjs';

/** How long one run may take (STORY_BANK_TEST_TIMEOUT_MS overrides it). */
export const RUN_TIMEOUT_MS = Number(process.env.STORY_BANK_TEST_TIMEOUT_MS || 5 * 60_000);

/**
 * Runs `body({ temp, server, browser, page })` inside a fresh code-server and browser. The body returns
 * `{ passed, failed, skipped? }`; it may also return `onFailure()`, called before the logs are printed.
 * `vsix`: install that package instead of loading this folder as a development extension. `runs`: how many
 * workbench runs the body makes; each may take RUN_TIMEOUT_MS.
 */
export function runSession(tag, body, { vsix, runs = 1 } = {}) {
  const timeoutMs = runs * RUN_TIMEOUT_MS;
  const session = async () => {
    const started = Date.now();
    ensureAll();
    if (vsix && !existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` first`);
    if (!vsix && !existsSync(join(repoRoot, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first');
    const temp = makeTempRoot(tag);
    let server, browser, outcome;
    let counts = { passed: 0, failed: 0, skipped: 0 };
    try {
      if (vsix) installVsix(temp, vsix, tag);
      server = await startCodeServer(temp, { tag });
      armWatchdog(server, tag, timeoutMs + 2 * 60_000);
      browser = await launchBrowser(temp);
      outcome = await withTimeout(body({ temp, server, browser, page: browser.page }), timeoutMs, `${tag} run`);
      counts = { ...counts, ...outcome };
    } catch (err) {
      counts.failed++;
      log(tag, `error: ${err.stack || err.message}`);
    } finally {
      await browser?.close();
      await server?.stop();
    }
    const ok = counts.failed === 0 && counts.passed > 0;
    log(tag, `finished in ${Math.round((Date.now() - started) / 1000)} s`);
    if (ok) removeTemp(temp);
    else {
      outcome?.onFailure?.();
      if (server) console.log(`--- code-server log (tail) ---\n${safeRead(server.logFile).split('\n').slice(-40).join('\n')}`);
      log(tag, `kept temp folder for inspection: ${temp.root}`);
    }
    console.log(`${tag}: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
    process.exit(ok ? 0 : 1);
  };
  session().catch((err) => {
    console.error(err);
    console.log(`${tag}: 0 passed, 1 failed`);
    process.exit(1);
  });
}
