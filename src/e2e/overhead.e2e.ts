/**
 * Lab 3's plots in a real browser: the production build served locally,
 * the quick set of the harness run in the page's VM on the starter code,
 * and both plots drawn from that run (as many median points as the
 * harness printed configurations, and the table of medians beside them),
 * then drawn again from a second run.
 * The test waits for the VM and the run's end, never for fixed times.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, type Site } from '../../scripts/lib/site';

const LAB_PAGE = '/book/lab-overhead/';
const VM_READY_MS = 120_000;
/** The quick set takes about a minute in Node's VM; Chromium on a loaded host is slower. */
const RUN_MS = 1_200_000;
/** What --quick runs (labs/03-overhead/starter/harness.c): 4 modes x 4 frequencies; 2 modes x 3 sizes x 2 dirty shares. */
const OVERHEAD_POINTS = 16;
const LATENCY_POINTS = 12;

let site: Site;

beforeAll(async () => {
  site = await openSite();
});

afterAll(() => site?.close());

describe('lab 3 plots', () => {
  it(
    'runs the quick set on the page and draws both plots from it',
    async () => {
      const context = await site.browser.newContext();
      const page = await context.newPage();
      await page.goto(site.url + LAB_PAGE);
      await page.locator('[data-vm-state=ready]').waitFor({ timeout: VM_READY_MS });
      const run = page.getByRole('button', { name: 'Run the quick set' });
      await expect.poll(() => run.isEnabled(), { timeout: 30_000 }).toBe(true);
      await run.click();
      const plots = page.locator('[data-plots-state]');
      await page.locator('[data-plots-state=done], [data-plots-state=error]').waitFor({ timeout: RUN_MS });
      expect(await plots.getAttribute('data-plots-state'), await page.getByRole('status').last().innerText()).toBe(
        'done',
      );

      const overhead = page.locator('[data-plot=overhead]');
      const latency = page.locator('[data-plot=latency]');
      await expect.poll(() => overhead.getAttribute('data-points')).toBe(String(OVERHEAD_POINTS));
      await expect.poll(() => latency.getAttribute('data-points')).toBe(String(LATENCY_POINTS));
      // Observable Plot draws SVG: the samples and the medians are circles, the axes carry the labels.
      expect(await overhead.locator('svg circle').count()).toBeGreaterThanOrEqual(OVERHEAD_POINTS);
      expect(await latency.locator('svg circle').count()).toBeGreaterThanOrEqual(LATENCY_POINTS);
      // The legend has small SVGs of its own; the chart is the one with the ARIA label.
      expect(await overhead.locator('[aria-label*="call frequency"]').count()).toBeGreaterThanOrEqual(1);
      expect(await latency.locator('[aria-label*="pool size"]').count()).toBeGreaterThanOrEqual(1);
      expect(await page.locator('table[data-rows]').last().getAttribute('data-rows')).toBe(
        String(OVERHEAD_POINTS + 4 + LATENCY_POINTS),
      );

      // A second run replaces both figures (the old ones are marked, then gone).
      await page.locator('[data-plot] > *').evaluateAll((els) => els.forEach((e) => e.setAttribute('data-old', '')));
      await run.click();
      await page.locator('[data-plots-state=running]').waitFor();
      await page.locator('[data-plots-state=done], [data-plots-state=error]').waitFor({ timeout: RUN_MS });
      await expect.poll(() => page.locator('[data-plot] [data-old]').count()).toBe(0);
      expect(await overhead.locator('svg circle').count()).toBeGreaterThanOrEqual(OVERHEAD_POINTS);
      await context.close();
    },
    2 * RUN_MS + VM_READY_MS + 60_000,
  );
});
