// UI checks for the coverage matrix webview and practice mode, run by run-ui.mjs after its own checks in the
// same workbench. With STORY_BANK_SCREENSHOTS=<dir> (npm run screenshots) they also save the README
// screenshots (tree, diagnostics, matrix, practice) into that folder.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { log } from './codeServer.mjs';
import { repoRoot } from './paths.mjs';
import { STEP_TIMEOUT_MS, TAG, coverageView, runCommand } from './ui-page.mjs';
const HOSTILE_TITLE = '<img src=x onerror=alert(1)>';
const HOSTILE_FILE = 'zz-ui-hostile-title.md';
const STRONG_STORY = { file: 'pricing-test.md', title: 'Shipping the annual plan before the survey came back' };

/** The README screenshot folder, when this run should write them. */
export const screenshotDir = process.env.STORY_BANK_SCREENSHOTS ? resolve(repoRoot, process.env.STORY_BANK_SCREENSHOTS) : '';
/** README screenshots are 1280x800. */
const SCREENSHOT_VIEWPORT = { width: 1280, height: 800 };

/** The matrix page: VS Code nests a webview's document in iframe#active-frame inside iframe.webview. */
function matrixFrame(page) {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
}

async function shot(page, name) {
  if (!screenshotDir) return;
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, name);
  await page.waitForTimeout(400);
  await page.screenshot({ path });
  log(TAG, `README screenshot: ${path}`);
}

export async function extraChecks(page, expect, { workspace, artifacts }) {
  const hostile = join(workspace, 'stories', HOSTILE_FILE);
  const dialogs = [];
  const onDialog = (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss().catch(() => {});
  };
  page.on('dialog', onDialog);
  try {
    if (screenshotDir) {
      await expect('README screenshots: tree and inline diagnostics', async () => {
        await page.setViewportSize(SCREENSHOT_VIEWPORT);
        await page.keyboard.press('Control+J'); // hide the panel so the editor has room
        await page.waitForTimeout(300);
        const view = coverageView(page);
        for (const title of ['Judgment with incomplete data', 'A failure you own', 'Leading without authority', 'Getting the team aligned']) {
          const row = view.locator('.monaco-list-row', { hasText: title }).first();
          if ((await row.getAttribute('aria-expanded')) === 'false') await row.click();
        }
        const squiggle = page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').last();
        await squiggle.hover({ force: true });
        await page
          .locator('.monaco-hover')
          .first()
          .waitFor({ state: 'visible', timeout: 10_000 })
          .catch(() => {});
        await shot(page, 'diagnostics.png');
        await page.mouse.move(5, 450);
        await page.keyboard.press('Escape');
        // Widen the side bar so the tree's descriptions (filters, time, last practice) show in full.
        const sash = await page.locator('.part.sidebar').first().boundingBox();
        if (sash) {
          const x = sash.x + sash.width;
          await page.mouse.move(x + 1, 400);
          await page.mouse.down();
          await page.mouse.move(x + 330, 400, { steps: 5 });
          await page.mouse.up();
          await page.mouse.move(900, 650);
        }
        await shot(page, 'tree.png');
        if (sash) {
          const x = sash.x + sash.width + 330;
          await page.mouse.move(x + 1, 400);
          await page.mouse.down();
          await page.mouse.move(x - 330, 400, { steps: 5 });
          await page.mouse.up();
          await page.mouse.move(900, 650);
        }
      });
    }

    await expect('Story Bank: Show Coverage Matrix opens a webview with a cell per story and question type', async () => {
      await runCommand(page, 'Story Bank: Show Coverage Matrix');
      await page.locator('.tabs-container .tab', { hasText: 'Coverage Matrix' }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
      const frame = matrixFrame(page);
      await frame.locator('table').waitFor({ timeout: STEP_TIMEOUT_MS });
      const rows = await frame.locator('tbody tr').count();
      const columns = await frame.locator('thead th[data-question]').count();
      const cells = await frame.locator('tbody td.cell').count();
      log(TAG, `matrix: ${rows} stories × ${columns} question types, ${cells} cells`);
      if (rows < 3 || columns !== 5 || cells !== rows * columns)
        throw new Error(`expected ≥3 rows × 5 columns of cells, saw ${rows} × ${columns}, ${cells} cells`);
      const ready = frame.locator(`tr:has-text("${STRONG_STORY.title}") td.cell.ready`).first();
      await ready.waitFor({ timeout: STEP_TIMEOUT_MS });
      const text = (await ready.innerText()).replace(/\s+/g, ' ').trim();
      if (!/^ready \d\/3$/.test(text)) throw new Error(`a ready cell should read "ready n/3", read ${JSON.stringify(text)}`);
      const weak = (await frame.locator('tr:has-text("Getting the team aligned") td.cell.claimed').first().innerText()).replace(/\s+/g, ' ').trim();
      if (!/^claimed \d\/3$/.test(weak)) throw new Error(`the weak story's cell should read "claimed n/3", read ${JSON.stringify(weak)}`);
      const color = await ready.evaluate((el) => getComputedStyle(el.querySelector('.state')).color);
      log(TAG, `ready cell: "${text}", state colour ${color}; weak cell: "${weak}"`);
    });

    await expect('a story titled <img src=x onerror=alert(1)> shows as text and runs nothing', async () => {
      writeFileSync(hostile, `---\ntitle: "${HOSTILE_TITLE}"\nquestions: [candor]\n---\n\n## Situation\n\nA title that tries to be HTML.\n`);
      const frame = matrixFrame(page);
      const row = frame.locator('tbody tr', { hasText: HOSTILE_TITLE });
      await row.first().waitFor({ timeout: STEP_TIMEOUT_MS }); // the matrix updated live from the file watcher
      const title = await row.first().locator('.title').innerText();
      if (title !== HOSTILE_TITLE) throw new Error(`expected the literal title as text, saw ${JSON.stringify(title)}`);
      const images = await frame.locator('img').count();
      if (images !== 0) throw new Error(`the story title became ${images} <img> element(s)`);
      await page.waitForTimeout(500);
      if (dialogs.length > 0) throw new Error(`a dialog opened: ${dialogs.join(' | ')}`);
      log(TAG, 'hostile title rendered as text; no <img>, no dialog');
      rmSync(hostile, { force: true });
      await row.first().waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
    });

    await expect('clicking a cell opens that story in an editor; screenshot saved', async () => {
      await page.screenshot({ path: join(artifacts, 'matrix.png') });
      if (!existsSync(join(artifacts, 'matrix.png'))) throw new Error('no matrix screenshot written');
      await shot(page, 'matrix.png');
      const frame = matrixFrame(page);
      await frame.locator(`tr:has-text("${STRONG_STORY.title}") td.cell.ready button`).first().click();
      await page.locator('.tabs-container .tab', { hasText: STRONG_STORY.file }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
      const active = (await page.locator('.editor-group-container.active .tab.active').first().innerText()).trim();
      if (!STRONG_STORY.file.startsWith(active.replace(/\s+.*$/s, ''))) throw new Error(`${STRONG_STORY.file} is not the active tab: ${active}`);
      log(TAG, `matrix screenshot: ${join(artifacts, 'matrix.png')}; clicked cell opened ${STRONG_STORY.file}`);
    });

    await expect('Story Bank: Practice a Question starts a countdown in the status bar', async () => {
      if (screenshotDir) await runCommand(page, 'View: Close All Editors');
      const countdown = page
        .locator('.statusbar-item', { hasText: /\b[0-2]:\d\d\b/ })
        .filter({ has: page.locator('.codicon-watch') })
        .first();
      for (let attempt = 0; attempt < 5; attempt++) {
        await runCommand(page, 'Story Bank: Practice a Question');
        await countdown.waitFor({ timeout: STEP_TIMEOUT_MS });
        // The story picker only appears when some story claims the drawn question; take it when it does.
        const picker = page.locator('.quick-input-widget input[placeholder^="Which story would you tell"]').first();
        const hasPicker = await picker.waitFor({ state: 'visible', timeout: 3000 }).then(
          () => true,
          () => false,
        );
        if (hasPicker) {
          if (screenshotDir) await shot(page, 'practice-pick.png');
          await page.keyboard.press('Enter');
          await page.locator('.tabs-container .tab', { hasText: '(outline)' }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
          break;
        }
        if (!screenshotDir) break;
      }
      const first = (await countdown.innerText()).trim();
      await page.waitForTimeout(2200);
      const later = (await countdown.innerText()).trim();
      log(TAG, `practice countdown: "${first}" → "${later}"`);
      if (first === later) throw new Error(`the countdown did not move: ${first}`);
      await shot(page, 'practice.png');
      await runCommand(page, 'Story Bank: Stop Practice');
      await page
        .locator('.statusbar-item', { hasText: 'Practice' })
        .filter({ has: page.locator('.codicon-mortar-board') })
        .first()
        .waitFor({ timeout: STEP_TIMEOUT_MS });
    });

    await expect('the getting-started walkthrough shows its four steps', async () => {
      await runCommand(page, 'Welcome: Open Walkthrough...');
      const item = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get Started with Story Bank' }).first();
      await item.waitFor({ timeout: STEP_TIMEOUT_MS });
      await item.click();
      const editor = page.locator('.gettingStartedContainer').first();
      for (const title of ['Create a bank', 'Write a first story from a template', "Read the three filters' findings", 'Check coverage and practise']) {
        await editor.locator('.step-title', { hasText: title }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
      }
      log(TAG, 'walkthrough: four steps shown');
      await runCommand(page, 'View: Close All Editors');
    });
  } finally {
    page.off('dialog', onDialog);
    rmSync(hostile, { force: true });
  }
}
