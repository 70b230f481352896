import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync } from 'node:zlib';
import { publicAccess } from '../access/index.js';
import { createTestApp, type TestApp } from '../testing/app.js';

describe('HTTP platform', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({
      extend: (app) => {
        app.get('/essai/panne', { config: { access: publicAccess } }, async () => {
          throw new Error('secret internal detail: password=hunter2');
        });
      },
    });
  });
  after(() => t.close());

  test('the home page is a DSFR page in French with a skip link and one h1', async () => {
    const res = await t.client().get('/');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/html/);
    assert.match(res.body, /<html lang="fr"/);
    assert.match(res.body, /class="fr-header"/);
    assert.match(res.body, /République<br\/?>Française/);
    assert.match(res.body, /href="#contenu"/);
    assert.match(res.body, /<main id="contenu"/);
    assert.equal(res.body.match(/<h1[\s>]/g)?.length, 1);
    assert.match(res.body, /1 Md€/);
  });

  test('every page carries a strict CSP with a fresh nonce and the other security headers', async () => {
    const client = t.client();
    const a = await client.get('/');
    const b = await client.get('/');
    const csp = a.headers['content-security-policy'] as string;
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /frame-ancestors 'none'/);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce);
    assert.match(a.body, new RegExp(`<script[^>]+nonce="${nonce.replace(/[+/=]/g, '\\$&')}"`));
    assert.notEqual(nonce, /'nonce-([^']+)'/.exec(b.headers['content-security-policy'] as string)?.[1]);
    assert.equal(a.headers['x-content-type-options'], 'nosniff');
    assert.equal(a.headers['referrer-policy'], 'strict-origin-when-cross-origin');
    assert.equal(a.headers['strict-transport-security'], undefined, 'no HSTS over plain HTTP');
    assert.ok(a.headers['x-request-id']);
    assert.doesNotMatch(a.body, /\sstyle="/, 'no inline style attribute');
  });

  test('HSTS is sent when the platform is served over HTTPS', async () => {
    const secure = await createTestApp({ env: { PUBLIC_URL: 'https://french-impact.example.gouv.fr' } });
    try {
      const res = await secure.client().get('/');
      assert.match(res.headers['strict-transport-security'] as string, /max-age=\d+/);
      assert.ok((res.headers['set-cookie'] as string | string[]).toString().includes('__Host-csrf'));
    } finally {
      await secure.close();
    }
  });

  test('an unknown page gets the DSFR 404 page; under /api, JSON', async () => {
    const page = await t.client().get('/nulle-part');
    assert.equal(page.statusCode, 404);
    assert.match(page.body, /Page non trouvée/);
    assert.match(page.body, /class="fr-header"/);
    const api = await t.client().get('/api/nulle-part');
    assert.equal(api.statusCode, 404);
    assert.equal(api.json().error.code, 'not_found');
  });

  test('a failure shows a 500 page with a reference and never the internals', async () => {
    const res = await t.client().get('/essai/panne');
    assert.equal(res.statusCode, 500);
    assert.match(res.body, /Erreur inattendue/);
    assert.doesNotMatch(res.body, /hunter2|secret internal|at .*\.ts/);
    assert.ok(
      res.body.includes(res.headers['x-request-id'] as string),
      'the incident reference is the request id',
    );
  });

  test('a POST without the CSRF token is refused with a French explanation, then accepted with it', async () => {
    const client = t.client();
    await client.get('/');
    const refused = await client.post('/langue', { _csrf: 'faux', lang: 'en', retour: '/' });
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /Le formulaire a expiré/);
    const noCookie = await t.app.inject({
      method: 'POST',
      url: '/langue',
      payload: 'lang=en&retour=/',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(noCookie.statusCode, 403);
    const accepted = await client.post('/langue', { lang: 'en', retour: '/a-propos' });
    assert.equal(accepted.statusCode, 303);
    assert.equal(accepted.headers.location, '/a-propos');
  });

  test('a POST from another origin is refused even with a valid token', async () => {
    const client = t.client();
    const res = await client.post('/langue', { lang: 'en', retour: '/' }, { origin: 'https://evil.example' });
    assert.equal(res.statusCode, 403);
  });

  test('the language switch serves English pages and never redirects off the site', async () => {
    const client = t.client();
    const switched = await client.post('/langue', { lang: 'en', retour: '//evil.example/phish' });
    assert.equal(switched.statusCode, 303);
    assert.equal(switched.headers.location, '/');
    const home = await client.get('/');
    assert.match(home.body, /<html lang="en"/);
    assert.match(home.body, /The national accelerator for social innovation/);
    const bad = await client.post('/langue', { lang: 'de', retour: '/' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Langue inconnue/);
  });

  test('bad input of any kind gets a 4xx page, never a 500', async () => {
    const client = t.client();
    const token = await client.csrfToken();
    const cases = [
      {
        name: 'huge body',
        payload: `_csrf=${token}&x=${'a'.repeat(2_000_000)}`,
        type: 'application/x-www-form-urlencoded',
        status: 413,
      },
      {
        name: 'broken percent-encoding',
        payload: `_csrf=${token}&lang=%E0%A4%A&retour=%%%`,
        type: 'application/x-www-form-urlencoded',
      },
      {
        name: 'invalid UTF-8',
        payload: Buffer.concat([Buffer.from(`_csrf=${token}&lang=`), Buffer.from([0xff, 0xfe, 0xc3])]),
        type: 'application/x-www-form-urlencoded',
      },
      { name: 'unknown content type', payload: '<x/>', type: 'application/xml', status: 415 },
      { name: 'broken JSON', payload: '{"lang":', type: 'application/json' },
      {
        name: 'array where a string is expected',
        payload: `_csrf=${token}&lang=fr&lang=en`,
        type: 'application/x-www-form-urlencoded',
      },
    ];
    for (const c of cases) {
      const res = await client.inject({
        method: 'POST',
        url: '/langue',
        payload: c.payload,
        headers: { 'content-type': c.type },
      });
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${c.name}: got ${res.statusCode}`);
      if (c.status) assert.equal(res.statusCode, c.status, c.name);
      assert.match(res.body, /<html lang="fr"/, `${c.name}: an HTML page`);
    }
  });

  test('DSFR assets are served by the app under fingerprinted names with a long cache', async () => {
    const home = await t.client().get('/');
    const css = /href="(\/assets\/dsfr-[0-9a-f]{10}\/dsfr\.min\.css)"/.exec(home.body)?.[1];
    assert.ok(css);
    const res = await t.client().get(css, { 'accept-encoding': 'br' });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['cache-control'] as string, /max-age=31536000, immutable/);
    assert.equal(res.headers['content-encoding'], 'br');
    assert.match(brotliDecompressSync(res.rawPayload).toString('utf8', 0, 200), /DSFR|fr-/);
    const prefix = css.replace('dsfr.min.css', '');
    assert.equal((await t.client().get(`${prefix}dsfr.min.css.map`)).statusCode, 404, 'no source maps');
    assert.equal((await t.client().get(`${prefix}../../package.json`)).statusCode, 404);
    assert.equal((await t.client().get(`${prefix}fonts/Marianne-Regular.woff2`)).statusCode, 200);
  });

  test('HTML pages are compressed', async () => {
    const res = await t.client().get('/a-propos', { 'accept-encoding': 'br' });
    assert.equal(res.headers['content-encoding'], 'br');
  });

  test('/sante answers when the database does', async () => {
    const res = await t.client().get('/sante');
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().statut, 'ok');
  });

  test('every domain of the product is in the navigation, and unbuilt ones say so honestly', async () => {
    const home = await t.client().get('/');
    assert.match(home.body, /class="fr-nav__link" href="\/annuaire"/);
    assert.match(home.body, /class="fr-nav__link" href="\/appels"/);
    for (const path of [
      '/labels',
      '/territoires',
      '/hackers-publics',
      '/financement',
      '/impact',
      '/donnees',
    ]) {
      assert.match(home.body, new RegExp(`class="fr-nav__link" href="${path}"`));
      const page = await t.client().get(path);
      assert.equal(page.statusCode, 200, path);
      assert.match(page.body, /Bientôt disponible/, path);
      assert.match(page.body, new RegExp(`href="${path}" aria-current="page"`), `${path} marked current`);
    }
  });

  test('the legal pages and the sitemap exist in both languages', async () => {
    const client = t.client();
    for (const path of [
      '/a-propos',
      '/mentions-legales',
      '/donnees-personnelles',
      '/accessibilite',
      '/plan-du-site',
    ]) {
      const res = await client.get(path);
      assert.equal(res.statusCode, 200, path);
      assert.equal(res.body.match(/<h1[\s>]/g)?.length, 1, `${path}: one h1`);
    }
    await client.post('/langue', { lang: 'en', retour: '/' });
    assert.match((await client.get('/accessibilite')).body, /Accessibility statement/);
  });
});
