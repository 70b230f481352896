import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type {
  Browser,
  BrowserContext,
  BrowserContextOptions,
  ConsoleMessage,
  Page,
  Response,
} from 'playwright-core';
import type { RunningServer } from '../src/platform/testing/server.js';
import { assertNoAxeViolations } from './support/axe.js';
import { MOBILE, newContext, startServerAndBrowser } from './support/browser.js';
import { LayoutPage, textOf } from './support/layout.js';
import { MAIN_NAV_PATHS, MISSING_PATH, PAGES } from './support/pages.js';

/**
 * Browser journeys over every page of the platform, in Debian's Chromium: accessibility (axe, light and
 * dark), pages without JavaScript, keyboard use, language switch, CSP, error page, mobile menu.
 * One server and one browser for the whole file; one browser context per condition, reused.
 */

/** Set it to a folder to keep screenshots of the home page (desktop and mobile); never committed. */
const SCREENSHOTS_DIR = process.env.E2E_SCREENSHOTS_DIR;

let server: RunningServer;
let browser: Browser;
const contexts = new Map<string, Promise<BrowserContext>>();

before(async () => {
  // Both at once; when one fails, the other is still assigned, so that after() stops it.
  ({ server, browser } = await startServerAndBrowser());
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

type Condition = 'light' | 'dark' | 'strict' | 'noJs' | 'mobile';

const CONDITIONS: Record<Condition, BrowserContextOptions> = {
  // The axe contexts bypass the CSP to inject axe-core as an inline script (see support/axe.ts).
  light: { colorScheme: 'light', bypassCSP: true },
  dark: { colorScheme: 'dark', bypassCSP: true },
  // The page as a visitor gets it: CSP enforced.
  strict: { colorScheme: 'light' },
  noJs: { javaScriptEnabled: false },
  // Also runs axe (menu open), hence the bypass; DSFR under the CSP is checked in 'strict'.
  mobile: { bypassCSP: true, viewport: MOBILE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
};

/** One context per condition, created on first use and shared by the tests of that condition. */
function contextFor(condition: Condition): Promise<BrowserContext> {
  let context = contexts.get(condition);
  if (!context) {
    context = (async () => {
      const created = await newContext(browser, server.url, {
        reducedMotion: 'reduce',
        ...CONDITIONS[condition],
      });
      if (condition !== 'noJs') await created.addInitScript(recordCspViolations);
      return created;
    })();
    contexts.set(condition, context);
  }
  return context;
}

/** What a page reported while it loaded and ran: CSP violations, script errors, failed sub-resources. */
interface Report {
  cspConsole: string[];
  cspEvents: string[];
  pageErrors: string[];
  failedRequests: string[];
}

interface Watched {
  page: Page;
  layout: LayoutPage;
  report: Report;
}

/**
 * Records the `securitypolicyviolation` events of every document, which catch violations that leave no
 * console message. Init scripts run through the DevTools protocol: the page's CSP does not apply to them.
 */
function recordCspViolations() {
  type ViolationEvent = {
    violatedDirective: string;
    blockedURI: string;
    sourceFile: string;
    lineNumber: number;
  };
  const g = globalThis as unknown as {
    __cspViolations: string[];
    document: { addEventListener(type: string, listener: (event: ViolationEvent) => void): void };
  };
  g.__cspViolations = [];
  g.document.addEventListener('securitypolicyviolation', (event) => {
    g.__cspViolations.push(
      `${event.violatedDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`,
    );
  });
}

const idle = new Map<Condition, Watched[]>();

async function newWatchedPage(condition: Condition): Promise<Watched> {
  const page = await (await contextFor(condition)).newPage();
  const report: Report = { cspConsole: [], cspEvents: [], pageErrors: [], failedRequests: [] };
  page.on('console', (message: ConsoleMessage) => {
    if (/content security policy|refused to (load|execute|apply|connect|frame)/i.test(message.text())) {
      report.cspConsole.push(`${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => report.pageErrors.push(error.stack ?? error.message));
  page.on('requestfailed', (request) => {
    report.failedRequests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText}`);
  });
  page.on('response', (response: Response) => {
    if (response.status() >= 400 && !response.request().isNavigationRequest()) {
      report.failedRequests.push(`${response.request().method()} ${response.url()}: ${response.status()}`);
    }
  });
  return { page, layout: new LayoutPage(page), report };
}

/**
 * Runs `use` on a page of the condition's shared context, with listeners that collect what goes wrong.
 * Pages are pooled: a test takes an idle one (its report emptied) or opens one, and gives it back after;
 * every test starts with a navigation, so nothing of the previous document remains.
 */
async function withPage<T>(condition: Condition, use: (watched: Watched) => Promise<T>): Promise<T> {
  const pool = idle.get(condition) ?? [];
  idle.set(condition, pool);
  const watched = pool.pop() ?? (await newWatchedPage(condition));
  for (const list of Object.values(watched.report)) list.length = 0;
  try {
    return await use(watched);
  } finally {
    pool.push(watched);
  }
}

async function collectCspEvents(page: Page, report: Report) {
  const events = await page.evaluate(
    () => (globalThis as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
  );
  report.cspEvents.push(...events);
}

/** Opens `path`, asserts its status, and returns the response. */
async function open(watched: Watched, path: string, status = 200): Promise<Response> {
  const response = await watched.layout.goto(path);
  assert.equal(response.status(), status, `${path} answered ${response.status()}, expected ${status}`);
  return response;
}

async function assertThemed(layout: LayoutPage, theme: 'light' | 'dark') {
  await layout.waitForDsfr();
  await layout.page.waitForSelector(`html[data-fr-theme="${theme}"]`, { state: 'attached', timeout: 5000 });
}

/** Pages tested at a time within a group (E2E_CONCURRENCY, default 2: the machine has two cores). */
const PARALLEL = { concurrency: Math.max(1, Number(process.env.E2E_CONCURRENCY ?? 2)) };

describe('accessibility: axe-core, WCAG 2.1 A and AA, zero violations', PARALLEL, () => {
  for (const theme of ['light', 'dark'] as const) {
    for (const { path, name } of PAGES) {
      test(`${path} (${name}), ${theme} theme`, () =>
        withPage(theme, async (watched) => {
          await open(watched, path);
          await assertThemed(watched.layout, theme);
          await assertNoAxeViolations(watched.page, `${name}, ${theme} theme`);
        }));
    }
    test(`the 404 page, ${theme} theme`, () =>
      withPage(theme, async (watched) => {
        await open(watched, MISSING_PATH, 404);
        await assertThemed(watched.layout, theme);
        await assertNoAxeViolations(watched.page, `404 page, ${theme} theme`);
      }));
  }

  test('the mobile home page with its menu open', () =>
    withPage('mobile', async (watched) => {
      await open(watched, '/');
      await watched.layout.waitForDsfr();
      await watched.layout.menuButton.click();
      await watched.page.waitForSelector('#menu-modal.fr-modal--opened');
      await assertNoAxeViolations(watched.page, 'mobile home page, menu open');
    }));
});

describe('without JavaScript every page renders with its h1 and main navigation', PARALLEL, () => {
  for (const { path, name } of PAGES) {
    test(`${path} (${name})`, () =>
      withPage('noJs', async (watched) => {
        await open(watched, path);
        const { layout } = watched;
        assert.equal(await layout.html.getAttribute('data-fr-js'), null, 'DSFR script must not have run');
        assert.equal(await layout.h1.count(), 1, 'exactly one h1');
        assert.ok(await layout.h1.isVisible(), 'the h1 is visible');
        assert.notEqual(await textOf(layout.h1), '', 'the h1 has text');
        assert.notEqual((await watched.page.title()).trim(), '', 'the page has a title');
        const hrefs = await layout.mainNavLinks.evaluateAll((links) =>
          links.map((a) => (a as unknown as { getAttribute(n: string): string }).getAttribute('href')),
        );
        assert.deepEqual(hrefs, MAIN_NAV_PATHS, 'the main navigation lists its nine entries');
        assert.ok(
          await layout.mainNavLinks.first().isVisible(),
          'the main navigation is visible on a desktop screen',
        );
        assert.equal(await layout.skipLink('Contenu').count(), 1, 'the skip link to the content is there');
      }));
  }
});

describe('Content Security Policy: no violation, DSFR loads with the nonce', PARALLEL, () => {
  for (const { path, name } of PAGES) {
    test(`${path} (${name})`, () =>
      withPage('strict', async (watched) => {
        const response = await open(watched, path);
        await watched.layout.waitForDsfr();
        await collectCspEvents(watched.page, watched.report);

        const csp = response.headers()['content-security-policy'] ?? '';
        const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
        assert.ok(nonce, `a nonce in the CSP header: ${csp}`);
        assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, 'no unsafe-inline nor unsafe-eval');
        const html = await response.text();
        const script = /<script\b[^>]*\bsrc="(\/assets\/dsfr-[0-9a-f]+\/dsfr\.module\.min\.js)"[^>]*>/.exec(
          html,
        );
        assert.ok(script, 'DSFR module script from /assets/dsfr-…/dsfr.module.min.js');
        assert.ok(
          script[0].includes(`nonce="${nonce}"`),
          `the script carries the response's nonce: ${script[0]}`,
        );

        const { report } = watched;
        assert.deepEqual(report.cspConsole, [], 'no CSP message in the console');
        assert.deepEqual(report.cspEvents, [], 'no securitypolicyviolation event');
        assert.deepEqual(report.pageErrors, [], 'no uncaught script error');
        assert.deepEqual(report.failedRequests, [], 'every sub-resource loads');
      }));
  }
});

describe('keyboard', PARALLEL, () => {
  for (const { path, name } of PAGES) {
    test(`${path} (${name}): the first Tab focuses the skip link "Contenu", Enter moves into the main content`, () =>
      withPage('strict', async (watched) => {
        await open(watched, path);
        await watched.layout.waitForDsfr();
        const { page, layout } = watched;
        await page.keyboard.press('Tab');
        const first = await layout.focused();
        assert.deepEqual(
          first && { tag: first.tag, text: first.text, href: first.href },
          { tag: 'a', text: 'Contenu', href: '#contenu' },
          `first focus: ${JSON.stringify(first)}`,
        );
        assert.ok(await layout.skipLink('Contenu').isVisible(), 'the focused skip link is visible');
        await page.keyboard.press('Enter');
        await page.waitForFunction(
          () => (globalThis as unknown as { location: { hash: string } }).location.hash === '#contenu',
        );
        const target = await layout.focused();
        assert.ok(
          target && (target.id === 'contenu' || target.inMain),
          `focus after Enter: ${JSON.stringify(target)}`,
        );
        // The next Tab goes on from the main content (or the footer after it), not back to the top.
        await page.keyboard.press('Tab');
        const next = await layout.focused();
        assert.ok(next && !next.inTop, `focus after the next Tab: ${JSON.stringify(next)}`);
      }));
  }

  test('the language switch turns the page into English and back, on the same page', async () => {
    // A context of its own: the language is a cookie, which the other pages must not see change.
    const context = await newContext(browser, server.url, { reducedMotion: 'reduce' });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const layout = new LayoutPage(page);
      await layout.goto('/a-propos');
      await layout.waitForDsfr();
      assert.equal(await layout.lang(), 'fr');
      const frenchTitle = await textOf(layout.h1);

      await layout.tabTo(layout.languageButton);
      assert.equal(await textOf(layout.languageButton), 'English');
      await page.keyboard.press('Enter');
      await page.waitForSelector('html[lang="en"]', { state: 'attached' });
      assert.equal(new URL(page.url()).pathname, '/a-propos', 'still on the same page');
      assert.notEqual(await textOf(layout.h1), frenchTitle, 'the h1 is translated');
      assert.equal(await textOf(layout.languageButton), 'Français');
      assert.equal(await layout.skipLink('Content').count(), 1, 'skip links in English');

      await layout.waitForDsfr();
      await layout.tabTo(layout.languageButton);
      await page.keyboard.press('Enter');
      await page.waitForSelector('html[lang="fr"]', { state: 'attached' });
      assert.equal(new URL(page.url()).pathname, '/a-propos', 'still on the same page');
      assert.equal(await textOf(layout.h1), frenchTitle, 'back in French');
      assert.equal(await textOf(layout.languageButton), 'English');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

describe('error page', () => {
  test('an unknown address gets a DSFR page with status 404', () =>
    withPage('strict', async (watched) => {
      const response = await open(watched, MISSING_PATH, 404);
      const { layout, page } = watched;
      assert.match(response.headers()['content-type'] ?? '', /^text\/html/);
      await layout.waitForDsfr();
      await collectCspEvents(page, watched.report);
      assert.equal(await layout.header.count(), 1, 'DSFR header');
      assert.equal(await layout.footer.count(), 1, 'DSFR footer');
      assert.equal(await layout.skipLink('Contenu').count(), 1, 'skip links');
      assert.equal(await layout.mainNavLinks.count(), MAIN_NAV_PATHS.length, 'main navigation');
      assert.equal(await layout.h1.count(), 1);
      assert.equal(await textOf(layout.h1), 'Page non trouvée');
      assert.match(await page.title(), /Page non trouvée/);
      assert.equal(
        await page.locator('link[rel="stylesheet"][href*="/dsfr.min.css"]').count(),
        1,
        'DSFR stylesheet',
      );
      assert.ok(
        await layout.main.getByRole('link', { name: 'Page d’accueil' }).isVisible(),
        'a way back home',
      );
      assert.deepEqual(watched.report.cspEvents, []);
      assert.deepEqual(watched.report.cspConsole, []);
      assert.deepEqual(watched.report.pageErrors, []);
    }));
});

describe('forms: the error pattern in a real browser (outbox test mail)', () => {
  test('a wrong e-mail comes back with status 400, a focused summary linking to the field, and passes axe', () =>
    withPage('light', async (watched) => {
      const { page } = watched;
      await open(watched, '/dev/boite-mail');
      const field = page.getByLabel('Adresse e-mail du destinataire');
      await field.fill('pas-une-adresse');
      const [response] = await Promise.all([
        page.waitForNavigation(),
        page.getByRole('button', { name: 'Envoyer l’e-mail d’essai' }).press('Enter'),
      ]);
      assert.equal(response?.status(), 400);
      const summary = page.locator('#error-summary');
      await summary.waitFor();
      assert.equal(
        await page.evaluate('document.activeElement?.id'),
        'error-summary',
        'the summary has focus',
      );
      assert.equal(await field.inputValue(), 'pas-une-adresse', 'the value is kept');
      assert.equal(await field.getAttribute('aria-invalid'), 'true');
      await assertNoAxeViolations(page, 'outbox form with an error');
      await summary.getByRole('link').first().click();
      assert.equal(await page.evaluate('document.activeElement?.getAttribute("name")'), 'email');

      await field.fill('claire.martin@exemple.fr');
      const [sent] = await Promise.all([
        page.waitForNavigation(),
        page.getByRole('button', { name: 'Envoyer l’e-mail d’essai' }).click(),
      ]);
      assert.equal(sent?.status(), 200, 'post/redirect/get lands on the list');
      assert.match(page.url(), /\/dev\/boite-mail/);
    }));
});

describe('mobile (360×740)', () => {
  test('the menu button opens the navigation menu', () =>
    withPage('mobile', async (watched) => {
      const { layout, page } = watched;
      await open(watched, '/');
      await layout.waitForDsfr();
      assert.ok(await layout.menuButton.isVisible(), 'menu button visible');
      assert.equal(await layout.mainNavLinks.first().isVisible(), false, 'navigation folded away');
      if (SCREENSHOTS_DIR) {
        mkdirSync(SCREENSHOTS_DIR, { recursive: true });
        await page.screenshot({ path: join(SCREENSHOTS_DIR, 'home-mobile.png') });
        await page.screenshot({ path: join(SCREENSHOTS_DIR, 'home-mobile-full.png'), fullPage: true });
      }
      await layout.menuButton.click();
      await page.waitForSelector('#menu-modal.fr-modal--opened');
      for (const link of await layout.mainNavLinks.all())
        assert.ok(await link.isVisible(), 'every domain is listed');
      // DSFR marks an open modal's button with data-fr-opened (modals carry no aria-expanded).
      assert.equal(await layout.menuButton.getAttribute('data-fr-opened'), 'true');
      if (SCREENSHOTS_DIR) await page.screenshot({ path: join(SCREENSHOTS_DIR, 'home-mobile-menu.png') });
      await page.keyboard.press('Escape');
      await page.waitForSelector('#menu-modal:not(.fr-modal--opened)', { state: 'attached' });
      assert.equal(await layout.mainNavLinks.first().isVisible(), false, 'Escape closes the menu');
    }));

  test('screenshots of the home page on a desktop screen', { skip: !SCREENSHOTS_DIR }, async () => {
    for (const theme of ['light', 'dark'] as const) {
      await withPage(theme, async (watched) => {
        await open(watched, '/');
        await assertThemed(watched.layout, theme);
        await watched.page.screenshot({
          path: join(SCREENSHOTS_DIR!, `home-desktop-${theme}.png`),
          fullPage: true,
        });
      });
    }
  });
});
