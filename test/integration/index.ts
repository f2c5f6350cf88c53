// Entry point loaded by the VS Code extension host (extensionTestsPath).
// Same shape as @vscode/test-electron expects: run() resolves when all tests pass.
import * as path from 'node:path';
import * as fs from 'node:fs';
import Mocha from 'mocha';
import * as vscode from 'vscode';

/** Marks lines that belong to the test run, so the harness can tell them from workbench logging. */
export const OUTPUT_MARKER = '[story-bank-test] ';
/** One line the harness parses to print the closing "N passed, N failed" summary. */
export const RESULT_MARKER = 'STORY_BANK_TEST_RESULT';

function out(text = ''): void {
  for (const line of text.split('\n')) console.log(OUTPUT_MARKER + line);
}

/**
 * A spec-like reporter whose every line carries OUTPUT_MARKER. (The extension host owns
 * console, so tagging has to happen at the source rather than by wrapping console.log.)
 */
class TaggedSpecReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const { EVENT_SUITE_BEGIN, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } = Mocha.Runner.constants;
    let depth = 0;
    const failures: { title: string; err: unknown }[] = [];
    const pad = () => '  '.repeat(depth);
    runner.on(EVENT_SUITE_BEGIN, (suite) => {
      if (suite.title) out(`${pad()}${suite.title}`);
      depth++;
    });
    runner.on(Mocha.Runner.constants.EVENT_SUITE_END, () => {
      depth--;
    });
    runner.on(EVENT_TEST_PASS, (test) => out(`${pad()}✔ ${test.title} (${test.duration ?? 0} ms)`));
    runner.on(EVENT_TEST_PENDING, (test) => out(`${pad()}- ${test.title} (pending)`));
    runner.on(EVENT_TEST_FAIL, (test, err) => {
      failures.push({ title: test.fullTitle(), err });
      out(`${pad()}✘ ${failures.length}) ${test.title}`);
    });
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats;
      out('');
      out(`${s?.passes ?? 0} passing, ${s?.failures ?? 0} failing, ${s?.pending ?? 0} pending (${s?.duration ?? 0} ms)`);
      failures.forEach(({ title, err }, i) => {
        out('');
        out(`${i + 1}) ${title}`);
        // Node's AssertionError message already carries the actual/expected diff.
        const e = err as { stack?: string; message?: string };
        out(e.stack ?? e.message ?? String(err));
      });
    });
  }
}

/** The suite that runs in the multi-root workspace (test/fixtures/workspace-multi); every other one runs in test/fixtures/workspace. */
const MULTI_ROOT_SUITE = 'multi-root.test.js';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, reporter: TaggedSpecReporter, timeout: 30_000 });
  const grep = process.env.STORY_BANK_TEST_GREP;
  if (grep) mocha.grep(grep);
  const multiRoot = vscode.workspace.workspaceFile !== undefined;
  for (const file of fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js') && (f === MULTI_ROOT_SUITE) === multiRoot)
    .sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const { passes = 0, failures: failed = 0, pending = 0 } = runner.stats ?? {};
        console.log(`${RESULT_MARKER} ${JSON.stringify({ passed: passes, failed, pending })}`);
        if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
        else resolve();
      });
    } catch (err) {
      console.error(err);
      reject(err);
    }
  });
}
