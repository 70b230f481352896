import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Database } from '../../platform/db/index.js';
import { createTestDatabase, testDatabaseUrl } from '../../platform/db/testing.js';
import { type RunningServer, startServer } from '../../platform/testing/server.js';
import { LIMITS } from './accounts.limits.js';

/**
 * Two real app processes on one PostgreSQL database, as in a scale-out deployment behind a load balancer:
 * a session opened on one is valid on the other, revoked on one it is refused by the other, and rate limits
 * count the attempts made on both.
 */
const url = testDatabaseUrl();
const skip = url ? false : 'needs PostgreSQL: runs with `npm run test:pg` (TEST_DATABASE_URL)';

const PASSWORD = 'une phrase de passe assez longue';

/** A browser on plain HTTP: keeps cookies per name, reads the CSRF token of the last page. */
class Browser {
  readonly cookies = new Map<string, string>();
  token = '';

  async request(
    server: RunningServer,
    path: string,
    form?: Record<string, string>,
  ): Promise<{ status: number; location: string | null; body: string; headers: Headers }> {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams({ _csrf: this.token, ...form }).toString();
    }
    const response = await fetch(`${server.url}${path}`, {
      method: form ? 'POST' : 'GET',
      headers,
      body,
      redirect: 'manual',
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some(
        (a) => /^\s*max-age=0$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a),
      );
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text);
    if (token?.[1]) this.token = token[1];
    return {
      status: response.status,
      location: response.headers.get('location'),
      body: text,
      headers: response.headers,
    };
  }
}

describe('two app instances on one PostgreSQL database', { skip }, () => {
  let database: Database;
  let a: RunningServer;
  let b: RunningServer;

  before(async () => {
    // One fresh, migrated database (from the test template) for both instances, and one SESSION_SECRET.
    database = await createTestDatabase();
    const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(database.db);
    const own = new URL(url!);
    own.pathname = `/${rows[0]!.name}`;
    const env = {
      DATABASE_URL: own.toString(),
      SESSION_SECRET: randomBytes(32).toString('hex'),
      SEED_ON_START: 'false',
    };
    [a, b] = await Promise.all([startServer({ env }), startServer({ env })]);
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.close();
  });

  /** The link of this path in the last mail to `to` (the worker of either instance delivers it to the outbox). */
  async function mailedLink(to: string, path: string): Promise<string> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const mail = await database.db
        .selectFrom('mail_outbox')
        .select('text_body')
        .where('to_address', '=', to)
        .orderBy('id', 'desc')
        .executeTakeFirst();
      const match = mail && new RegExp(`https?://[^\\s]+${path}\\?jeton=[A-Za-z0-9_-]+`).exec(mail.text_body);
      if (match) return new URL(match[0]).pathname + new URL(match[0]).search;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no mail with a ${path} link to ${to}\n${a.output()}\n${b.output()}`);
  }

  test('signed in on A: the session works on B; signed out on B, A refuses it', async () => {
    const email = `deux-instances-${process.pid}@exemple.fr`;
    const browser = new Browser();
    await browser.request(a, '/inscription');
    const signUp = await browser.request(a, '/inscription', {
      email,
      name: 'Camille Deux',
      password: PASSWORD,
      confirmation: PASSWORD,
    });
    assert.equal(signUp.status, 303, signUp.body.slice(0, 500));
    const link = await mailedLink(email, '/inscription/verification');
    await browser.request(a, link);
    const verified = await browser.request(a, '/inscription/verification', {
      jeton: new URL(link, a.url).searchParams.get('jeton')!,
    });
    assert.equal(verified.status, 303);
    await browser.request(a, '/connexion');
    const signIn = await browser.request(a, '/connexion', { email, password: PASSWORD });
    assert.equal(signIn.status, 303, signIn.body.slice(0, 500));
    assert.equal(signIn.location, '/compte');
    assert.ok(browser.cookies.get('session'), 'a session cookie');

    const onA = await browser.request(a, '/compte');
    assert.equal(onA.status, 200);
    const onB = await browser.request(b, '/compte');
    assert.equal(onB.status, 200, `B: ${onB.status} ${onB.location}`);
    assert.match(onB.body, /Camille Deux/);

    // The CSRF token of the session, read on B, signs out on B.
    const cookie = browser.cookies.get('session')!;
    const signOut = await browser.request(b, '/deconnexion', {});
    assert.equal(signOut.status, 303);
    assert.equal(signOut.location, '/connexion?deconnecte=1');

    // The same cookie, replayed on A, opens nothing.
    browser.cookies.set('session', cookie);
    const replay = await browser.request(a, '/compte');
    assert.equal(replay.status, 303);
    assert.match(String(replay.location), /^\/connexion/);
  });

  test('failed sign-ins on A and B count together: the limit answers 429 with Retry-After', async () => {
    const email = `limite-deux-instances-${process.pid}@exemple.fr`;
    const browser = new Browser();
    const servers = [a, b];
    await browser.request(a, '/connexion');
    for (let i = 0; i < LIMITS.signInAddress.limit; i++) {
      const server = servers[i % 2]!;
      const attempt = await browser.request(server, '/connexion', {
        email,
        password: `mauvais mot de passe ${i}`,
      });
      assert.equal(attempt.status, 400, `attempt ${i + 1} on ${server === a ? 'A' : 'B'}`);
    }
    const server = servers[LIMITS.signInAddress.limit % 2]!;
    const refused = await browser.request(server, '/connexion', { email, password: 'encore un essai' });
    assert.equal(refused.status, 429, `attempt ${LIMITS.signInAddress.limit + 1}: ${refused.status}`);
    assert.ok(Number(refused.headers.get('retry-after')) >= 1, 'Retry-After in seconds');
    assert.match(refused.body, /Trop de tentatives/);
    // And the other instance refuses too.
    const other = servers[(LIMITS.signInAddress.limit + 1) % 2]!;
    assert.equal((await browser.request(other, '/connexion', { email, password: 'et encore' })).status, 429);
  });
});
