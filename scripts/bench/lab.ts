/**
 * The lab in headless Chromium against the production build: navigation to
 * a ready VM with a cold and a warm browser cache, Run click to program
 * output, and the gzip JavaScript weight of a chapter without a lab and of
 * the lab page. Several runs, medians; never pass/fail.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openSite } from '../lib/site';

const LAB_PAGE = '/book/lab-playground/';
const CHAPTER_PAGE = '/book/auxiliary-tasks/';
const RUNS = 3;
const solution = readFileSync('labs/00-playground/solution/hello.c', 'utf8');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)] ?? NaN);
}

/** The VM answering on a lab page. */
const VM_READY = '[data-vm-state=ready]';
/** Docusaurus has hydrated the page. */
const HYDRATED = 'html[data-has-hydrated=true]';

/** Milliseconds from navigation start to `selector` showing on `url`; the page stays open. */
async function timeTo(context: BrowserContext, url: string, selector: string): Promise<{ ms: number; page: Page }> {
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(url);
  await page.locator(selector).waitFor({ timeout: 120_000 });
  return { ms: Date.now() - t0, page };
}

/**
 * Milliseconds from navigation to a hydrated chapter without a lab (warm cache):
 * the floor under the lab's ready time on this machine, reported next to it.
 */
async function timeToHydrated(context: BrowserContext, url: string): Promise<number> {
  const { ms, page } = await timeTo(context, url, HYDRATED);
  await page.close();
  return ms;
}

/** Milliseconds from the Run click to the program's output in the terminal. */
async function runToOutput(page: Page): Promise<number> {
  const workspace = page.locator('[data-runs]');
  const before = Number(await workspace.getAttribute('data-runs'));
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Run' }).click();
  await page.locator(`[data-runs="${before + 1}"]`).waitFor({ timeout: 60_000 });
  const ms = Date.now() - t0;
  const text = await page.locator('[data-testid=terminal] .xterm-rows').innerText();
  if (!text.includes('Hello, orbit!')) throw new Error(`Run did not print the greeting; the terminal shows: ${text}`);
  return ms;
}

/** Gzip KB of every script `url` loads, once `ready` resolves. */
async function jsWeight(browser: Browser, buildDir: string, url: string, ready: (p: Page) => Promise<void>) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts = new Set<string>();
  page.on('response', (r) => {
    const type = r.request().resourceType();
    const url = new URL(r.url());
    // Prefetches of linked pages are not this page's weight; the Monaco worker is a .js of type "other".
    const prefetch = /prefetch/.test(r.request().headers()['sec-purpose'] ?? r.request().headers()['purpose'] ?? '');
    const js = type === 'script' || url.pathname.endsWith('.js');
    if (url.protocol.startsWith('http') && js && !prefetch && r.ok()) {
      scripts.add(url.pathname);
    }
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await ready(page);
  let bytes = 0;
  for (const s of scripts) bytes += gzipSync(readFileSync(path.join(buildDir, s)), { level: 9 }).length;
  await context.close();
  return { scripts: scripts.size, jsGzipKB: Math.round(bytes / 102.4) / 10 };
}

export async function benchLab(buildDir: string) {
  const site = await openSite(buildDir);
  const { browser, url } = site;
  try {
    const cold: number[] = [];
    const warm: number[] = [];
    const run: number[] = [];
    const chapterHydrated: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      await timeToHydrated(context, url + CHAPTER_PAGE); // fills the cache
      chapterHydrated.push(await timeToHydrated(context, url + CHAPTER_PAGE));
      const first = await timeTo(context, url + LAB_PAGE, VM_READY);
      cold.push(first.ms);
      await first.page.close();
      const second = await timeTo(context, url + LAB_PAGE, VM_READY);
      warm.push(second.ms);
      await second.page.locator('[data-testid=code-editor] .view-lines').click();
      await second.page.keyboard.press('Control+A');
      await second.page.locator('[data-testid=code-editor] textarea').evaluate((area, pasted) => {
        const data = new DataTransfer();
        data.setData('text/plain', pasted);
        area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      }, solution);
      await runToOutput(second.page); // the first run also compiles tcc's caches in
      for (let j = 0; j < RUNS; j++) run.push(await runToOutput(second.page));
      await context.close();
    }
    const chapter = await jsWeight(browser, buildDir, url + CHAPTER_PAGE, async () => undefined);
    // Monaco loads once the VM answers: wait for both, so the weight counts everything the lab loads.
    const lab = await jsWeight(browser, buildDir, url + LAB_PAGE, async (p) => {
      await p.locator(VM_READY).waitFor({ timeout: 120_000 });
      await p.locator('[data-testid=code-editor] .monaco-editor').waitFor({ timeout: 60_000 });
      await p.waitForLoadState('networkidle');
    });
    return {
      goals: { warmReadyMs: 1000, runToOutputMs: 600, chapterJsGzipKB: 300 },
      coldReadyMs: median(cold),
      warmReadyMs: median(warm),
      // A chapter without a lab, warm cache, to hydration: what any page costs here before a VM.
      chapterHydratedMs: median(chapterHydrated),
      runToOutputMs: median(run),
      samples: { cold, warm, run, chapterHydrated },
      chapterPage: { page: CHAPTER_PAGE, ...chapter },
      labPage: { page: LAB_PAGE, ...lab },
    };
  } finally {
    await site.close();
  }
}
