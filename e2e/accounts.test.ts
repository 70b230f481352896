import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestSmtpServer, type TestSmtpServer } from '../src/platform/mail/testing.js';
import { startTestOidcProvider, type TestOidcProvider } from '../src/platform/testing/oidc-provider.js';
import { freePort, type RunningServer } from '../src/platform/testing/server.js';
import { totpCode } from '../src/platform/totp/index.js';
import { assertNoAxeViolations } from './support/axe.js';
import { newContext, startServerAndBrowser } from './support/browser.js';
import { linkFromMail, submit } from './support/forms.js';
import { textOf } from './support/layout.js';

/**
 * The account journey in Debian's Chromium, against the real server, a real SMTP server and a real OpenID
 * Connect provider: sign up, verify through the e-mail received, sign in, turn on the second factor, sign
 * out, sign in again with a TOTP code; sign in through the provider. Each page on the way passes axe.
 */

const PASSWORD = 'une phrase de passe assez longue';

let smtp: TestSmtpServer;
let provider: TestOidcProvider;
let server: RunningServer;
let browser: Browser;

const CLIENT = { client_id: 'french-impact', client_secret: 'secret-de-test-du-client-oidc' };

before(async () => {
  smtp = await startTestSmtpServer();
  // The app's address is known before it starts: the provider must know where to send the user back.
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  provider = await startTestOidcProvider({
    clients: [{ ...CLIENT, redirect_uris: [`${appUrl}/connexion/oidc/proconnect/retour`] }],
    accounts: {
      'agent-1': {
        email: 'dominique.agent@exemple.gouv.fr',
        email_verified: true,
        given_name: 'Dominique',
        usual_name: 'Agent',
      },
    },
  });
  ({ server, browser } = await startServerAndBrowser({
    env: {
      PORT: String(port),
      PUBLIC_URL: appUrl,
      SMTP_URL: smtp.url,
      SEED_ON_START: 'false',
      OIDC_PROVIDERS: 'proconnect',
      OIDC_PROCONNECT_ISSUER: provider.issuer,
      OIDC_PROCONNECT_CLIENT_ID: CLIENT.client_id,
      OIDC_PROCONNECT_CLIENT_SECRET: CLIENT.client_secret,
      OIDC_PROCONNECT_LABEL: 'S’identifier avec ProConnect',
    },
  }));
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await provider?.stop();
  await smtp?.close();
});

describe('accounts in the browser', () => {
  let context: BrowserContext;
  let page: Page;
  const email = `camille.${Date.now()}@exemple.fr`;
  let secret = '';

  before(async () => {
    context = await newContext(browser, server.url, { bypassCSP: true });
    page = await context.newPage();
  });
  after(() => context?.close());

  test('sign up, then verify the address through the e-mail received', async () => {
    await page.goto('/inscription');
    await assertNoAxeViolations(page, 'inscription');
    const form = page.locator('main form[action="/inscription"]');
    await form.locator('input[name="email"]').fill(email);
    await form.locator('input[name="name"]').fill('Camille Martin');
    await form.locator('input[name="password"]').fill(PASSWORD);
    await form.locator('input[name="confirmation"]').fill(PASSWORD);
    await submit(page, '/inscription');
    assert.equal(new URL(page.url()).pathname, '/inscription/envoyee');

    await page.goto(await linkFromMail(smtp, email, '/inscription/verification', () => server.output()));
    await assertNoAxeViolations(page, 'vérification');
    await submit(page, '/inscription/verification');
    assert.equal(new URL(page.url()).pathname, '/connexion');
    assert.match(await textOf(page.locator('main')), /adresse e-mail est confirmée|confirmée/i);
  });

  test('sign in with the password, and see « mon compte »', async () => {
    await assertNoAxeViolations(page, 'connexion');
    const form = page.locator('main form[action="/connexion"]');
    await form.locator('input[name="email"]').fill(email);
    await form.locator('input[name="password"]').fill(PASSWORD);
    await submit(page, '/connexion');
    assert.equal(new URL(page.url()).pathname, '/compte');
    assert.match(await textOf(page.locator('main')), /Camille Martin/);
    await assertNoAxeViolations(page, 'mon compte');
  });

  test('turn on the second factor with an authenticator code', async () => {
    await page.goto('/compte/double-authentification');
    await assertNoAxeViolations(page, 'double authentification (désactivée)');
    await submit(page, '/compte/double-authentification/activation');
    await assertNoAxeViolations(page, 'double authentification (activation)');
    assert.equal(await page.locator('main svg[role="img"]').count(), 1, 'the QR code');
    secret = (await textOf(page.locator('main code.fr-text--lg'))).replace(/\s+/g, '');
    assert.match(secret, /^[A-Z2-7]{32}$/);
    await page
      .locator('main form[action="/compte/double-authentification/confirmation"] input[name="code"]')
      .fill(totpCode(secret));
    await submit(page, '/compte/double-authentification/confirmation');
    const codes = (await page.locator('main ul li').allTextContents()).map((c) => c.trim());
    assert.equal(
      codes.filter((c) => /^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/.test(c)).length,
      10,
      `ten recovery codes shown once: ${codes.join(' | ')}`,
    );
    await assertNoAxeViolations(page, 'double authentification (codes de secours)');
  });

  test('sign out, then sign in again with the password and a TOTP code', async () => {
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.locator('header form[action="/deconnexion"] button').first().click(),
    ]);
    assert.equal(new URL(page.url()).pathname, '/connexion');
    const form = page.locator('main form[action="/connexion"]');
    await form.locator('input[name="email"]').fill(email);
    await form.locator('input[name="password"]').fill(PASSWORD);
    await submit(page, '/connexion');
    assert.equal(new URL(page.url()).pathname, '/connexion/double-authentification');
    await assertNoAxeViolations(page, 'connexion, second facteur');
    // The next 30-second step: the code used at enrolment is never accepted twice.
    await page
      .locator('main form[action="/connexion/double-authentification"] input[name="code"]')
      .fill(totpCode(secret, Date.now() + 30_000));
    await submit(page, '/connexion/double-authentification');
    assert.equal(new URL(page.url()).pathname, '/compte');
    assert.match(await textOf(page.locator('main')), /Camille Martin/);
  });

  test('the other pages of « mon compte » pass axe, the current one marked in the side menu', async () => {
    for (const [path, label] of [
      ['/compte/double-authentification', 'double authentification (activée)'],
      ['/compte/adresse', 'adresse e-mail'],
      ['/compte/donnees', 'mes données'],
    ] as const) {
      const response = await page.goto(path);
      assert.equal(response?.status(), 200, path);
      assert.equal(await page.locator(`nav.fr-sidemenu a[aria-current="page"][href="${path}"]`).count(), 1);
      await assertNoAxeViolations(page, label);
    }
  });
});

describe('single sign-on in the browser', () => {
  test('sign in through the OpenID Connect provider: the account is created and signed in', async () => {
    const context = await newContext(browser, server.url, { bypassCSP: true });
    try {
      const page = await context.newPage();
      await page.goto('/connexion');
      const button = page.locator('main form[action="/connexion/oidc/proconnect"] button');
      assert.match(await textOf(button), /ProConnect/);
      await Promise.all([page.waitForURL(`${provider.url}/interaction/**`), button.click()]);
      await page.locator('#login').fill('agent-1');
      await Promise.all([
        page.waitForURL(`${server.url}/compte`),
        page.locator('form[action$="/login"] button[type="submit"]').click(),
      ]);
      const text = await textOf(page.locator('main'));
      assert.match(text, /Dominique/);
      assert.match(text, /dominique\.agent@exemple\.gouv\.fr/);
      await assertNoAxeViolations(page, 'mon compte après ProConnect');
    } finally {
      await context.close();
    }
  });
});
