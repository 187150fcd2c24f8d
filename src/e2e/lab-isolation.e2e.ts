/**
 * Lab 2's page in the production build: with the solution in the editor, the
 * reader ticks two faults and "Run the matrix" fills the table from a run in
 * the page's VM. The table is empty before the run, and its cells say what
 * the paper predicts: a thread dies with its NULL dereference and corrupts
 * main with its wild write; an orbit survives both with main's data intact.
 * (The full matrix, 9 faults x 3 modes, took about 4 minutes in Chromium here;
 * two faults keep the test short and still cover a crash and a corruption.)
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, type Site } from '../../scripts/lib/site';
import { loadLab, loadSolution } from '../labs/load';
import { openLab, pasteFiles, VM_READY_MS, waitForVm } from './lab-page';

const PAGE = '/book/lab-isolation/';
const labsDir = path.resolve(__dirname, '../../labs');
const bundle = loadLab(labsDir, '02-isolation');
const FAULTS = ['null', 'wild'];
const MODES = ['thread', 'process', 'orbit'];
/** The component's bound on a run: the lab's build, then one command per mode of at most 5 minutes. */
const MATRIX_MS = (bundle.spec.build?.timeoutMs ?? 0) + MODES.length * 300_000;
const TABLE = 'table[data-rows]';

let site: Site;

beforeAll(async () => {
  site = await openSite();
});

afterAll(() => site?.close());

/** Each row of the results table as an object keyed by its column headers. */
async function tableRows(page: Page): Promise<Record<string, string>[]> {
  return page.locator(TABLE).evaluate((table) => {
    const text = (cell: Element) => (cell.textContent ?? '').replace(/^[✓◐✗] /, '').trim();
    const headers = Array.from(table.querySelectorAll('thead th'), text);
    return Array.from(table.querySelectorAll('tbody tr'), (row) =>
      Object.fromEntries(Array.from(row.children, (cell, i) => [headers[i] ?? String(i), text(cell)])),
    );
  });
}

/** Leaves exactly `keep` ticked among the fault checkboxes. */
async function chooseFaults(page: Page, keep: string[]): Promise<void> {
  const boxes = page.getByRole('group', { name: 'Faults to inject' }).getByRole('checkbox');
  for (const box of await boxes.all()) {
    const fault = ((await box.locator('xpath=..').textContent()) ?? '').trim();
    await box.setChecked(keep.includes(fault));
  }
}

describe('lab 2 page', () => {
  it('ships the matrix table empty in the static HTML: nothing is typed in', async () => {
    const html = await (await fetch(site.url + PAGE)).text();
    expect(html).toContain('data-rows="0"');
  });

  it(
    'fills the matrix from a run in the page, with the outcomes the paper predicts',
    async () => {
      const context = await site.browser.newContext();
      const page = await openLab(context, site.url + PAGE);
      await waitForVm(page);
      await pasteFiles(page, loadSolution(labsDir, bundle.spec));
      expect(await page.locator(TABLE).getAttribute('data-rows')).toBe('0');

      await chooseFaults(page, FAULTS);
      await page.getByRole('button', { name: 'Run the matrix' }).click();
      await page.locator('[data-results-state=done], [data-results-state=error]').waitFor({ timeout: MATRIX_MS });
      const status = await page.locator('[data-results-state] [role=status]').textContent();
      expect(await page.locator('[data-results-state]').getAttribute('data-results-state'), status ?? '').toBe('done');

      const rows = await tableRows(page);
      expect(rows.map((r) => `${r.mode} ${r.fault}`)).toEqual(MODES.flatMap((m) => FAULTS.map((f) => `${m} ${f}`)));
      const cell = (mode: string, fault: string) => rows.find((r) => r.mode === mode && r.fault === fault) ?? {};
      expect(cell('thread', 'null')).toMatchObject({ survived: 'died SEGV', intact: '-', aux: 'lost' });
      expect(cell('thread', 'wild')).toMatchObject({ survived: 'yes', intact: 'no' });
      for (const fault of FAULTS) {
        expect(cell('orbit', fault)).toMatchObject({ survived: 'yes', intact: 'yes', answered: '200', aux: 'useful' });
      }
      expect(Number(cell('orbit', 'null').restarts)).toBeGreaterThan(0);
      await context.close();
    },
    VM_READY_MS + MATRIX_MS + 120_000,
  );
});
