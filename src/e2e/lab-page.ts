/**
 * Driving a lab page in the production build as a student would: open it,
 * wait for its VM, paste files into the editor, press Check and read the
 * report, read the terminal. Shared by every browser test (src/e2e/); each
 * helper waits for an event or a text, never for a fixed time.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { GradeReport } from '../grader';

/** Restoring the saved VM state downloads and starts the image: slow on a loaded machine. */
export const VM_READY_MS = 90_000;

const EDITOR = '[data-testid=code-editor] .view-lines';
/** Monaco is a lazily loaded chunk of several MB: it can take a while on a loaded machine. */
const EDITOR_MS = 90_000;

/** Opens `url` in a new page of `owner` and waits for the lab's editor (not the VM). */
export async function openLab(owner: Browser | BrowserContext, url: string): Promise<Page> {
  const page = await owner.newPage();
  await page.goto(url);
  await page.locator(EDITOR).waitFor({ timeout: EDITOR_MS });
  return page;
}

/** Waits until the lab's VM is ready (Run and Check are enabled then). */
export async function waitForVm(page: Page, timeout = VM_READY_MS): Promise<void> {
  await page.locator('[data-vm-state=ready]').waitFor({ timeout });
}

/** The visible text of the editor (Monaco renders spaces as U+00A0). */
export async function editorText(page: Page): Promise<string> {
  const text = await page.locator(EDITOR).innerText();
  return text.replace(/\u00a0/g, ' ');
}

/**
 * The terminal's text, from its rows. xterm.js does not render while the terminal is out of
 * view (the playground page's sits below the fold), so it is scrolled into view first.
 */
export async function terminalText(page: Page): Promise<string> {
  await page.locator('[data-testid=terminal]').scrollIntoViewIfNeeded();
  return (await page.locator('[data-testid=terminal] .xterm-rows').innerText()).replace(/\u00a0/g, ' ');
}

/** Replaces the whole text of the active file: select all, then paste (typing would auto-indent). */
export async function typeFile(page: Page, text: string): Promise<void> {
  await page.locator(EDITOR).click();
  await page.keyboard.press('Control+A');
  await page.locator('[data-testid=code-editor] textarea').evaluate((area, pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/**
 * Opens each file's tab and pastes its text over it, then waits until the editor shows the
 * last line that has text of each file (Monaco shows the lines in view; a file's end is
 * in view right after the paste).
 */
export async function pasteFiles(page: Page, files: Record<string, string>): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    await page.getByRole('tab', { name: file, exact: true }).click();
    await typeFile(page, text);
    const last = text.trimEnd().split('\n').at(-1)?.trim() ?? '';
    await page.waitForFunction(
      ([selector, line]) =>
        (document.querySelector(selector)?.textContent ?? '').replace(/\u00a0/g, ' ').includes(line),
      [EDITOR, last] as const,
    );
  }
}

/** What the page's last Check showed: the table's caption and the report it carries. */
export interface CheckResult {
  caption: string;
  report: GradeReport;
}

/** Labels of the Check button and of its results table; the Japanese site passes its own. */
export interface CheckLabels {
  button: string;
  table: string;
}

const ENGLISH: CheckLabels = { button: 'Check', table: 'Test results' };

/**
 * Presses Check and waits until it has ended (the workspace is busy with it meanwhile), then
 * reads its results table; a Check that failed shows an alert instead, which is thrown.
 */
export async function check(page: Page, timeout: number, labels: CheckLabels = ENGLISH): Promise<CheckResult> {
  await page.getByRole('button', { name: labels.button, exact: true }).click();
  await page.locator('[data-busy=check]').waitFor({ state: 'attached', timeout: 10_000 });
  await page.locator('[data-busy=check]').waitFor({ state: 'detached', timeout });
  const results = page.getByRole('table', { name: labels.table });
  if ((await results.count()) === 0) {
    throw new Error(`Check showed no results: ${await page.getByRole('alert').allTextContents()}`);
  }
  const report = JSON.parse((await results.getAttribute('data-report')) ?? '{}') as GradeReport;
  return { caption: (await results.locator('caption').textContent()) ?? '', report };
}
