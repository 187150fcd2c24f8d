/**
 * The Japanese site in a real browser: Japanese text is drawn with a real
 * font, search finds Japanese words, and a Japanese lab page runs Check.
 * Tests wait for events and text, never for fixed times.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, type Site } from '../../scripts/lib/site';
import { check, typeFile, waitForVm } from './lab-page';

const solution = readFileSync(path.resolve(__dirname, '../../labs/00-playground/solution/hello.c'), 'utf8');
/** Per-test guard against hangs on a loaded machine. */
const TEST_MS = 240_000;

let site: Site;

beforeAll(async () => {
  site = await openSite();
});

afterAll(() => site?.close());

async function open(url: string): Promise<Page> {
  const page = await site.browser.newPage();
  await page.goto(site.url + url);
  await page.waitForSelector('html[data-has-hydrated="true"]');
  return page;
}

/**
 * Whether the page's font draws `a` and `b` differently. Without a CJK font,
 * Chromium draws every Japanese character as the same empty box.
 */
function drawsDistinctGlyphs(page: Page, a: string, b: string): Promise<boolean> {
  return page.evaluate(
    ([x, y]: [string, string]) => {
      const family = getComputedStyle(document.querySelector('.markdown') ?? document.body).fontFamily;
      const pixels = (text: string) => {
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = 64;
        const ctx = canvas.getContext('2d');
        if (!ctx) throw new Error('no 2d canvas');
        ctx.font = `48px ${family}`;
        ctx.fillText(text, 4, 52);
        return Array.from(ctx.getImageData(0, 0, 64, 64).data).join(',');
      };
      return pixels(x) !== pixels(y);
    },
    [a, b] as [string, string],
  );
}

describe('Japanese chapter pages', () => {
  it('are Japanese, with the Japanese font stack and real glyphs', async () => {
    const page = await open('/ja/book/auxiliary-tasks/');
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    expect(await page.locator('article h1').textContent()).toMatch(/補助タスク/);
    const family = await page
      .locator('.markdown')
      .first()
      .evaluate((el) => getComputedStyle(el).fontFamily);
    expect(family).toMatch(/Hiragino Sans.*Yu Gothic.*Meiryo.*Noto Sans JP/);
    expect(await drawsDistinctGlyphs(page, '観', '測')).toBe(true);
    await page.close();
  });

  it('finds Japanese words with the local search', async () => {
    const page = await open('/ja/');
    await page.getByRole('textbox', { name: 'Search' }).click();
    await page.keyboard.type('観測性');
    const suggestions = page.getByRole('listbox');
    await expect.poll(() => suggestions.textContent(), { timeout: 15_000 }).toContain('観測性');
    await page.close();
  });
});

describe('Japanese lab page', () => {
  it(
    'shows the lab in Japanese and checks the solution',
    async () => {
      const page = await open('/ja/book/lab-playground/');
      await page.locator('section[data-lab="00-playground"]', { hasText: 'ラボ: プレイグラウンド' }).waitFor();
      await waitForVm(page);
      await typeFile(page, solution);
      const { caption } = await check(page, 60_000, { button: 'チェック', table: 'テスト結果' });
      expect(caption).toBe('チェック: 10 点中 10 点');
      const results = page.getByRole('table', { name: 'テスト結果' });
      expect(await results.textContent()).toContain('orbit 向けのあいさつを表示する');
      expect(await results.textContent()).toContain('✓ 合格');
      await page.close();
    },
    TEST_MS,
  );
});
