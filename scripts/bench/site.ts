/**
 * Site weight: the JavaScript a page makes the browser load, measured in
 * headless Chromium against the production build and counted as gzip bytes
 * of the built files (what any compressing static host would send).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { openSite } from '../lib/site';

export interface PageWeight {
  page: string;
  scripts: number;
  jsGzipKB: number;
}

async function pageWeight(browser: Browser, buildDir: string, base: string, page: string): Promise<PageWeight> {
  const tab = await browser.newPage();
  try {
    const scripts = new Set<string>();
    tab.on('response', (r) => {
      if (r.request().resourceType() === 'script' && r.ok()) scripts.add(new URL(r.url()).pathname);
    });
    await tab.goto(base + page, { waitUntil: 'networkidle' });
    let bytes = 0;
    for (const s of scripts) bytes += gzipSync(readFileSync(path.join(buildDir, s)), { level: 9 }).length;
    return { page, scripts: scripts.size, jsGzipKB: Math.round(bytes / 102.4) / 10 };
  } finally {
    await tab.close();
  }
}

/** JS weight of the landing page and a chapter page; goal: a chapter at most 300 KB. */
export async function benchSite(buildDir: string): Promise<{ goalChapterKB: number; pages: PageWeight[] }> {
  const site = await openSite(buildDir);
  try {
    const pages = [];
    for (const page of ['/', '/book/auxiliary-tasks/'])
      pages.push(await pageWeight(site.browser, buildDir, site.url, page));
    return { goalChapterKB: 300, pages };
  } finally {
    await site.close();
  }
}
