// UI check: drives the real VS Code workbench (code-server 1.139.1) in headless Chromium with
// the extension loaded from this repo, and checks what a person would see: the Story Bank
// activity-bar container, the question-coverage rows, a squiggle in a weak story and its entry
// in the Problems panel. Saves a screenshot to .test-artifacts/ui/story-bank.png.
// Prints "ui: N passed, N failed[, N skipped]"; exits non-zero on any failure or timeout.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fixtureWorkspace as workspace, repoRoot } from './paths.mjs';
import { log, workbenchUrl } from './codeServer.mjs';
import { runSession } from './session.mjs';
import { extraChecks } from './ui-extras.mjs';
import { newcomerChecks } from './ui-newcomer.mjs';
import { STEP_TIMEOUT_MS, TAG, coverageView, quickOpen, stepRunner } from './ui-page.mjs';

const artifacts = join(repoRoot, '.test-artifacts', 'ui');
const screenshotPath = join(artifacts, 'story-bank.png');

// What the fixture workspace must show. Titles come from the built-in netflix-pm profile.
const QUESTION_TITLES = ['Judgment with incomplete data', 'Difficult feedback', 'Disagree, then commit', 'A failure you own', 'Leading without authority'];
const WEAK_STORY = 'team-offsite.md';
const EXPECTED_PROBLEM = {
  message: 'Unexpected vague result "It went well and everyone was happy."',
  source: /story-bank\s*\(?result\)?/, // shown as "story-bank(result)"; the parentheses are CSS
  position: '[Ln 17, Col 1]',
};
const SQUIGGLES = '.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning, .monaco-editor .squiggly-info, .monaco-editor .squiggly-hint';

async function checks(page, expect) {
  await expect('the workbench loads', async () => {
    await page.locator('.monaco-workbench').waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.locator('.part.activitybar, .activitybar').first().waitFor({ timeout: STEP_TIMEOUT_MS });
  });

  await expect('the Story Bank container is in the activity bar', async () => {
    const item = page
      .locator('.activitybar .action-item a[aria-label^="Story Bank"], .activitybar .action-item .action-label[aria-label^="Story Bank"]')
      .first();
    await item.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    await item.click();
  });

  await expect('the coverage tree lists the five question types', async () => {
    const view = coverageView(page);
    await view.waitFor({ timeout: STEP_TIMEOUT_MS });
    for (const title of QUESTION_TITLES) {
      await view.locator('.monaco-list-row', { hasText: title }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    }
    // The status shows as the row's icon (pass = covered, warning = thin, error = gap).
    const status = async (title) => {
      const row = view.locator('.monaco-list-row', { hasText: title }).first();
      const icons = await row.locator('.codicon').evaluateAll((els) => els.map((e) => e.className).join(' '));
      const description = (
        await row
          .locator('.label-description')
          .innerText()
          .catch(() => '')
      ).trim();
      const state = /codicon-pass\b/.test(icons) ? 'covered' : /codicon-warning\b/.test(icons) ? 'thin' : /codicon-error\b/.test(icons) ? 'gap' : 'unknown';
      return { state, description };
    };
    const seen = {};
    for (const title of QUESTION_TITLES) seen[title] = await status(title);
    log(TAG, `coverage rows: ${QUESTION_TITLES.map((t) => `${t}: ${seen[t].state} (${seen[t].description})`).join(' | ')}`);
    if (seen['Difficult feedback'].state !== 'gap')
      throw new Error(`expected "Difficult feedback" to show gap, saw ${JSON.stringify(seen['Difficult feedback'])}`);
    if (!['thin', 'gap'].includes(seen['Leading without authority'].state)) {
      throw new Error(`a weak draft story must not cover "Leading without authority": ${JSON.stringify(seen['Leading without authority'])}`);
    }
  });

  await expect(`opening ${WEAK_STORY} shows a squiggle`, async () => {
    await quickOpen(page, WEAK_STORY);
    await page.locator('.tabs-container .tab', { hasText: WEAK_STORY }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.locator(SQUIGGLES).first().waitFor({ state: 'attached', timeout: STEP_TIMEOUT_MS });
    log(TAG, `squiggles in the editor: ${await page.locator(SQUIGGLES).count()}`);
  });

  await expect('the Problems panel lists the story-bank findings', async () => {
    await page
      .locator('.monaco-editor')
      .first()
      .click({ position: { x: 200, y: 10 } });
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel').first();
    await panel.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    const row = panel.locator('.monaco-list-row', { hasText: 'story-bank' }).first();
    await row.waitFor({ timeout: STEP_TIMEOUT_MS });
    const rows = await panel.locator('.monaco-list-row').allInnerTexts();
    log(TAG, `problems rows: ${rows.map((r) => r.replace(/\s+/g, ' ').trim().slice(0, 90)).join(' | ')}`);
    if (!rows.some((r) => r.includes(WEAK_STORY))) throw new Error(`Problems panel does not name ${WEAK_STORY}`);
    // The vague Result sentence, on line 17 of the weak story, flagged by the result rule.
    const vague = rows.find((r) => r.includes(EXPECTED_PROBLEM.message));
    if (!vague) throw new Error(`no Problems entry containing ${JSON.stringify(EXPECTED_PROBLEM.message)}`);
    const flat = vague.replace(/\s+/g, ' ');
    if (!EXPECTED_PROBLEM.source.test(flat)) throw new Error(`Problems entry lacks ${EXPECTED_PROBLEM.source}: ${flat}`);
    if (!flat.includes(EXPECTED_PROBLEM.position)) throw new Error(`Problems entry lacks ${EXPECTED_PROBLEM.position}: ${flat}`);
  });

  await expect('screenshot saved', async () => {
    await page.waitForTimeout(500); // let the tree and the panel finish painting
    await page.screenshot({ path: screenshotPath });
    if (!existsSync(screenshotPath)) throw new Error('no screenshot written');
    log(TAG, `screenshot: ${screenshotPath}`);
  });

  // Coverage matrix webview and practice mode (test/harness/ui-extras.mjs).
  await extraChecks(page, expect, { workspace, artifacts });
  // Sidebar title and row widths, New Story's prompt (test/harness/ui-newcomer.mjs).
  await newcomerChecks(page, expect);
}

// STORY_BANK_VSIX=<file>: check (and screenshot) the packaged extension as a user installs it, instead of
// loading this folder as a development extension (whose window title says "[Extension Development Host]").
const vsix = process.env.STORY_BANK_VSIX ? resolve(repoRoot, process.env.STORY_BANK_VSIX) : '';
mkdirSync(artifacts, { recursive: true });

runSession(
  TAG,
  async ({ server, page }) => {
    const { results, expect } = stepRunner();
    // The smoke-test driver hooks must exist before the workbench loads.
    await page.exposeFunction('codeAutomationLog', () => {});
    await page.exposeFunction('codeAutomationExit', () => {});
    const url = workbenchUrl(server.baseUrl, server.port, workspace, vsix ? {} : { extensionDevelopmentPath: repoRoot });
    log(TAG, `opening the workbench: ${url}`);
    try {
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
      await checks(page, expect);
    } finally {
      if (results.failed > 0 || results.passed === 0) {
        const failShot = join(artifacts, 'failure.png');
        await page.screenshot({ path: failShot }).catch(() => {});
        log(TAG, `failure screenshot: ${failShot}`);
      }
    }
    return results;
  },
  { vsix },
);
