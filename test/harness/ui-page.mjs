// What the UI checks (run-ui.mjs, ui-extras.mjs, ui-newcomer.mjs) share to drive the workbench page: the step
// runner that counts results, the palette, Quick Open, and the coverage view.
export const TAG = 'ui';
export const STEP_TIMEOUT_MS = 60_000;

/**
 * A step runner: `expect(name, fn)` runs one named check and counts it in `results`. After a failure the later
 * steps are skipped, since they depend on the page the failed one should have left.
 */
export function stepRunner() {
  const results = { passed: 0, failed: 0, skipped: 0 };
  let stopped = false;
  const expect = async (name, fn) => {
    if (stopped) {
      results.skipped++;
      console.log(`  - ${name} (skipped)`);
      return;
    }
    const t0 = Date.now();
    try {
      await fn();
      results.passed++;
      console.log(`  ✔ ${name} (${Date.now() - t0} ms)`);
    } catch (err) {
      results.failed++;
      stopped = true;
      console.log(`  ✘ ${name}\n    ${String(err.message).split('\n').join('\n    ')}`);
    }
  };
  return { results, expect };
}

/** Runs a command from the palette by its title. */
export async function runCommand(page, title) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input').first();
  await input.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.keyboard.press('Enter');
}

/** Opens a workspace file by name through Quick Open (Ctrl+P). */
export async function quickOpen(page, fileName) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input').first();
  await input.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await input.fill(fileName);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.keyboard.press('Enter');
}

/** The Coverage view's pane in the side bar. */
export function coverageView(page) {
  return page.locator('.pane', { has: page.locator('.pane-header', { hasText: /coverage/i }) }).first();
}
