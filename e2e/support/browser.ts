import { type Browser, type BrowserContext, type BrowserContextOptions, chromium } from 'playwright-core';
import { type RunningServer, type StartOptions, startServer } from '../../src/platform/testing/server.js';

/** Debian's `chromium` package; never a browser downloaded by Playwright. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags for a closed network: without the background-networking ones, Chromium keeps trying (and failing)
 * to reach Google's services. `--headless` and `--no-sandbox` are also what Playwright adds for
 * `headless: true` (the sandbox cannot start as root).
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Launches Debian's Chromium through playwright-core. The profile is a new, empty `--user-data-dir`:
 * Playwright creates it itself (`mkdtemp` in the OS temp folder, deleted at `close()`), and refuses a
 * `--user-data-dir` in `args` for `launch()` (only `launchPersistentContext` takes one, and it gives a
 * single context, where this suite needs several: JavaScript on and off, light and dark, mobile).
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 30_000,
  });
}

/**
 * Starts the platform (see `startServer`) and Chromium side by side, as every journey's `before` does. When
 * one of them fails, the other is stopped and the failure thrown.
 */
export async function startServerAndBrowser(
  options?: StartOptions,
): Promise<{ server: RunningServer; browser: Browser }> {
  const [started, launched] = await Promise.allSettled([startServer(options), launchBrowser()]);
  if (started.status === 'rejected' || launched.status === 'rejected') {
    if (started.status === 'fulfilled') await started.value.stop();
    if (launched.status === 'fulfilled') await launched.value.close();
    throw started.status === 'rejected' ? started.reason : (launched as PromiseRejectedResult).reason;
  }
  return { server: started.value, browser: launched.value };
}

export const DESKTOP = { width: 1280, height: 900 };
export const MOBILE = { width: 360, height: 740 };

/** A French-speaking visitor on a desktop screen; the caller adds what its test varies. */
export function newContext(
  browser: Browser,
  baseURL: string,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: DESKTOP,
    ...options,
  });
}
