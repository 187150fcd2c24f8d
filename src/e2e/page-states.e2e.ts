/**
 * Chapter 5's live figure in a real browser: the production build served
 * locally; the reader presses the button, page-states runs in the page's VM
 * as root, and the page draws each step's marks. Waits for the figure's
 * state and for elements, never for fixed times.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, type Site } from '../../scripts/lib/site';

const CHAPTER = '/book/snapshots/';
/** Restoring the VM and compiling in it on a loaded machine; the test waits for the state, not for time. */
const RUN_MS = 300_000;
const TEST_MS = 420_000;

let site: Site;

beforeAll(async () => {
  site = await openSite();
});

afterAll(() => site?.close());

/** The marks of one side at one step, in page order, as the grid draws them. */
async function marks(page: Page, step: string, side: 'main' | 'orbit'): Promise<string> {
  const cells = page.locator(`li[data-step="${step}"] g[data-side=${side}]`);
  const all = await cells.evaluateAll((gs) => gs.map((g) => `${g.getAttribute('data-mark')}:${g.textContent}`));
  return all.join(' ');
}

describe("chapter 5's live figure", () => {
  it(
    'shows the button and the legend before any VM runs, and no grid',
    async () => {
      const html = await (await fetch(site.url + CHAPTER)).text();
      expect(html).toContain('Run page-states in the VM');
      expect(html).toContain('shared zero page');
      expect(html).not.toContain('data-page-states=');
    },
    TEST_MS,
  );

  it(
    'runs page-states in the VM on a press and draws every step from the kernel’s records',
    async () => {
      const page = await site.browser.newPage();
      await page.goto(site.url + CHAPTER);
      await page.waitForSelector('html[data-has-hydrated="true"]');
      const button = page.getByRole('button', { name: 'Run page-states in the VM' });
      await button.scrollIntoViewIfNeeded();
      await button.click();
      const figure = page.locator('[data-page-states]');
      await figure.waitFor({ timeout: 30_000 });
      await page.locator('[data-page-states=done], [data-page-states=error]').waitFor({ timeout: RUN_MS });
      expect(await figure.getAttribute('data-page-states'), (await figure.textContent()) ?? '').toBe('done');

      const steps = await page.locator('li[data-step]').evaluateAll((li) => li.map((l) => l.getAttribute('data-step')));
      expect(steps).toEqual([
        'after orbit_create (a fork)',
        'after a call',
        'after main writes pages 0-2',
        'after the next call',
      ]);
      const shared6 = 'shared:S '.repeat(6);
      expect(await marks(page, 'after orbit_create (a fork)', 'main')).toBe(`${shared6}absent:– absent:–`);
      expect(await marks(page, 'after orbit_create (a fork)', 'orbit')).toBe(`${shared6}absent:– absent:–`);
      expect(await marks(page, 'after a call', 'orbit')).toBe(`${shared6}zero:Z zero:Z`);
      expect(await marks(page, 'after main writes pages 0-2', 'main')).toBe(
        'new:N new:N new:N shared:S shared:S shared:S absent:– absent:–',
      );
      expect(await marks(page, 'after main writes pages 0-2', 'orbit')).toBe(
        'copied:C copied:C copied:C shared:S shared:S shared:S zero:Z zero:Z',
      );
      expect(await marks(page, 'after the next call', 'main')).toBe(`${shared6}absent:– absent:–`);
      expect(await marks(page, 'after the next call', 'orbit')).toBe(`${shared6}zero:Z zero:Z`);

      // The text alternative: a table per step, with main's new frame and the orbit's kept one.
      const write = page.locator('li[data-step="after main writes pages 0-2"]');
      await write.getByText('Frames and marks as a table').click();
      const row = write.locator('tbody tr').first();
      expect(await row.textContent()).toMatch(/^0\s*0x[0-9a-f]+ \(×1\), new0x[0-9a-f]+ \(×1\), copied$/);

      // A second press runs the program again in the same VM and draws all four steps anew.
      await page.getByRole('button', { name: 'Run it again' }).click();
      await page.locator('[data-page-states=running]').waitFor({ timeout: 30_000 });
      await page.locator('[data-page-states=done], [data-page-states=error]').waitFor({ timeout: RUN_MS });
      expect(await figure.getAttribute('data-page-states')).toBe('done');
      expect(await page.locator('li[data-step]').count()).toBe(4);
      expect(await marks(page, 'after main writes pages 0-2', 'main')).toMatch(/^new:N new:N new:N shared:S/);
      await page.close();
    },
    TEST_MS,
  );

  it(
    'says clearly when the VM cannot start, and offers to try again',
    async () => {
      const page = await site.browser.newPage();
      await page.route('**/vm/state.bin.xz', (route) => route.abort());
      await page.goto(site.url + CHAPTER);
      await page.waitForSelector('html[data-has-hydrated="true"]');
      await page.getByRole('button', { name: 'Run page-states in the VM' }).click();
      await page.locator('[data-page-states=error]').waitFor({ timeout: RUN_MS });
      const alert = page.locator('[data-page-states=error] [role=alert]');
      expect(await alert.textContent()).toMatch(/^The VM could not start: ./);
      expect(await page.getByRole('button', { name: 'Try to start the VM again' }).isVisible()).toBe(true);
      expect(await page.locator('li[data-step]').count()).toBe(0);
      await page.close();
    },
    TEST_MS,
  );
});
