/**
 * The lab in headless Chromium against the production build: navigation to
 * a ready VM with a cold and a warm browser cache, Run click to program
 * output with the page's compiler and with the VM's (the page's blocked, so
 * Run falls back), the compile alone in the Worker, the compiler's download
 * size, and the gzip JavaScript weight of a chapter without a lab and of
 * the lab page. Several runs, medians; never pass/fail.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
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
/** The page's compiler loaded (tcc.wasm and the sysroot in its Worker). */
const COMPILER_READY = '[data-compiler=ready]';
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

/** Replaces the lab's file in the editor with the playground's solution. */
async function pasteSolution(page: Page): Promise<void> {
  await page.locator('[data-testid=code-editor] .view-lines').click();
  await page.keyboard.press('Control+A');
  await page.locator('[data-testid=code-editor] textarea').evaluate((area, pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, solution);
}

/** Run to output with the VM's compiler: a context where static/tcc/ cannot load, so Run falls back. */
async function guestRuns(browser: Browser, url: string, runs: number[]): Promise<void> {
  const context = await browser.newContext();
  await context.route('**/tcc/**', (route) => route.abort());
  const { page } = await timeTo(context, url + LAB_PAGE, VM_READY);
  await page.locator('[data-compiler=error]').waitFor({ timeout: 60_000 });
  await pasteSolution(page);
  await runToOutput(page);
  const text = await page.locator('[data-testid=terminal] .xterm-rows').innerText();
  if (!/compiler did not load/.test(text)) throw new Error('Run did not say that it fell back to the VM');
  for (let j = 0; j < RUNS; j++) runs.push(await runToOutput(page));
  await context.close();
}

/** KB of the compiler's files (static/tcc/ in the build) as served with gzip and with brotli. */
function compilerSize(buildDir: string) {
  let gzip = 0;
  let brotli = 0;
  for (const name of ['tcc.mjs', 'tcc.wasm', 'sysroot.tar.xz', 'manifest.json']) {
    const bytes = readFileSync(path.join(buildDir, 'tcc', name));
    const quality = { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } };
    gzip += Math.min(bytes.length, gzipSync(bytes, { level: 9 }).length);
    brotli += Math.min(bytes.length, brotliCompressSync(bytes, quality).length);
  }
  return { gzipKB: Math.round(gzip / 102.4) / 10, brotliKB: Math.round(brotli / 102.4) / 10 };
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
    const guestRun: number[] = [];
    const compile: number[] = [];
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
      await second.page.locator(COMPILER_READY).waitFor({ timeout: 60_000 });
      await pasteSolution(second.page);
      await runToOutput(second.page); // the first run also compiles tcc's caches in
      for (let j = 0; j < RUNS; j++) {
        run.push(await runToOutput(second.page));
        compile.push(Number(await second.page.locator('[data-compile-ms]').getAttribute('data-compile-ms')));
      }
      await context.close();
      await guestRuns(browser, url, guestRun);
    }
    const chapter = await jsWeight(browser, buildDir, url + CHAPTER_PAGE, async () => undefined);
    // Monaco loads once the VM answers: wait for both, so the weight counts everything the lab loads.
    const lab = await jsWeight(browser, buildDir, url + LAB_PAGE, async (p) => {
      await p.locator(VM_READY).waitFor({ timeout: 120_000 });
      await p.locator('[data-testid=code-editor] .monaco-editor').waitFor({ timeout: 60_000 });
      await p.waitForLoadState('networkidle');
    });
    return {
      goals: { warmReadyMs: 1000, runToOutputMs: 350, chapterJsGzipKB: 300, compilerBrotliKB: 1536 },
      coldReadyMs: median(cold),
      warmReadyMs: median(warm),
      // A chapter without a lab, warm cache, to hydration: what any page costs here before a VM.
      chapterHydratedMs: median(chapterHydrated),
      // Run click to output: the page's compiler (tcc.wasm in a Worker), then the VM's tcc, same page.
      runToOutputMs: median(run),
      guestCompilerRunToOutputMs: median(guestRun),
      workerCompileMs: median(compile),
      compiler: compilerSize(buildDir),
      samples: { cold, warm, run, guestRun, compile, chapterHydrated },
      chapterPage: { page: CHAPTER_PAGE, ...chapter },
      labPage: { page: LAB_PAGE, ...lab },
    };
  } finally {
    await site.close();
  }
}
