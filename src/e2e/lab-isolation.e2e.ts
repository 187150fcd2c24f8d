/**
 * Lab 2's page in a real browser: with the solution in the editor, "Run the
 * matrix" fills the table from a run in the page's VM, one row per cell, and
 * the cells say what the paper predicts. Needs the workspace to mount
 * <PublishLabSession> (see src/components/LabResults/PublishLabSession.tsx).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/browser';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server';

const PAGE = '/book/lab-isolation/';
const solution = readFileSync(path.resolve(__dirname, '../../labs/02-isolation/solution/orbit_mode.c'), 'utf8');
/** 27 cells of about 3 s each, plus a hung one bounded to 8 s, on a slow machine. */
const MATRIX_MS = 900_000;

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  server = await serveStatic(process.env.ORBIT_BUILD_DIR ?? 'build');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Pastes `text` over the active editor file. */
async function paste(page: Page, text: string): Promise<void> {
  await page.locator('[data-testid=code-editor] .view-lines').click();
  await page.keyboard.press('Control+A');
  await page.locator('[data-testid=code-editor] textarea').evaluate((area, pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** The table's rows as "mode fault survived intact aux" strings. */
async function cells(page: Page): Promise<string[]> {
  return page
    .locator('[data-rows] tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => [0, 1, 2, 3, 7].map((i) => (r.children[i]?.textContent ?? '').replace(/^[✓◐✗] /, '')).join(' ')),
    );
}

describe('lab 2 matrix', () => {
  it(
    'is empty before a run and filled by one',
    async () => {
      const page = await browser.newPage();
      await page.goto(server.url + PAGE);
      expect(await page.locator('[data-rows]').getAttribute('data-rows')).toBe('0');
      await page.locator('[data-testid=code-editor] .view-lines').waitFor({ timeout: 60_000 });
      await paste(page, solution);
      const run = page.getByRole('button', { name: 'Run the matrix' });
      await expect.poll(() => run.isEnabled(), { timeout: 120_000 }).toBe(true);
      await run.click();
      await page.locator('[data-results-state=done]').waitFor({ timeout: MATRIX_MS });
      const rows = await cells(page);
      expect(rows).toHaveLength(27);
      expect(rows).toContain('thread null died SEGV - lost');
      expect(rows).toContain('thread wild yes no stale');
      for (const row of rows.filter((r) => r.startsWith('orbit '))) expect(row).toMatch(/ yes yes useful$/);
      await page.close();
    },
    MATRIX_MS + 180_000,
  );
});
