/**
 * The lab environment in a real browser: the production build served
 * locally, the playground lab driven as a student would. Tests wait for
 * events and text (the VM's ready state, terminal output, markers), never
 * for fixed times.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, type Site } from '../../scripts/lib/site';
import { gradeSubmission, withoutTimings } from '../grader';
import { loadLab } from '../labs/load';
import { openVm } from '../vm/node';
import { check, editorText, openLab, terminalText, typeFile, waitForVm } from './lab-page';

const LAB_PAGE = '/book/lab-playground/';
const labDir = path.resolve(__dirname, '../../labs/00-playground');
const starter = readFileSync(path.join(labDir, 'starter/hello.c'), 'utf8');
const solution = readFileSync(path.join(labDir, 'solution/hello.c'), 'utf8');
/** Per-test guard against hangs on a loaded machine; tests wait for events, not for time. */
const TEST_MS = 240_000;

let site: Site;

beforeAll(async () => {
  site = await openSite();
});

afterAll(() => site?.close());

/** Opens the playground lab's page in `context` and waits for the editor (not the VM). */
function openPlayground(context: BrowserContext): Promise<Page> {
  return openLab(context, site.url + LAB_PAGE);
}

describe('lab page without the VM', () => {
  it(
    'ships the starter code in the static HTML',
    async () => {
      const html = await (await fetch(site.url + LAB_PAGE)).text();
      expect(html).toContain('Hello, world!');
      expect(html).toContain('greeting.h');
    },
    TEST_MS,
  );

  it(
    'keeps edits across a reload, and resets a file only after asking, undoably',
    async () => {
      const context = await site.browser.newContext();
      const page = await openPlayground(context);
      expect(await editorText(page)).toContain('Hello, world!');
      await typeFile(page, '/* mine */\n');
      await expect.poll(() => page.getByText('Saved in this browser', { exact: true }).count()).toBe(1);
      await page.reload();
      await page.locator('[data-testid=code-editor] .view-lines').waitFor();
      await expect.poll(() => editorText(page)).toContain('/* mine */');

      await page.getByRole('button', { name: 'Reset file' }).click();
      await page.getByRole('alertdialog').waitFor();
      expect(await editorText(page)).toContain('/* mine */');
      await page.getByRole('button', { name: 'Reset hello.c' }).click();
      await expect.poll(() => editorText(page)).toContain('Hello, world!');
      await page.getByRole('button', { name: 'Undo reset' }).click();
      await expect.poll(() => editorText(page)).toContain('/* mine */');
      await context.close();
    },
    TEST_MS,
  );

  it(
    'tells the student when another tab saved the same file',
    async () => {
      const context = await site.browser.newContext();
      const first = await openPlayground(context);
      const second = await openPlayground(context);
      await typeFile(first, '/* from the first tab */\n');
      await second.getByRole('alert').filter({ hasText: 'also open in another tab' }).waitFor({ timeout: 15_000 });
      await second.getByRole('button', { name: "Load the other tab's version" }).click();
      await expect.poll(() => editorText(second)).toContain('from the first tab');
      await context.close();
    },
    TEST_MS,
  );

  it(
    'downloads a submission archive and uploads it into a fresh profile',
    async () => {
      const context = await site.browser.newContext({ acceptDownloads: true });
      const page = await openPlayground(context);
      await typeFile(page, solution);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('00-playground-v2-submission.json');
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'lab-e2e-')), download.suggestedFilename());
      await download.saveAs(file);
      const archive = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      expect(archive).toMatchObject({ lab: '00-playground', labVersion: 2, files: { 'hello.c': solution } });
      expect(archive.sha256).toMatch(/^[0-9a-f]{64}$/);
      await context.close();

      const fresh = await site.browser.newContext();
      const other = await openPlayground(fresh);
      expect(await editorText(other)).toContain('Hello, world!');
      // The status line shows the latest event: let the VM finish starting first, so its
      // last status message comes before the upload's.
      await waitForVm(other);
      await other.getByTestId('upload-input').setInputFiles(file);
      await expect.poll(() => editorText(other)).toContain('GREETING');
      // The editor changes before React renders the status line: wait for the message.
      await expect.poll(() => other.getByRole('status').last().textContent()).toMatch(/Restored hello.c/);

      const bad = { ...archive, files: { 'hello.c': 'tampered' } };
      await other.getByTestId('upload-input').setInputFiles({
        name: 'bad.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(bad)),
      });
      await other.getByRole('alert').filter({ hasText: 'does not match its hash' }).waitFor();
      await fresh.close();
    },
    TEST_MS,
  );
});

describe('lab page with the VM', () => {
  it(
    'runs the program, marks a compile error, and checks the solution',
    async () => {
      const context = await site.browser.newContext();
      const page = await openPlayground(context);
      await waitForVm(page);

      await typeFile(page, solution);
      await page.getByRole('button', { name: 'Run' }).click();
      await expect.poll(() => terminalText(page), { timeout: 30_000 }).toContain('Hello, orbit!');

      await typeFile(page, starter.replace('return 0;', 'return 0'));
      await page.getByRole('button', { name: 'Run' }).click();
      await page.locator('[data-testid=code-editor] .squiggly-error').first().waitFor({ timeout: 30_000 });
      expect(await terminalText(page)).toMatch(/hello\.c:\d+: error/);
      expect(await page.getByRole('status').last().textContent()).toMatch(/build failed/i);

      await typeFile(page, solution);
      const { caption, report: inPage } = await check(page, 60_000);
      expect(caption).toContain('10 / 10 points');

      // The page's Check and the CLI's grader give the same report for the same files.
      const vm = await openVm();
      try {
        const bundle = loadLab(path.dirname(labDir), '00-playground');
        const inNode = await gradeSubmission(bundle, { 'hello.c': solution }, vm);
        expect(withoutTimings(inPage)).toEqual(withoutTimings(inNode));
      } finally {
        await vm.destroy();
      }
      await context.close();
    },
    TEST_MS,
  );

  it(
    "compiles a Run in the page's Worker, and in the VM (saying so once) when the compiler cannot load",
    async () => {
      const context = await site.browser.newContext();
      const page = await openPlayground(context);
      await waitForVm(page);
      await page.locator('[data-compiler=ready]').waitFor({ timeout: 60_000 });
      await typeFile(page, solution);
      await page.getByRole('button', { name: 'Run' }).click();
      await expect.poll(() => terminalText(page), { timeout: 30_000 }).toContain('Hello, orbit!');
      expect(Number(await page.locator('[data-compile-ms]').getAttribute('data-compile-ms'))).toBeGreaterThan(0);
      await context.close();

      const blocked = await site.browser.newContext();
      await blocked.route('**/tcc/**', (route) => route.abort());
      const fallback = await openPlayground(blocked);
      await waitForVm(fallback);
      await fallback.locator('[data-compiler=error]').waitFor({ timeout: 60_000 });
      await typeFile(fallback, solution);
      await fallback.getByRole('button', { name: 'Run' }).click();
      await fallback.locator('[data-runs="1"]').waitFor({ timeout: 60_000 });
      const first = await terminalText(fallback);
      expect(first).toMatch(/compiler did not load[^]*── build: [^]*Hello, orbit!/);
      await fallback.getByRole('button', { name: 'Run' }).click();
      await fallback.locator('[data-runs="2"]').waitFor({ timeout: 60_000 });
      // The second Run's part (from the first Run's last line on) builds in the VM without the note.
      const text = await terminalText(fallback);
      const second = text.slice(text.lastIndexOf('exit status', text.lastIndexOf('── build:')));
      expect(second).toMatch(/── build: [^]*Hello, orbit!/);
      expect(second).not.toMatch(/compiler did not load/);
      expect(await fallback.locator('[data-compile-ms]').count()).toBe(0);
      await blocked.close();
    },
    TEST_MS,
  );

  it(
    'streams a Run into the terminal, and Stop and Ctrl-C end it; the next Run works',
    async () => {
      const context = await site.browser.newContext();
      const page = await openPlayground(context);
      await waitForVm(page);
      const ticking = [
        '#include <stdio.h>',
        '#include <unistd.h>',
        'int main(void) {',
        '  for (int i = 1; i <= 30; i++) { printf("tick %d\\n", i); fflush(stdout); sleep(1); }',
        '  return 0;',
        '}',
        '',
      ].join('\n');
      await typeFile(page, ticking);
      await page.getByRole('button', { name: 'Run' }).click();
      // The first line shows while the program still runs (30 s): streamed, not at the end.
      await expect.poll(() => terminalText(page), { timeout: 30_000 }).toContain('tick 1');
      expect(await page.locator('[data-busy=run]').count()).toBe(1);
      await page.getByRole('button', { name: 'Stop' }).click();
      await page.locator('[data-busy]').waitFor({ state: 'detached', timeout: 10_000 });
      expect(await terminalText(page)).toContain('stopped: you pressed Stop');
      expect(await terminalText(page)).not.toContain('tick 30');

      await typeFile(page, 'int main(void) { for (;;); }\n');
      await page.getByRole('button', { name: 'Run' }).click();
      await page.locator('[data-busy=run]').waitFor();
      await page.getByRole('button', { name: 'Stop' }).waitFor();
      await page.locator('[data-testid=terminal]').click();
      await page.keyboard.press('Control+C');
      await page.locator('[data-busy]').waitFor({ state: 'detached', timeout: 10_000 });

      await typeFile(page, solution);
      await page.getByRole('button', { name: 'Run' }).click();
      await expect.poll(() => terminalText(page), { timeout: 30_000 }).toContain('Hello, orbit!');
      await context.close();
    },
    TEST_MS,
  );

  it(
    'answers shell commands typed into the terminal, and keeps the files across Restart VM',
    async () => {
      const context = await site.browser.newContext();
      const page = await openPlayground(context);
      await waitForVm(page);
      await typeFile(page, '/* kept */\n');
      await page.locator('[data-testid=terminal]').click();
      await page.keyboard.type('echo $((6*7))\n');
      await expect.poll(() => terminalText(page), { timeout: 20_000 }).toContain('42');
      await page.getByRole('button', { name: 'Restart VM' }).click();
      await waitForVm(page);
      expect(await editorText(page)).toContain('/* kept */');
      await context.close();
    },
    TEST_MS,
  );
});

describe('playground page', () => {
  it(
    'runs the editor text in the VM and shows the output in the terminal',
    async () => {
      const context = await site.browser.newContext();
      const page = await context.newPage();
      await page.goto(`${site.url}/playground/`);
      await waitForVm(page);
      await page.getByRole('button', { name: 'Run' }).click();
      await expect.poll(() => terminalText(page), { timeout: 30_000 }).toContain('Hello from the playground');
      await context.close();
    },
    TEST_MS,
  );
});
