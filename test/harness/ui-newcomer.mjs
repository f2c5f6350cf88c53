// UI checks for what a newcomer saw in the installed extension (issue 10): the sidebar title and the tree's
// verdicts fit the default width, New Story's prompt reads as English, and the hover on a question id shows
// its whole answer shape. Run by run-ui.mjs in the same workbench, at its default window size.
import { log } from './codeServer.mjs';
import { STEP_TIMEOUT_MS, TAG, quickOpen, runCommand } from './ui-page.mjs';

/** True when the element's text is cut (ellipsis or clipped). */
function isCut(locator) {
  return locator.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
}

export async function newcomerChecks(page, expect) {
  await expect('the sidebar title fits, and every story row shows its verdict first', async () => {
    await page.keyboard.press('Escape');
    await runCommand(page, 'Story Bank: Show Question Coverage'); // opens the side bar if it is closed
    const sidebar = page.locator('.part.sidebar').first();
    const title = sidebar.locator('.composite.title .title-label h2').first();
    await title.waitFor({ timeout: STEP_TIMEOUT_MS });
    const text = (await title.innerText()).trim();
    const width = (await sidebar.boundingBox())?.width;
    log(TAG, `sidebar title "${text}" at a ${width}px side bar`);
    if (await isCut(title)) throw new Error(`the sidebar title is cut: "${text}"`);
    // Question rows end with their short count: "1/2 ready".
    const counts = await sidebar.locator('.monaco-list-row[aria-level="1"] .label-description').allInnerTexts();
    if (counts.length < 5 || !counts.every((count) => /^\d+\/\d+ ready$/.test(count.trim()))) throw new Error(`question row counts: ${JSON.stringify(counts)}`);
    // Expand the judgment row: its stories say "ready" or what they need before anything else.
    const row = sidebar.locator('.monaco-list-row', { hasText: 'Judgment with incomplete data' }).first();
    if ((await row.getAttribute('aria-expanded')) === 'false') await row.click();
    const story = sidebar.locator('.monaco-list-row[aria-level="2"]').first();
    await story.waitFor({ timeout: STEP_TIMEOUT_MS });
    const description = (await story.locator('.label-description').innerText()).trim();
    log(TAG, `first story row: ${JSON.stringify((await story.innerText()).replace(/\s+/g, ' '))}`);
    if (!/^(ready|needs [a-z, ]+) · \d+:\d\d/.test(description)) throw new Error(`a story row should start with its verdict, read "${description}"`);
  });

  await expect('New Story asks for the title of a "New story: <question>" in plain words', async () => {
    await runCommand(page, 'Story Bank: New Story');
    const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: 'A failure you own' }).first();
    await pick.waitFor({ timeout: STEP_TIMEOUT_MS });
    const heading = page.locator('.quick-input-widget .quick-input-title').first();
    const pickerTitle = (await heading.innerText()).trim();
    await pick.click();
    // The same widget shows the next step: wait until its title is no longer the question picker's.
    await page.waitForFunction(
      (previous) => {
        const title = document.querySelector('.quick-input-widget .quick-input-title');
        return title && title.textContent.trim() !== '' && title.textContent.trim() !== previous;
      },
      pickerTitle,
      { timeout: STEP_TIMEOUT_MS },
    );
    const text = (await heading.innerText()).trim();
    log(TAG, `New Story input title: "${text}"`);
    await page.keyboard.press('Escape');
    if (text !== 'New story: A failure you own') throw new Error(`the input box title reads "${text}"`);
  });

  await expect('hovering a question id shows its whole answer shape, without scrolling', async () => {
    await quickOpen(page, 'pricing-test.md');
    const editor = page.locator('.editor-group-container.active .monaco-editor').first();
    const id = editor.locator('.view-line span', { hasText: /^disagree-commit$|disagree-commit/ }).first();
    await id.waitFor({ timeout: STEP_TIMEOUT_MS });
    const box = await id.boundingBox();
    // Aim at the id itself: in "[judgment, disagree-commit]" it is the last word before "]".
    const text = await id.innerText();
    const at = text.indexOf('disagree-commit');
    const x = box.x + (box.width * (at + 4)) / Math.max(text.length, 1);
    await page.mouse.move(x, box.y + box.height / 2);
    const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'Answer shape' }).first();
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    await page.waitForTimeout(500);
    const parts = await hover.locator('.hover-row').allInnerTexts();
    log(TAG, `hover parts: ${parts.map((p) => JSON.stringify(p.replace(/\s+/g, ' ').slice(0, 80))).join(' | ')}`);
    const scrolled = await hover.evaluate((el) => {
      const content = el.querySelector('.monaco-hover-content') ?? el;
      return { scrollHeight: content.scrollHeight, clientHeight: content.clientHeight };
    });
    const ours = hover.locator('.hover-row', { hasText: 'Answer shape' }).first();
    const steps = ((await ours.innerText()).match(/\b\d\. /g) ?? []).length;
    const last = await ours.boundingBox();
    const frame = await hover.boundingBox();
    log(
      TAG,
      `hover: ${steps} answer-shape steps; content ${scrolled.scrollHeight}px in ${scrolled.clientHeight}px; last step at ${last && Math.round(last.y + last.height)}, hover ends at ${frame && Math.round(frame.y + frame.height)}`,
    );
    await page.screenshot({ path: '.test-artifacts/ui/hover.png' }).catch(() => {});
    await page.mouse.move(5, 450);
    await page.keyboard.press('Escape');
    if (steps < 4) throw new Error(`the hover lists ${steps} answer-shape steps`);
    if (scrolled.scrollHeight > scrolled.clientHeight + 1)
      throw new Error(`the hover scrolls: ${scrolled.scrollHeight}px of content in ${scrolled.clientHeight}px`);
    if (!last || !frame || last.y + last.height > frame.y + frame.height + 1) throw new Error('the answer shape is cut off');
  });
}
