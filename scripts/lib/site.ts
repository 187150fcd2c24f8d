/**
 * The production build served locally plus headless Chromium: the one
 * fixture of the browser tests (src/e2e/) and the page benchmarks.
 */
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser';
import { serveStatic } from './static-server';

export interface Site {
  /** The server's base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/** Serves `buildDir` (default $ORBIT_BUILD_DIR, else build/) and starts Chromium. */
export async function openSite(buildDir = process.env.ORBIT_BUILD_DIR ?? 'build'): Promise<Site> {
  const server = await serveStatic(buildDir);
  const browser = await launchChromium().catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  return {
    url: server.url,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
