/**
 * Lab 1's page in the production build, driven as a student would: the page
 * shows the lab, and its Check gives the solution full marks and the starter
 * as shipped some points but not all (the thread-based behaviour).
 */
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, type Site } from '../../scripts/lib/site';
import { loadLab, loadSolution } from '../labs/load';
import { check, editorText, openLab, pasteFiles, VM_READY_MS, waitForVm } from './lab-page';

const PAGE = '/book/lab-deadlock/';
const labsDir = path.resolve(__dirname, '../../labs');
const bundle = loadLab(labsDir, '01-deadlock');
const fullMarks = bundle.spec.tests.reduce((sum, t) => sum + t.points, 0);

/** The longest one Check may take: the build (twice, after a crash), each test's timeout, and slack. */
const CHECK_MS =
  2 * (bundle.spec.build?.timeoutMs ?? 0) + bundle.spec.tests.reduce((n, t) => n + t.timeoutMs, 0) + 60_000;
/** Per-test guard against hangs; the tests wait for the VM and for Check to end, not for time. */
const TEST_MS = VM_READY_MS + CHECK_MS + 60_000;

let site: Site;
let context: BrowserContext | undefined;

beforeAll(async () => {
  site = await openSite();
});

afterAll(() => site?.close());

/** A fresh browser profile (nothing saved from an earlier test) with the lab's page open and its VM ready. */
async function openReadyLab() {
  await context?.close();
  context = await site.browser.newContext();
  const page = await openLab(context, site.url + PAGE);
  await waitForVm(page);
  return page;
}

describe('lab 1 page', () => {
  it(
    'ships the lab with the starter code in the static HTML',
    async () => {
      const html = await (await fetch(site.url + PAGE)).text();
      expect(html).toContain('data-lab="01-deadlock"');
      expect(html).toContain('TODO(lab1)');
    },
    TEST_MS,
  );

  it(
    'gives the solution full marks in Check',
    async () => {
      const page = await openReadyLab();
      await pasteFiles(page, loadSolution(labsDir, bundle.spec));
      const { caption, report } = await check(page, CHECK_MS);
      expect(report.tests.filter((t) => t.status !== 'passed')).toEqual([]);
      expect([report.score, report.maxScore]).toEqual([fullMarks, fullMarks]);
      expect(caption).toContain(`${fullMarks} / ${fullMarks} points`);
    },
    TEST_MS,
  );

  it(
    'gives the starter as shipped some points but not all, none for running in an orbit',
    async () => {
      const page = await openReadyLab();
      expect(await editorText(page)).toContain('TODO(lab1)');
      const { report } = await check(page, CHECK_MS);
      expect(report.score).toBeGreaterThan(0);
      expect(report.score).toBeLessThan(fullMarks);
      expect(report.tests.find((t) => t.id === 'in-orbit')?.status).toBe('failed');
    },
    TEST_MS,
  );
});
