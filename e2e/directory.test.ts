import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DIRECTORY_FIXTURE, DIRECTORY_FIXTURE_CULTURE } from '../src/modules/directory/testing.js';
import { upsertOrganisations } from '../src/modules/organisations/index.js';
import { migrate, openDatabase } from '../src/platform/db/index.js';
import { seedGeography } from '../src/platform/geo/index.js';
import type { RunningServer } from '../src/platform/testing/server.js';
import { assertNoAxeViolations } from './support/axe.js';
import { newContext, startServerAndBrowser } from './support/browser.js';
import { textOf } from './support/layout.js';

/**
 * The directory in Debian's Chromium, against the real server on a database prepared with a few
 * organisations: search, tick a facet, follow a map link, go to the next page — with JavaScript and
 * without — and zero axe violations on each page reached.
 */

const CULTURE = DIRECTORY_FIXTURE_CULTURE;
/** Wimoov left out: its SIREN and typo lookups are the route tests' business. */
const ROWS = DIRECTORY_FIXTURE.filter((row) => row.source_key !== 'wimoov');

let dataDir: string;
let server: RunningServer;
let browser: Browser;

/** A PGlite folder with the geography and the organisations above, for the server to open. */
async function prepareData(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'fi-directory-e2e-'));
  const database = await openDatabase({ dataDir: dir });
  try {
    await migrate(database.db);
    await seedGeography(database.db);
    await upsertOrganisations(database.db, 'demo', ROWS);
  } finally {
    await database.close();
  }
  return dir;
}

before(async () => {
  dataDir = await prepareData();
  ({ server, browser } = await startServerAndBrowser({ dataDir, env: { SEED_ON_START: 'false' } }));
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The number in the results heading (« 23 organisations » → 23). */
async function resultCount(page: Page): Promise<number> {
  const heading = await textOf(page.locator('h2#resultats'));
  const digits = heading.replace(/[\s\u202f\u00a0]/g, '').match(/^[0-9]+/)?.[0];
  return digits ? Number(digits) : 0;
}

/** The count shown in a facet's label: « Culture (23) » → 23. */
async function labelCount(page: Page, name: string, value: string): Promise<number> {
  const id = await page.locator(`input[name="${name}"][value="${value}"]`).getAttribute('id');
  const label = await textOf(page.locator(`label[for="${id}"]`));
  const count = /\(([0-9\s\u202f]+)\)$/.exec(label)?.[1];
  assert.ok(count, `a count in « ${label} »`);
  return Number(count.replace(/\D/g, ''));
}

async function cardNames(page: Page): Promise<string[]> {
  return page.locator('.fr-card__title a').allTextContents();
}

async function waitForUrl(page: Page, check: (params: URLSearchParams) => boolean) {
  await page.waitForURL((url) => url.pathname === '/annuaire' && check(url.searchParams));
  await page.waitForLoadState('load');
}

/** The journey, with or without JavaScript; axe runs (with JavaScript) on each page reached. */
async function journey(page: Page, { javascript }: { javascript: boolean }) {
  const check = async (label: string) => {
    if (javascript) await assertNoAxeViolations(page, label);
  };
  const response = await page.goto('/annuaire', { waitUntil: 'load' });
  assert.equal(response?.status(), 200);
  assert.equal(await resultCount(page), ROWS.length);
  await check('annuaire');

  // Search by a word of a description.
  await page.getByLabel('Rechercher une organisation').fill('bicyclettes');
  await page.getByLabel('Rechercher une organisation').press('Enter');
  await waitForUrl(page, (q) => q.get('q') === 'bicyclettes');
  assert.deepEqual(await cardNames(page), ['Coopérative des vélos bretons']);
  assert.equal(await page.title(), 'Recherche « bicyclettes » — Annuaire — French Impact');
  await check('annuaire, recherche');

  // Back to everything by the tag of the search, then tick a facet.
  await page.getByRole('link', { name: 'Retirer le filtre Recherche : bicyclettes' }).click();
  await waitForUrl(page, (q) => !q.has('q'));
  const shown = await labelCount(page, 'domaine', 'culture');
  assert.equal(shown, CULTURE);
  const box = page.locator('input[name="domaine"][value="culture"]');
  await page.locator(`label[for="${await box.getAttribute('id')}"]`).click();
  assert.ok(await box.isChecked());
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await waitForUrl(page, (q) => q.get('domaine') === 'culture');
  assert.equal(await resultCount(page), shown, 'the count of the facet is the number of results');
  await check('annuaire, filtre domaine');

  // A région on the map (with the facet kept).
  const marseilleCount = Math.floor(CULTURE / 2);
  const area = page.locator('svg a[data-code="93"]');
  assert.equal(
    await area.getAttribute('aria-label'),
    `Provence-Alpes-Côte d'Azur : ${marseilleCount} organisations`,
  );
  await area.click();
  await waitForUrl(page, (q) => q.get('region') === '93' && q.get('domaine') === 'culture');
  assert.equal(await resultCount(page), marseilleCount);
  for (const detail of await page.locator('.fr-card__detail').allTextContents())
    assert.match(detail, /Marseille \(13\)$/);
  assert.match(await textOf(page.locator('figure.fi-france-map figcaption')), /par département/);
  await check('annuaire, région de la carte');

  // Next page of the région's results.
  await page.getByRole('link', { name: "Retirer le filtre Provence-Alpes-Côte d'Azur" }).click();
  await waitForUrl(page, (q) => !q.has('region') && q.get('domaine') === 'culture');
  const firstPage = await cardNames(page);
  assert.equal(firstPage.length, 20);
  await page.locator('nav.fr-pagination').getByRole('link', { name: 'Page suivante' }).click();
  await waitForUrl(page, (q) => q.get('page') === '2' && q.get('domaine') === 'culture');
  const secondPage = await cardNames(page);
  assert.equal(secondPage.length, CULTURE - 20);
  assert.ok(
    secondPage.every((name) => !firstPage.includes(name)),
    'other organisations on page 2',
  );
  await check('annuaire, page 2');
}

describe('directory in the browser', () => {
  let contexts: BrowserContext[] = [];
  after(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    contexts = [];
  });

  test('with JavaScript: search, facet, map, pages, and zero axe violations', async () => {
    // axe is injected as an inline script: this context bypasses the CSP (see support/axe.ts).
    const context = await newContext(browser, server.url, { bypassCSP: true, reducedMotion: 'reduce' });
    contexts.push(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await journey(page, { javascript: true });
    assert.deepEqual(errors, []);
  });

  test('without JavaScript: the same journey works through links and the GET form', async () => {
    const context = await newContext(browser, server.url, { javaScriptEnabled: false });
    contexts.push(context);
    await journey(await context.newPage(), { javascript: false });
  });

  test('results, tags and the map of départements pass axe in the dark theme too', async () => {
    const context = await newContext(browser, server.url, {
      bypassCSP: true,
      reducedMotion: 'reduce',
      colorScheme: 'dark',
    });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/annuaire?q=th%C3%A9%C3%A2tre&region=93&membres=', { waitUntil: 'load' });
    await page.waitForSelector('html[data-fr-theme="dark"]', { state: 'attached', timeout: 10_000 });
    assert.equal(await resultCount(page), Math.floor(CULTURE / 2));
    await assertNoAxeViolations(page, 'annuaire, thème sombre');
  });

  test('a broken address and a page beyond the last one are pages without axe violations', async () => {
    const context = await newContext(browser, server.url, { bypassCSP: true, reducedMotion: 'reduce' });
    contexts.push(context);
    const page = await context.newPage();
    let response = await page.goto('/annuaire?forme=sarl&page=abc', { waitUntil: 'load' });
    assert.equal(response?.status(), 400);
    assert.match(await textOf(page.locator('.fr-alert')), /« sarl » n’est pas une forme juridique/);
    await assertNoAxeViolations(page, 'annuaire, adresse invalide');
    response = await page.goto('/annuaire?page=9', { waitUntil: 'load' });
    assert.equal(response?.status(), 404);
    assert.match(await textOf(page.locator('.fr-alert')), /La page 9 n’existe pas/);
    await assertNoAxeViolations(page, 'annuaire, page au-delà de la dernière');
  });
});
