/**
 * The site in a real browser: the production build served locally and
 * driven in headless Chromium with the keyboard, as a reader would.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, type Site } from '../../scripts/lib/site';

let site: Site;

beforeAll(async () => {
  site = await openSite();
});

afterAll(() => site?.close());

async function open(path: string): Promise<Page> {
  const page = await site.browser.newPage();
  await page.goto(site.url + path);
  await page.waitForSelector('html[data-has-hydrated="true"]');
  return page;
}

/** Answers a single-answer quiz by keyboard, trying options until the status says it is right. */
async function answerByKeyboard(page: Page, question: string): Promise<number> {
  const quiz = page.locator('section', { has: page.locator('legend', { hasText: question }) });
  const status = quiz.getByRole('status');
  const count = await quiz.locator('input').count();
  for (let i = 0; i < count; i++) {
    await quiz.locator('input').nth(i).focus();
    await page.keyboard.press('Space');
    await quiz.getByRole('button', { name: 'Check answer' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => status.textContent()).not.toBe('');
    if ((await status.textContent())?.startsWith('Correct')) return i;
    expect(await status.textContent()).toMatch(/^Not quite/);
    await quiz.getByRole('button', { name: 'Try again' }).focus();
    await page.keyboard.press('Enter');
  }
  throw new Error(`no option of "${question}" was accepted`);
}

describe('chapter page', () => {
  it('grades a quiz operated by keyboard and announces the result', async () => {
    const page = await open('/book/auxiliary-tasks/');
    await answerByKeyboard(page, 'Why did MySQL add a switch');
    const quiz = page.locator('section', { has: page.locator('legend', { hasText: 'Why did MySQL add a switch' }) });
    expect(await quiz.locator('p[class*=explanation]').count()).toBeGreaterThan(1);
    await page.close();
  });

  it('keeps read marks and quiz results across reloads and shows them on the progress page', async () => {
    const page = await open('/book/dilemma/');
    await page.getByRole('button', { name: 'Mark this chapter as read' }).click();
    await page.reload();
    await page.waitForSelector('html[data-has-hydrated="true"]');
    await expect.poll(() => page.getByRole('button', { name: '✓ Marked as read' }).count()).toBe(1);
    expect(await page.locator('nav a[aria-label$="(read)"]').count()).toBe(1);

    await page.goto(site.url + '/progress/');
    await page.waitForSelector('html[data-has-hydrated="true"]');
    const row = page.locator('tr', { hasText: 'isolation-observability dilemma' });
    await expect.poll(() => row.locator('td').nth(1).textContent()).toBe('✓');
    await expect.poll(() => page.locator('[aria-live]').first().textContent()).toMatch(/^1 of \d+ chapters read/);

    await page.getByRole('button', { name: 'Reset my progress' }).click();
    await page.getByRole('button', { name: 'Yes, reset' }).click();
    await expect.poll(() => row.locator('td').nth(1).textContent()).toBe('–');
    await page.close();
  });

  it('warns before it opens a solution', async () => {
    const page = await open('/book/auxiliary-tasks/');
    const show = page.getByRole('button', { name: 'Show solution' }).first();
    const region = page.locator('[class*=solution]').first();
    await show.click();
    await page.getByRole('alertdialog').first().waitFor();
    expect(await region.locator('[class*=body]').isHidden()).toBe(true);
    await page.getByRole('button', { name: 'Yes, show it' }).click();
    await region.locator('[class*=body]').waitFor({ state: 'visible' });
    await page.close();
  });

  it('shows a listing included from a real source file', async () => {
    const page = await open('/book/auxiliary-tasks/');
    const listing = page.locator('div[class*=codeBlockContainer]', {
      hasText: 'labs/11-watchdog-thread/starter/watchdog-thread.c',
    });
    expect(await listing.count()).toBeGreaterThan(0);
    expect(await listing.first().textContent()).not.toContain('ANCHOR');
    await page.close();
  });
});

describe('Japanese locale', () => {
  it('serves the landing page and theme strings in Japanese', async () => {
    const page = await open('/ja/');
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    expect(await page.locator('h1').textContent()).toMatch(/[\u3040-\u30ff\u4e00-\u9faf]/);
    expect(await page.locator('nav').first().textContent()).toContain('日本語');
    await page.close();
  });
});

describe('offline search', () => {
  it('finds a chapter from the local index', async () => {
    const page = await open('/');
    await page.getByRole('textbox', { name: 'Search' }).click();
    await page.keyboard.type('deadlock');
    const suggestions = page.getByRole('listbox');
    await expect.poll(() => suggestions.textContent(), { timeout: 15_000 }).toContain('Auxiliary tasks');
    await page.close();
  });
});
