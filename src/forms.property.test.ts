import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { hashSecret } from './modules/accounts/accounts.service.js';
import { createTestUser, openTestSession } from './modules/accounts/testing.js';
import type { RegisteredRoute } from './platform/access/index.js';
import { sessionCsrfToken } from './platform/http/csrf.js';
import { matrixRoutes, SAMPLE_ID, sampleUrl } from './platform/testing/access-matrix.js';
import { createTestApp, type TestApp } from './platform/testing/app.js';

/**
 * Every form of the platform, fed random bodies: every route with an unsafe method gets random urlencoded
 * bodies (its own field names and the usual ones, with huge, unicode, control-character, repeated, empty or
 * malformed values), with a valid CSRF token most of the time, as an anonymous visitor and as an
 * administrator whose session is confirmed by a second factor, with random path parameters and, now and
 * then, tampered cookies. Whatever comes in: never a 5xx, a 4xx page says what is wrong in French, and the
 * server keeps answering.
 */

const RUNS_PER_ROUTE = 30;
const SEED = 20_261_127;
const COMMON_FIELDS = ['email', 'password', 'confirmation', 'jeton', 'code', 'retour', '_csrf'];

/**
 * What a 4xx HTML page must show: the error page (« Erreur 400 »), an error summary, a field message, or an
 * alert saying why (e.g. « Choisissez d’abord un mot de passe »).
 */
const FRENCH_ERROR = /Erreur \d{3}|class="fr-alert |fr-message--error/;

const hugeText = fc
  .tuple(fc.constantFrom('a', 'é', '𝄞', '<', '%', '\u0000', ' '), fc.integer({ min: 1_000, max: 100_000 }))
  .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)));
const controlText = fc.string({
  unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
  maxLength: 40,
});
const badEmail = fc.constantFrom(
  'a@',
  '@exemple.fr',
  'a@b',
  'deux@@exemple.fr',
  'espace dans@exemple.fr',
  `${'x'.repeat(300)}@exemple.fr`,
  '<script>alert(1)</script>@exemple.fr',
  'admin@exemple.fr\r\nBcc: x@y.fr',
  'ÉLODIE@EXEMPLE.FR',
);
const token = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_-]{43}$/),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,80}$/),
  fc.uuid(),
);
const anyValue = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 1, arbitrary: controlText },
  { weight: 1, arbitrary: hugeText },
  { weight: 2, arbitrary: badEmail },
  { weight: 2, arbitrary: token },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '0', '-1', 'true', 'null', '[]', '{}', '1e309') },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 99_999 }).map((n) => String(n).padStart(6, '0')) },
);
const param = fc.oneof(
  { weight: 2, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.constant(SAMPLE_ID) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }) },
);

/** How the request is sent: who, with which CSRF token, with which cookies. */
const requestMode = fc.record({
  who: fc.constantFrom('anonymous', 'administrator'),
  csrf: fc.oneof(
    { weight: 8, arbitrary: fc.constant('valid' as const) },
    { weight: 1, arbitrary: fc.constant('missing' as const) },
    { weight: 1, arbitrary: fc.constant('forged' as const) },
  ),
  cookies: fc.oneof(
    { weight: 9, arbitrary: fc.constant('intact' as const) },
    { weight: 1, arbitrary: fc.constant('tampered-session' as const) },
    { weight: 1, arbitrary: fc.constant('tampered-csrf' as const) },
  ),
  /** A few bodies sent raw, with broken percent-encoding. */
  raw: fc.option(fc.constantFrom('%', '%zz=1', 'a=%E0%A4%A', '=&=&', 'email=%00%00', '&&&'), { freq: 10 }),
});

function encodeBody(pairs: [string, string][]): string {
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

describe('every form survives random input (fast-check)', () => {
  let t: TestApp;
  const anonymous = { cookie: '', token: '' };

  before(async () => {
    t = await createTestApp();
    // The double-submit pair of an anonymous visitor.
    const home = await t.app.inject({ method: 'GET', url: '/' });
    const cookie = home.cookies.find((c) => c.name === 'csrf');
    anonymous.cookie = cookie ? `csrf=${cookie.value}` : '';
    anonymous.token = /name="_csrf" value="([^"]+)"/.exec(home.body)?.[1] ?? '';
  });
  after(() => t.close());

  /** A new administrator and session per request: some routes end the session, or the account. */
  async function administrator(): Promise<{ cookie: string; csrf: string }> {
    const user = await createTestUser(t.database.db, { roles: [{ role: 'administrator', scope: null }] });
    const session = await openTestSession(t.database.db, user.id, { secondFactor: true });
    return {
      cookie: `${t.app.sessionCookieName}=${session}`,
      csrf: sessionCsrfToken(hashSecret(session), t.config.SESSION_SECRET),
    };
  }

  /** The field names of the form page at the same path, when there is one (read as an administrator). */
  async function fieldNames(route: RegisteredRoute): Promise<string[]> {
    const names = new Set(COMMON_FIELDS);
    if (!route.url.includes(':') && !route.url.includes('*')) {
      const admin = await administrator();
      const page = await t.app.inject({ method: 'GET', url: route.url, headers: { cookie: admin.cookie } });
      for (const match of page.body.matchAll(/name="([^"]+)"/g)) names.add(match[1]!);
    }
    return [...names];
  }

  const failures: string[] = [];

  test('no unsafe route answers 5xx; a 4xx page says it in French; the server keeps serving', async (ctx) => {
    const routes = matrixRoutes(t.app).filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
    assert.ok(routes.length >= 10, `only ${routes.length} unsafe routes found`);
    let sent = 0;
    for (const route of routes) {
      const names = await fieldNames(route);
      const pair = fc.tuple(fc.constantFrom(...names), anyValue);
      const paramNames = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      const run = fc.assert(
        fc.asyncProperty(
          fc.array(pair, { maxLength: 8 }),
          fc.tuple(...paramNames.map(() => param)),
          requestMode,
          async (pairs, params, mode) => {
            const url = sampleUrl(route.url, Object.fromEntries(paramNames.map((n, i) => [n, params[i]!])));
            const cookies: string[] = [];
            let csrf: string;
            if (mode.who === 'administrator') {
              const admin = await administrator();
              cookies.push(
                mode.cookies === 'tampered-session' ? `${admin.cookie.slice(0, -4)}AAAA` : admin.cookie,
              );
              csrf = admin.csrf;
            } else {
              if (anonymous.cookie)
                cookies.push(mode.cookies === 'tampered-csrf' ? `${anonymous.cookie}x` : anonymous.cookie);
              if (mode.cookies === 'tampered-session') cookies.push(`${t.app.sessionCookieName}=forged`);
              csrf = anonymous.token;
            }
            const body = pairs.filter(([k]) => k !== '_csrf');
            if (mode.csrf === 'valid') body.unshift(['_csrf', csrf]);
            if (mode.csrf === 'forged') body.unshift(['_csrf', `${csrf.slice(1)}A`]);
            const payload = mode.raw ?? encodeBody(body);
            let response: LightMyRequestResponse;
            try {
              response = await t.app.inject({
                method: route.method as 'POST',
                url,
                payload,
                headers: {
                  'content-type': 'application/x-www-form-urlencoded',
                  ...(cookies.length ? { cookie: cookies.join('; ') } : {}),
                },
              });
            } catch (error) {
              throw new Error(`the request threw ${(error as Error).message}`);
            }
            sent++;
            const where = `${route.method} ${url} (${mode.who}, csrf ${mode.csrf}, cookies ${mode.cookies}) body ${payload.slice(0, 300)}`;
            assert.ok(response.statusCode < 500, `${response.statusCode} on ${where}`);
            const html = String(response.headers['content-type'] ?? '').startsWith('text/html');
            if (response.statusCode >= 400 && html) {
              assert.match(response.body, /<html lang="fr"/, where);
              assert.match(
                response.body,
                FRENCH_ERROR,
                `${response.statusCode} without a French message: ${where}`,
              );
            }
          },
        ),
        { numRuns: RUNS_PER_ROUTE, seed: SEED, endOnFailure: true },
      );
      // Every route is tried even when one fails: the report lists them all.
      await run.catch((error: Error) => {
        const cause = (error.cause as Error | undefined)?.message ?? error.message;
        failures.push(`${route.method} ${route.url}: ${cause.split('\n')[0]?.slice(0, 600)}`);
      });
      const health = await t.app.inject({ method: 'GET', url: '/sante' });
      assert.equal(health.statusCode, 200, `the server stopped answering after ${route.method} ${route.url}`);
    }
    ctx.diagnostic(
      `${routes.length} routes, ${sent} requests: ${routes.map((r) => `${r.method} ${r.url}`).join(', ')}`,
    );
    assert.deepEqual(failures, []);
    assert.equal(sent, routes.length * RUNS_PER_ROUTE);
  });

  test('an unreadable session or CSRF cookie is anonymous, never an error', async () => {
    for (const cookie of [
      `${'session'}=${'A'.repeat(5000)}`,
      'session=%ZZ',
      'session=; csrf=',
      'csrf=a.b.c.d',
      `csrf=${'é'.repeat(100)}`,
      'session=\u0001\u0002',
    ]) {
      for (const url of ['/', '/compte', '/admin']) {
        const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
        assert.ok(res.statusCode < 500, `${url} with ${cookie.slice(0, 40)}: ${res.statusCode}`);
      }
      const post = await t.app.inject({
        method: 'POST',
        url: '/connexion',
        payload: 'email=a%40b.fr&password=x',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(post.statusCode, 403, cookie.slice(0, 40));
      assert.match(post.body, /Le formulaire a expiré ou ne vient pas de ce site/);
    }
  });
});
