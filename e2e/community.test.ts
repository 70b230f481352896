import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { migrate, openDatabase } from '../src/platform/db/index.js';
import { seedGeography } from '../src/platform/geo/index.js';
import { startTestSmtpServer, type TestSmtpServer } from '../src/platform/mail/testing.js';
import type { RunningServer } from '../src/platform/testing/server.js';
import { luhnCheckDigit } from '../src/platform/validation/siren.js';
import { assertNoAxeViolations } from './support/axe.js';
import { newContext, startServerAndBrowser } from './support/browser.js';
import { linkFromMail, submit } from './support/forms.js';
import { textOf } from './support/layout.js';

/**
 * The community journey of issue 4 in Debian's Chromium, against the real server and a real SMTP server:
 * sign up, create an organisation with a valid SIRET, join the movement, then find it in the directory by
 * a word of its description and on the map. Every page on the way passes axe.
 */

const PASSWORD = 'une phrase de passe assez longue';
/** A word no other organisation uses: the directory must find the new one by it. */
const WORD = 'vélocargos';

/** A valid SIREN and the SIRET of its head office, computed with the Luhn key. */
function identifiers(): { siren: string; siret: string } {
  const body = String(10_000_000 + (Date.now() % 80_000_000)).slice(0, 8);
  const siren = `${body}${luhnCheckDigit(body)}`;
  const establishment = `${siren}0001`;
  return { siren, siret: `${establishment}${luhnCheckDigit(establishment)}` };
}

let dataDir: string;
let smtp: TestSmtpServer;
let server: RunningServer;
let browser: Browser;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'fi-community-e2e-'));
  const database = await openDatabase({ dataDir });
  try {
    await migrate(database.db);
    await seedGeography(database.db);
  } finally {
    await database.close();
  }
  smtp = await startTestSmtpServer();
  ({ server, browser } = await startServerAndBrowser({
    dataDir,
    env: { SEED_ON_START: 'false', SMTP_URL: smtp.url },
  }));
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the community journey in the browser', () => {
  let context: BrowserContext;
  let page: Page;
  const email = `alix.${Date.now()}@exemple.fr`;
  const { siren, siret } = identifiers();
  const name = `Les Vélos Solidaires ${siren.slice(-4)}`;
  let profilePath = '';

  before(async () => {
    // axe is injected as an inline script: this context bypasses the CSP (see support/axe.ts).
    context = await newContext(browser, server.url, { bypassCSP: true });
    page = await context.newPage();
  });
  after(() => context?.close());

  test('sign up, verify the address, sign in', async () => {
    await page.goto('/inscription');
    const signUp = page.locator('main form[action="/inscription"]');
    await signUp.locator('input[name="email"]').fill(email);
    await signUp.locator('input[name="name"]').fill('Alix Bernard');
    await signUp.locator('input[name="password"]').fill(PASSWORD);
    await signUp.locator('input[name="confirmation"]').fill(PASSWORD);
    await submit(page, '/inscription');
    await page.goto(await linkFromMail(smtp, email, '/inscription/verification', () => server.output()));
    await submit(page, '/inscription/verification');
    const signIn = page.locator('main form[action="/connexion"]');
    await signIn.locator('input[name="email"]').fill(email);
    await signIn.locator('input[name="password"]').fill(PASSWORD);
    await submit(page, '/connexion');
    assert.equal(new URL(page.url()).pathname, '/compte');
  });

  test('create an organisation with a valid SIRET; a wrong SIRET is refused first', async () => {
    await page.goto('/organisations/nouvelle');
    await assertNoAxeViolations(page, 'nouvelle organisation');
    const form = page.locator('main form[action="/organisations/nouvelle"]');
    await form.locator('input[name="name"]').fill(name);
    await form.locator('select[name="legal_form"]').selectOption('association');
    // One digit changed: the Luhn key no longer matches.
    const wrong = `${siret.slice(0, 13)}${(Number(siret[13]) + 1) % 10}`;
    await form.locator('input[name="siret"]').fill(wrong);
    await form.locator('input[name="postal_code"]').fill('35000');
    await form.locator('input[name="commune"]').fill('Rennes');
    await form
      .locator('textarea[name="description"]')
      .fill(`Location et réparation de ${WORD} pour les artisans et les familles du quartier.`);
    await form.locator('input[name="domains"][value="transition_ecologique"]').check({ force: true });
    await submit(page, '/organisations/nouvelle');
    assert.match(await textOf(page.locator('main')), /SIRET/);
    assert.match(
      await textOf(page.locator('.fr-input-group--error .fr-message--error').first()),
      /n’est pas valide|clé/,
    );
    await assertNoAxeViolations(page, 'nouvelle organisation (erreur)');
    // The values typed are kept: only the SIRET needs fixing.
    assert.equal(await form.locator('input[name="name"]').inputValue(), name);
    await form.locator('input[name="siret"]').fill(siret);
    await submit(page, '/organisations/nouvelle');
    profilePath = new URL(page.url()).pathname;
    assert.match(profilePath, /^\/organisations\/[0-9a-f-]{36}$/);
    const main = await textOf(page.locator('main'));
    assert.match(main, new RegExp(name));
    assert.match(main, /Rennes/);
    await assertNoAxeViolations(page, 'fiche de l’organisation');
  });

  test('join the movement: the profile shows the banner', async () => {
    await page.goto(`${profilePath}/mouvement`);
    await assertNoAxeViolations(page, 'mouvement');
    await page.locator('main input[name="accept"]').check({ force: true });
    await submit(page, `${profilePath}/mouvement/adhesion`);
    await page.goto(profilePath);
    assert.match(await textOf(page.locator('main')), /Membre du mouvement French Impact/);
  });

  test('find it in the directory by a word of its description, then on the map', async () => {
    await page.goto('/annuaire');
    await page.getByLabel('Rechercher une organisation').fill('velocargos');
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.getByLabel('Rechercher une organisation').press('Enter'),
    ]);
    const titles = await page.locator('.fr-card__title a').allTextContents();
    assert.deepEqual(
      titles.map((t) => t.trim()),
      [name],
    );
    assert.match(await textOf(page.locator('.fr-card').first()), /Membre du mouvement French Impact/);
    await assertNoAxeViolations(page, 'annuaire, recherche');

    // Bretagne (53) on the map: the area names its count and leads to the filtered directory.
    const bretagne = page.locator('svg a[data-code="53"]');
    assert.match(String(await bretagne.getAttribute('aria-label')), /^Bretagne : 1 organisation/);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), bretagne.click()]);
    assert.equal(new URL(page.url()).searchParams.get('region'), '53');
    assert.deepEqual(
      (await page.locator('.fr-card__title a').allTextContents()).map((t) => t.trim()),
      [name],
    );
    await assertNoAxeViolations(page, 'annuaire, carte');
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.locator('.fr-card__title a').first().click(),
    ]);
    assert.equal(new URL(page.url()).pathname, profilePath);
  });
});
