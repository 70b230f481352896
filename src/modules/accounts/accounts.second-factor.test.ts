import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { rule } from '../../platform/access/index.js';
import { createTestApp, type TestApp, type TestClient } from '../../platform/testing/app.js';
import { hashRecoveryCode, totpCode, totpStep } from '../../platform/totp/index.js';
import { hashSecret } from './accounts.service.js';
import { decryptSecret, deriveTotpKey } from './crypto.js';
import { createTestUser, enableTestTotp, openTestSession } from './testing.js';

const PASSWORD = 'une phrase de passe assez longue';
const STAFF_PAGE = '/essai/personnel';

/** A 6-digit code that matches no step of the window around now (so it is wrong, not just unlucky). */
function wrongCode(secret: string): string {
  const now = Date.now();
  const window = [-30_000, 0, 30_000, 60_000].map((d) => totpCode(secret, now + d));
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, '0');
    if (!window.includes(candidate)) return candidate;
  }
}

describe('second factor (TOTP) over HTTP: enrolment, second step of sign-in, recovery codes, deactivation', () => {
  let t: TestApp;
  const staffOnly = rule('essai', (p) => p.roles.some((g) => g.role === 'instructor'), { staff: true });

  before(async () => {
    t = await createTestApp({
      extend: (app) => {
        app.get(STAFF_PAGE, { config: { access: staffOnly } }, async () => 'dossiers');
      },
    });
  });
  after(() => t.close());

  const db = () => t.database.db;
  const cookieOf = (client: TestClient) => client.cookies.get('session');

  async function auditRows(userId: string) {
    return db()
      .selectFrom('audit_events')
      .select(['action', 'summary'])
      .where('object_id', '=', userId)
      .orderBy('id')
      .execute();
  }

  /** Signs in with the password and follows to the next page; returns the client and the answer (303). */
  async function signIn(email: string, password = PASSWORD, retour?: string) {
    const client = t.client();
    await client.get('/connexion');
    const res = await client.post('/connexion', { email, password, ...(retour ? { retour } : {}) });
    // As a browser does: follow the redirection (the next form's CSRF token comes with the page).
    if (res.statusCode === 303) await client.get(String(res.headers.location));
    return { client, res };
  }

  /** The key shown on the enrolment page, without its spaces. */
  function shownSecret(body: string): string {
    const match = /<code class="fr-text--lg">([A-Z2-7 ]+)<\/code>/.exec(body);
    assert.ok(match?.[1], 'the page shows the key as text');
    return match[1].replace(/ /g, '');
  }

  function shownRecoveryCodes(body: string): string[] {
    return [
      ...body.matchAll(
        /<code class="fr-text--lg">([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})<\/code>/g,
      ),
    ].map((m) => m[1]!);
  }

  /** Enrols through the pages; returns the secret and the recovery codes shown. */
  async function enrol(client: TestClient, retour?: string) {
    const form: Record<string, string> = retour ? { retour } : {};
    await client.get('/compte/double-authentification');
    const start = await client.post('/compte/double-authentification/activation', form);
    assert.equal(start.statusCode, 200, start.body.slice(0, 300));
    const secret = shownSecret(start.body);
    const confirm = await client.post('/compte/double-authentification/confirmation', {
      ...form,
      code: totpCode(secret),
    });
    assert.equal(confirm.statusCode, 200, confirm.body.slice(0, 500));
    return { secret, codes: shownRecoveryCodes(confirm.body), page: confirm };
  }

  /** Lets the next code of the same 30 s step work again (tests only: real users wait for the next step). */
  async function forgetLastStep(userId: string) {
    await db().updateTable('users').set({ totp_last_step: null }).where('id', '=', userId).execute();
  }

  test('enrolment: QR code and key, a wrong code refused, then on with 10 recovery codes shown once', async () => {
    const user = await createTestUser(db(), { password: PASSWORD });
    const { client } = await signIn(user.email);

    const off = await client.get('/compte/double-authentification');
    assert.equal(off.statusCode, 200);
    assert.match(off.body, /<h1[^>]*>Double authentification<\/h1>/);
    assert.match(off.body, /n’est pas activée/);
    assert.match(
      off.body,
      /aria-current="page"[^>]*>Double authentification</,
      'the side menu marks the page',
    );
    assert.doesNotMatch(off.body, /Votre rôle exige/, 'no staff notice for a user without a staff role');

    const start = await client.post('/compte/double-authentification/activation', {});
    assert.equal(start.statusCode, 200);
    assert.match(start.body, /<svg[^>]*role="img"/, 'a QR code');
    const secret = shownSecret(start.body);
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.match(start.body, /autocomplete="one-time-code"/);
    // Pending: kept on the server, encrypted, not on yet.
    const pending = await db()
      .selectFrom('users')
      .select(['totp_secret', 'totp_enabled_at'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.equal(pending.totp_enabled_at, null);
    assert.match(pending.totp_secret ?? '', /^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    assert.ok(!pending.totp_secret?.includes(secret), 'never the base32 secret in clear');
    // The page shows the same pending secret again.
    assert.equal(shownSecret((await client.get('/compte/double-authentification')).body), secret);

    const wrong = await client.post('/compte/double-authentification/confirmation', {
      code: wrongCode(secret),
    });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Code incorrect/);
    assert.match(wrong.body, /href="#field-code"/, 'the error summary links to the field');

    const done = await client.post('/compte/double-authentification/confirmation', {
      code: totpCode(secret),
    });
    assert.equal(done.statusCode, 200);
    assert.equal(done.headers['cache-control'], 'no-store');
    const codes = shownRecoveryCodes(done.body);
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    assert.match(done.body, /ne seront plus jamais affichés/);

    const row = await db()
      .selectFrom('users')
      .select(['totp_secret', 'totp_enabled_at', 'totp_last_step'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.ok(row.totp_enabled_at);
    assert.ok(row.totp_last_step !== null);
    assert.ok(!row.totp_secret?.includes(secret), 'the database never holds the secret in clear');
    assert.equal(
      decryptSecret(row.totp_secret ?? '', deriveTotpKey(t.config.SESSION_SECRET), user.id),
      secret,
    );
    const stored = await db()
      .selectFrom('recovery_codes')
      .select('code_hash')
      .where('user_id', '=', user.id)
      .execute();
    assert.deepEqual(stored.map((r) => r.code_hash).sort(), codes.map(hashRecoveryCode).sort());
    for (const code of codes) assert.ok(!stored.some((r) => r.code_hash.includes(code)));

    // This session counts as confirmed by the second factor.
    const session = await db()
      .selectFrom('sessions')
      .select('second_factor_at')
      .where('id', '=', hashSecret(cookieOf(client) ?? ''))
      .executeTakeFirstOrThrow();
    assert.ok(session.second_factor_at);

    const on = await client.get('/compte/double-authentification?activee=1');
    assert.match(on.body, /La double authentification est activée/);
    assert.match(on.body, /Il vous reste 10 codes de secours/);
    assert.doesNotMatch(on.body, /fr-text--lg">[a-z2-9]{4}-/, 'the codes are not shown again');
    const actions = (await auditRows(user.id)).map((r) => r.action);
    assert.ok(actions.includes('auth.second_factor_enabled'));
    assert.ok(actions.includes('auth.second_factor_failed'));

    // Starting again once on is refused.
    assert.equal((await client.post('/compte/double-authentification/activation', {})).statusCode, 409);
  });

  test('sign-in with TOTP: pending session, code asked, never accepted twice, new session id', async () => {
    const user = await createTestUser(db(), { password: PASSWORD });
    const secret = await enableTestTotp(db(), user.id, t.config);

    const { client, res } = await signIn(user.email, PASSWORD, '/compte/double-authentification');
    assert.equal(res.statusCode, 303);
    assert.equal(
      res.headers.location,
      '/connexion/double-authentification?retour=%2Fcompte%2Fdouble-authentification',
    );
    const pendingToken = cookieOf(client);
    assert.ok(pendingToken);
    // Not signed in yet: « mon compte » sends to sign-in.
    const account = await client.get('/compte');
    assert.equal(account.statusCode, 303);
    assert.match(String(account.headers.location), /^\/connexion/);

    const page = await client.get(
      '/connexion/double-authentification?retour=%2Fcompte%2Fdouble-authentification',
    );
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Saisissez le code à 6 chiffres/);
    assert.match(page.body, /name="retour" value="\/compte\/double-authentification"/);
    assert.match(page.body, /href="\/connexion\/double-authentification\?secours=1&(amp;)?retour=/);

    const wrong = await client.post('/connexion/double-authentification', { code: wrongCode(secret) });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Code incorrect/);
    const empty = await client.post('/connexion/double-authentification', { code: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Saisissez le code/);

    const code = totpCode(secret);
    const ok = await client.post('/connexion/double-authentification', {
      code,
      retour: '/compte/double-authentification',
    });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/compte/double-authentification');
    const token = cookieOf(client);
    assert.ok(token && token !== pendingToken, 'a new session token');
    const sessions = await db()
      .selectFrom('sessions')
      .select(['id', 'revoked_at', 'second_factor_at', 'pending_second_factor', 'method', 'expires_at'])
      .where('user_id', '=', user.id)
      .execute();
    const pendingRow = sessions.find((s) => s.id === hashSecret(pendingToken));
    const fresh = sessions.find((s) => s.id === hashSecret(token));
    assert.ok(pendingRow?.revoked_at, 'the pending session is revoked');
    assert.ok(fresh?.second_factor_at);
    assert.equal(fresh?.pending_second_factor, false);
    assert.equal(fresh?.method, 'password');
    assert.ok((fresh?.expires_at.getTime() ?? 0) > Date.now() + 29 * 24 * 3600_000);
    assert.equal((await client.get('/compte')).statusCode, 200);
    const signInEvent = (await auditRows(user.id)).filter((r) => r.action === 'auth.sign_in').at(-1);
    assert.deepEqual(signInEvent?.summary, { method: 'password', secondFactor: 'totp' });
    const last = await db()
      .selectFrom('users')
      .select('totp_last_step')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.ok(Number(last.totp_last_step) >= totpStep(Date.now()) - 1);

    // The same code again, on a new sign-in: refused (a code works once).
    const again = await signIn(user.email);
    const replay = await again.client.post('/connexion/double-authentification', { code });
    assert.equal(replay.statusCode, 400);
    assert.match(replay.body, /Code incorrect/);

    // The old pending cookie opens nothing anymore.
    const stale = t.client();
    stale.cookies.set('session', pendingToken);
    assert.equal((await stale.get('/connexion/double-authentification')).headers.location, '/connexion');
  });

  test('sign-in with a recovery code: each works once; the toggle works without JavaScript', async () => {
    const user = await createTestUser(db(), { password: PASSWORD });
    const { client } = await signIn(user.email);
    const { codes } = await enrol(client);
    assert.equal(codes.length, 10);

    const first = await signIn(user.email);
    const page = await first.client.get('/connexion/double-authentification?secours=1');
    assert.match(page.body, /name="recoveryCode"/);
    assert.match(page.body, /Saisissez un de vos codes de secours/);
    const wrong = await first.client.post('/connexion/double-authentification', {
      recoveryCode: 'aaaa-bbbb-cccc-dddd',
    });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Code incorrect/);
    assert.match(wrong.body, /name="recoveryCode"/, 'still the recovery form');
    // Typing forgives case and spaces.
    const used = codes[3]!;
    const ok = await first.client.post('/connexion/double-authentification', {
      recoveryCode: used.toUpperCase().replace(/-/g, ' '),
    });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/compte');
    const event = (await auditRows(user.id)).filter((r) => r.action === 'auth.sign_in').at(-1);
    assert.deepEqual(event?.summary, { method: 'password', secondFactor: 'recovery_code' });

    const second = await signIn(user.email);
    const reused = await second.client.post('/connexion/double-authentification', { recoveryCode: used });
    assert.equal(reused.statusCode, 400, 'a recovery code works once');
    assert.match((await first.client.get('/compte/double-authentification')).body, /Il vous reste 9 codes/);
  });

  test('the second-step page without a waiting session', async () => {
    const anonymous = t.client();
    const get = await anonymous.get('/connexion/double-authentification');
    assert.equal(get.statusCode, 303);
    assert.equal(get.headers.location, '/connexion');
    const post = await anonymous.post('/connexion/double-authentification', { code: '123456' });
    assert.equal(post.statusCode, 303);
    assert.equal(post.headers.location, '/connexion');

    const user = await createTestUser(db(), { password: PASSWORD });
    const { client } = await signIn(user.email);
    const signedIn = await client.get('/connexion/double-authentification');
    assert.equal(signedIn.headers.location, '/compte');

    // « Annuler » on the code page closes the waiting session.
    const totpUser = await createTestUser(db(), { password: PASSWORD });
    await enableTestTotp(db(), totpUser.id, t.config);
    const pending = await signIn(totpUser.email);
    const token = cookieOf(pending.client) ?? '';
    await pending.client.get('/connexion/double-authentification');
    const out = await pending.client.post('/deconnexion', {});
    assert.equal(out.statusCode, 303);
    const row = await db()
      .selectFrom('sessions')
      .select('revoked_at')
      .where('id', '=', hashSecret(token))
      .executeTakeFirstOrThrow();
    assert.ok(row.revoked_at);
  });

  test('the pages in English', async () => {
    const user = await createTestUser(db(), { password: PASSWORD });
    const secret = await enableTestTotp(db(), user.id, t.config);
    const { client } = await signIn(user.email);
    client.cookies.set('lang', 'en');
    const page = await client.get('/connexion/double-authentification');
    assert.match(page.body, /<h1[^>]*>Two-factor authentication<\/h1>/);
    const wrong = await client.post('/connexion/double-authentification', { code: wrongCode(secret) });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Wrong code\./);
    const ok = await client.post('/connexion/double-authentification', { code: totpCode(secret) });
    assert.equal(ok.statusCode, 303);
    const account = await client.get('/compte/double-authentification');
    assert.match(account.body, /Two-factor authentication is on\./);
  });

  test('staff sent to enrol are told why, then come back to their page; they cannot turn it off', async () => {
    const staff = await createTestUser(db(), {
      password: PASSWORD,
      roles: [{ role: 'instructor', scope: { type: 'call', id: 'appel-1' } }],
    });
    const { client } = await signIn(staff.email);
    const refused = await client.get(STAFF_PAGE);
    assert.equal(refused.statusCode, 303);
    assert.equal(refused.headers.location, '/compte/double-authentification?retour=%2Fessai%2Fpersonnel');
    const page = await client.get(String(refused.headers.location));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Votre rôle exige la double authentification/);
    assert.match(page.body, /name="retour" value="\/essai\/personnel"/);

    const { page: codesPage } = await enrol(client, '/essai/personnel');
    assert.match(codesPage.body, /href="\/essai\/personnel"[^>]*>J’ai noté mes codes, continuer/);
    const staffPage = await client.get(STAFF_PAGE);
    assert.equal(staffPage.statusCode, 200);
    assert.equal(staffPage.body, 'dossiers');

    // A foreign return address is not followed.
    const foreign = await client.get('/compte/double-authentification?retour=%2F%2Fevil.example');
    assert.doesNotMatch(foreign.body, /evil\.example/);

    const on = await client.get('/compte/double-authentification');
    assert.doesNotMatch(on.body, /action="\/compte\/double-authentification\/desactivation"/);
    assert.match(on.body, /ne peut pas être désactivée tant que vous le détenez/);
    const disable = await client.post('/compte/double-authentification/desactivation', {
      password: PASSWORD,
    });
    assert.equal(disable.statusCode, 409);
    assert.match(disable.body, /Votre rôle exige la double authentification/);
    const row = await db()
      .selectFrom('users')
      .select('totp_enabled_at')
      .where('id', '=', staff.id)
      .executeTakeFirstOrThrow();
    assert.ok(row.totp_enabled_at, 'still on');
  });

  test('staff signing in with TOTP reach their page through the second step', async () => {
    const staff = await createTestUser(db(), {
      password: PASSWORD,
      roles: [{ role: 'instructor', scope: { type: 'call', id: 'appel-1' } }],
    });
    const secret = await enableTestTotp(db(), staff.id, t.config);
    const { client, res } = await signIn(staff.email, PASSWORD, STAFF_PAGE);
    assert.equal(res.headers.location, '/connexion/double-authentification?retour=%2Fessai%2Fpersonnel');
    const ok = await client.post('/connexion/double-authentification', {
      code: totpCode(secret),
      retour: STAFF_PAGE,
    });
    assert.equal(ok.headers.location, STAFF_PAGE);
    assert.equal((await client.get(STAFF_PAGE)).body, 'dossiers');
  });

  test('new recovery codes need a current code; the old ones stop working', async () => {
    const user = await createTestUser(db(), { password: PASSWORD });
    const { client } = await signIn(user.email);
    const { secret, codes: old } = await enrol(client);
    await forgetLastStep(user.id);

    const wrong = await client.post('/compte/double-authentification/codes-de-secours', {
      code: wrongCode(secret),
    });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Code incorrect/);
    const res = await client.post('/compte/double-authentification/codes-de-secours', {
      code: totpCode(secret),
    });
    assert.equal(res.statusCode, 200);
    const fresh = shownRecoveryCodes(res.body);
    assert.equal(fresh.length, 10);
    assert.ok(fresh.every((c) => !old.includes(c)));
    const actions = (await auditRows(user.id)).map((r) => r.action);
    assert.ok(actions.includes('auth.recovery_codes_regenerated'));

    const { client: other } = await signIn(user.email);
    const stale = await other.post('/connexion/double-authentification', { recoveryCode: old[0]! });
    assert.equal(stale.statusCode, 400, 'an old code no longer works');
    const works = await other.post('/connexion/double-authentification', { recoveryCode: fresh[0]! });
    assert.equal(works.statusCode, 303);
  });

  test('turning it off needs the password (or a code without password)', async () => {
    const user = await createTestUser(db(), { password: PASSWORD });
    const { client } = await signIn(user.email);
    await enrol(client);

    const wrong = await client.post('/compte/double-authentification/desactivation', {
      password: 'pas le bon mot de passe',
    });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Mot de passe incorrect/);
    const off = await client.post('/compte/double-authentification/desactivation', { password: PASSWORD });
    assert.equal(off.statusCode, 303);
    assert.equal(off.headers.location, '/compte/double-authentification?desactivee=1');
    assert.match(
      (await client.get(String(off.headers.location))).body,
      /La double authentification est désactivée/,
    );
    const row = await db()
      .selectFrom('users')
      .select(['totp_secret', 'totp_enabled_at'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { totp_secret: null, totp_enabled_at: null });
    const left = await db()
      .selectFrom('recovery_codes')
      .select('code_hash')
      .where('user_id', '=', user.id)
      .execute();
    assert.equal(left.length, 0);
    assert.ok((await auditRows(user.id)).some((r) => r.action === 'auth.second_factor_disabled'));
    // Signing in again asks for the password only.
    assert.equal((await signIn(user.email)).res.headers.location, '/compte');

    // An account without a password confirms with a code.
    const noPassword = await createTestUser(db());
    const secret = await enableTestTotp(db(), noPassword.id, t.config);
    const c = t.client();
    c.cookies.set('session', await openTestSession(db(), noPassword.id, { secondFactor: true }));
    const page = await c.get('/compte/double-authentification');
    assert.match(page.body, /name="disableCode"/);
    assert.doesNotMatch(page.body, /name="password"/);
    const bad = await c.post('/compte/double-authentification/desactivation', {
      disableCode: wrongCode(secret),
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#field-disableCode"/);
    const good = await c.post('/compte/double-authentification/desactivation', {
      disableCode: totpCode(secret),
    });
    assert.equal(good.statusCode, 303);
  });

  test('wrong codes are limited per account: 429 with the wait, even for the right code then', async () => {
    const user = await createTestUser(db(), { password: PASSWORD });
    const secret = await enableTestTotp(db(), user.id, t.config);
    const { client } = await signIn(user.email);
    for (let i = 0; i < 5; i++) {
      const res = await client.post('/connexion/double-authentification', { code: wrongCode(secret) });
      assert.equal(res.statusCode, 400, `try ${i + 1}`);
    }
    const locked = await client.post('/connexion/double-authentification', { code: totpCode(secret) });
    assert.equal(locked.statusCode, 429);
    assert.match(locked.body, /Trop de tentatives\. Réessayez dans \d+ minutes?\./);
    assert.ok(Number(locked.headers['retry-after']) > 0);
    assert.equal(cookieOf(client) !== undefined, true, 'still only the waiting session');
    const failures = (await auditRows(user.id)).filter((r) => r.action === 'auth.second_factor_failed');
    assert.equal(failures.length, 5);
    // Another account is not affected.
    const other = await createTestUser(db(), { password: PASSWORD });
    const otherSecret = await enableTestTotp(db(), other.id, t.config);
    const { client: c2 } = await signIn(other.email);
    assert.equal(
      (await c2.post('/connexion/double-authentification', { code: totpCode(otherSecret) })).statusCode,
      303,
    );
  });

  test('a staff session idle 31 minutes is closed; a normal one is not', async () => {
    const staff = await createTestUser(db(), {
      roles: [{ role: 'instructor', scope: { type: 'call', id: 'appel-1' } }],
    });
    const user = await createTestUser(db());
    const staffToken = await openTestSession(db(), staff.id, { secondFactor: true });
    const userToken = await openTestSession(db(), user.id);
    await db()
      .updateTable('sessions')
      .set({ last_seen_at: sql<Date>`now() - interval '31 minutes'` })
      .where('id', 'in', [hashSecret(staffToken), hashSecret(userToken)])
      .execute();
    const staffClient = t.client();
    staffClient.cookies.set('session', staffToken);
    const refused = await staffClient.get('/compte');
    assert.equal(refused.statusCode, 303);
    assert.match(String(refused.headers.location), /^\/connexion/);
    assert.equal(cookieOf(staffClient), undefined, 'the cookie is cleared');
    const userClient = t.client();
    userClient.cookies.set('session', userToken);
    assert.equal((await userClient.get('/compte')).statusCode, 200);
  });
});
