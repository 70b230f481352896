import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { JobWorker } from '../../platform/jobs/index.js';
import { memoryLogger } from '../../platform/jobs/testing.js';
import { createTestApp, type TestApp, type TestClient } from '../../platform/testing/app.js';
import { argon2Calls, checkPasswordPolicy } from './passwords.js';

const PASSWORD = 'une phrase de passe assez longue';

describe('accounts over HTTP (sign-up, verification, sign-in, sessions, reset)', () => {
  let t: TestApp;
  let worker: JobWorker;
  let seq = 0;

  before(async () => {
    t = await createTestApp();
    worker = new JobWorker({ db: t.database.db, logger: memoryLogger(), handlers: { ...t.mailer.handlers } });
  });
  after(() => t.close());

  /** Delivers the queued mails (to `mail_outbox`) and returns the last link of this path sent to `to`. */
  async function lastLink(to: string, path: string): Promise<string> {
    await worker.drain();
    const mails = await t.database.db
      .selectFrom('mail_outbox')
      .select(['text_body'])
      .where('to_address', '=', to)
      .orderBy('id', 'desc')
      .execute();
    for (const mail of mails) {
      const match = new RegExp(`https?://[^\\s]+${path}\\?jeton=[A-Za-z0-9_-]+`).exec(mail.text_body);
      if (match) return new URL(match[0]).pathname + new URL(match[0]).search;
    }
    throw new Error(`no mail with a ${path} link to ${to}`);
  }

  async function auditActions(): Promise<string[]> {
    const rows = await t.database.db.selectFrom('audit_events').select('action').orderBy('id').execute();
    return rows.map((r) => r.action);
  }

  const sessionCookie = (client: TestClient) => client.cookies.get('session');

  /** A verified account, and a client signed in to it. */
  async function signedInUser(name = 'Camille Martin') {
    const email = `personne${++seq}@exemple.fr`;
    const client = t.client();
    await client.get('/inscription');
    const res = await client.post('/inscription', {
      email,
      name,
      password: PASSWORD,
      confirmation: PASSWORD,
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const verify = await lastLink(email, '/inscription/verification');
    await client.get(verify);
    assert.equal(
      (await client.post('/inscription/verification', { jeton: tokenOf(verify) })).statusCode,
      303,
    );
    await client.get('/connexion');
    const signIn = await client.post('/connexion', { email, password: PASSWORD });
    assert.equal(signIn.statusCode, 303);
    return { email, client };
  }

  const tokenOf = (link: string) => new URL(link, 'http://x').searchParams.get('jeton') ?? '';

  test('the whole journey: sign up, mail, verify, sign in, mon compte, sign out', async () => {
    const client = t.client();
    const email = 'Claire.Dupont@Exemple.fr';
    const page = await client.get('/inscription');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1[^>]*>Créer un compte<\/h1>/);
    assert.match(page.body, /href="\/connexion"[^>]*>Se connecter</, 'the header offers to sign in');

    const signUp = await client.post('/inscription', {
      email,
      name: 'Claire Dupont',
      password: PASSWORD,
      confirmation: PASSWORD,
    });
    assert.equal(signUp.statusCode, 303);
    assert.equal(signUp.headers.location, '/inscription/envoyee');
    assert.match((await client.get('/inscription/envoyee')).body, /Vérifiez votre boîte mail/);

    // Not verified yet: the generic answer, no session.
    const early = await client.post('/connexion', { email, password: PASSWORD });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /Adresse e-mail ou mot de passe incorrect\./);
    assert.equal(sessionCookie(client), undefined);

    const link = await lastLink('claire.dupont@exemple.fr', '/inscription/verification');
    const verifyPage = await client.get(link);
    assert.equal(verifyPage.statusCode, 200);
    assert.equal(
      verifyPage.headers['referrer-policy'],
      'strict-origin-when-cross-origin',
      'no path to other sites',
    );
    assert.equal(verifyPage.headers['cache-control'], 'no-store');
    assert.match(verifyPage.body, /<form method="post" action="\/inscription\/verification"/);
    const verified = await client.post('/inscription/verification', { jeton: tokenOf(link) });
    assert.equal(verified.statusCode, 303);
    assert.equal(verified.headers.location, '/connexion?confirmee=1');

    const signIn = await client.post('/connexion', { email: 'claire.dupont@exemple.fr', password: PASSWORD });
    assert.equal(signIn.statusCode, 303);
    assert.equal(signIn.headers.location, '/compte');
    const cookie = signIn.cookies.find((c) => c.name === 'session');
    assert.ok(cookie, 'a session cookie');
    assert.equal(cookie.httpOnly, true);
    assert.equal(String(cookie.sameSite).toLowerCase(), 'lax');
    assert.equal(cookie.path, '/');

    const account = await client.get('/compte');
    assert.equal(account.statusCode, 200);
    assert.equal(account.headers['cache-control'], 'no-store');
    assert.match(account.body, /Claire Dupont/);
    assert.match(account.body, /claire\.dupont@exemple\.fr/);
    assert.match(account.body, /href="\/compte"[^>]*>Mon compte</);
    assert.match(account.body, /action="\/deconnexion"/);

    const out = await client.post('/deconnexion', {});
    assert.equal(out.statusCode, 303);
    const after = await client.get('/compte');
    assert.equal(after.statusCode, 303);
    assert.equal(after.headers.location, '/connexion?retour=%2Fcompte');

    const actions = await auditActions();
    for (const action of [
      'auth.sign_up',
      'auth.email_verified',
      'auth.sign_in',
      'auth.sign_out',
      'auth.sign_in_failed',
    ])
      assert.ok(actions.includes(action), `audit has ${action}`);
    const failed = await t.database.db
      .selectFrom('audit_events')
      .select(['summary'])
      .where('action', '=', 'auth.sign_in_failed')
      .execute();
    assert.ok(
      failed.every((row) => !JSON.stringify(row.summary).includes(PASSWORD)),
      'no password in the trail',
    );
  });

  test('wrong password and unknown address: the same message, status 400', async () => {
    const { email } = await signedInUser();
    const client = t.client();
    await client.get('/connexion');
    const wrong = await client.post('/connexion', { email, password: 'pas le bon mot de passe' });
    const unknown = await client.post('/connexion', { email: 'personne@nulle-part.fr', password: PASSWORD });
    for (const res of [wrong, unknown]) {
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /Adresse e-mail ou mot de passe incorrect\./);
    }
    const strip = (body: string) => body.replace(/value="[^"]*"/g, '').replace(/nonce="[^"]*"/g, '');
    assert.equal(strip(wrong.body), strip(unknown.body), 'the two pages are the same but for the values');
  });

  test('signing up with an address that has an account answers the same and mails the owner', async () => {
    const { email } = await signedInUser();
    const client = t.client();
    await client.get('/inscription');
    const res = await client.post('/inscription', {
      email,
      name: 'Quelqu’un d’autre',
      password: PASSWORD,
      confirmation: PASSWORD,
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/inscription/envoyee');
    await worker.drain();
    const last = await t.database.db
      .selectFrom('mail_outbox')
      .select(['subject'])
      .where('to_address', '=', email)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(last.subject, 'Vous avez déjà un compte');
  });

  test('a replayed verification link is refused with a clear 400 message', async () => {
    const email = `rejeu${++seq}@exemple.fr`;
    const client = t.client();
    await client.get('/inscription');
    await client.post('/inscription', { email, name: 'Rejeu', password: PASSWORD, confirmation: PASSWORD });
    const link = await lastLink(email, '/inscription/verification');
    await client.get(link);
    assert.equal((await client.post('/inscription/verification', { jeton: tokenOf(link) })).statusCode, 303);
    const again = await client.post('/inscription/verification', { jeton: tokenOf(link) });
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /Ce lien n’est plus valable/);
    const page = await client.get(link);
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /Ce lien n’est plus valable/);
    const broken = await client.get('/inscription/verification?jeton=abc');
    assert.equal(broken.statusCode, 400);
    assert.match(broken.body, /Le lien est incomplet/);
  });

  test('a GET on a verification link changes nothing', async () => {
    const email = `get${++seq}@exemple.fr`;
    const client = t.client();
    await client.get('/inscription');
    await client.post('/inscription', {
      email,
      name: 'Sans clic',
      password: PASSWORD,
      confirmation: PASSWORD,
    });
    const link = await lastLink(email, '/inscription/verification');
    assert.equal((await client.get(link)).statusCode, 200);
    assert.equal((await client.get(link)).statusCode, 200, 'still usable after two GETs');
    const user = await t.database.db
      .selectFrom('users')
      .select('email_verified_at')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    assert.equal(user.email_verified_at, null);
  });

  test('password reset: same answer for any address, single use, revokes every session', async () => {
    const { email, client: other } = await signedInUser('Sam Durand');
    assert.equal((await other.get('/compte')).statusCode, 200);

    const client = t.client();
    await client.get('/mot-de-passe-oublie');
    const known = await client.post('/mot-de-passe-oublie', { email });
    const unknown = await client.post('/mot-de-passe-oublie', { email: 'inconnu@exemple.fr' });
    for (const res of [known, unknown]) {
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/mot-de-passe-oublie/envoye');
    }

    const link = await lastLink(email, '/mot-de-passe-oublie/nouveau');
    const form = await client.get(link);
    assert.equal(form.statusCode, 200);
    const newPassword = 'un tout nouveau mot de passe';
    const short = await client.post('/mot-de-passe-oublie/nouveau', {
      jeton: tokenOf(link),
      password: 'court',
      confirmation: 'court',
    });
    assert.equal(short.statusCode, 400);
    assert.match(short.body, /au moins 12 caractères/);
    const done = await client.post('/mot-de-passe-oublie/nouveau', {
      jeton: tokenOf(link),
      password: newPassword,
      confirmation: newPassword,
    });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/connexion?reinitialise=1');

    const replay = await client.post('/mot-de-passe-oublie/nouveau', {
      jeton: tokenOf(link),
      password: newPassword,
      confirmation: newPassword,
    });
    assert.equal(replay.statusCode, 400);
    assert.match(replay.body, /Ce lien n’est plus valable/);
    assert.equal((await client.get(link)).statusCode, 400);

    const revoked = await other.get('/compte');
    assert.equal(revoked.statusCode, 303, 'the other session is revoked');
    assert.equal(revoked.headers.location, '/connexion?retour=%2Fcompte');

    const signIn = t.client();
    await signIn.get('/connexion');
    assert.equal((await signIn.post('/connexion', { email, password: PASSWORD })).statusCode, 400);
    assert.equal((await signIn.post('/connexion', { email, password: newPassword })).statusCode, 303);
    assert.ok((await auditActions()).includes('auth.password_reset'));
  });

  test('a tampered session cookie is anonymous (and forgotten)', async () => {
    const { client } = await signedInUser();
    const value = sessionCookie(client)!;
    const flipped = `${value.slice(0, -1)}${value.endsWith('A') ? 'B' : 'A'}`;
    for (const forged of [flipped, 'x', `${value}x`, '']) {
      const res = await t.app.inject({
        method: 'GET',
        url: '/compte',
        headers: { cookie: `session=${forged}` },
      });
      assert.equal(res.statusCode, 303, `cookie ${JSON.stringify(forged)}`);
      assert.equal(res.headers.location, '/connexion?retour=%2Fcompte');
    }
    const res = await t.app.inject({ method: 'GET', url: '/', headers: { cookie: `session=${flipped}` } });
    assert.match(res.body, />Se connecter</);
    assert.ok(
      res.cookies.some((c) => c.name === 'session' && c.value === ''),
      'the bad cookie is cleared',
    );
  });

  test('sign-in gives a new session id; a CSRF token from before sign-in no longer works', async () => {
    const { email, client } = await signedInUser();
    const first = sessionCookie(client);
    await client.get('/connexion');
    const tokenBefore = await client.csrfToken();
    // Signing in again while signed in: a new session, the old one revoked.
    assert.equal((await client.post('/connexion', { email, password: PASSWORD })).statusCode, 303);
    const second = sessionCookie(client);
    assert.ok(first && second && first !== second, 'a new session id');
    const old = await t.app.inject({
      method: 'GET',
      url: '/compte',
      headers: { cookie: `session=${first}` },
    });
    assert.equal(old.statusCode, 303, 'the previous session is revoked');

    const anonymous = t.client();
    await anonymous.get('/connexion');
    const anonymousToken = await anonymous.csrfToken();
    assert.equal((await anonymous.post('/connexion', { email, password: PASSWORD })).statusCode, 303);
    const stale = await anonymous.post('/compte/sessions/deconnexion-autres', { _csrf: anonymousToken });
    assert.equal(stale.statusCode, 403, 'the token from before sign-in is refused');
    const stale2 = await client.post('/deconnexion', { _csrf: tokenBefore });
    assert.equal(stale2.statusCode, 403, 'a token of another session is refused');
    await anonymous.get('/compte');
    const fresh = await anonymous.post('/compte/sessions/deconnexion-autres', {});
    assert.equal(fresh.statusCode, 303, 'the token of this session works');
  });

  test('mon compte lists the sessions and revokes one, or all the others', async () => {
    const { email, client } = await signedInUser();
    const second = t.client();
    await second.get('/connexion');
    await second.post('/connexion', { email, password: PASSWORD });
    const third = t.client();
    await third.get('/connexion');
    await third.post('/connexion', { email, password: PASSWORD });

    const page = await client.get('/compte');
    const ids = [...page.body.matchAll(/action="\/compte\/sessions\/([0-9a-f-]{36})\/deconnexion"/g)].map(
      (m) => m[1],
    );
    assert.equal(ids.length, 3);
    assert.match(page.body, /Déconnecter toutes les autres sessions/);

    // Another user cannot revoke these sessions.
    const { client: stranger } = await signedInUser();
    await stranger.get('/compte');
    assert.equal((await stranger.post(`/compte/sessions/${ids[0]}/deconnexion`, {})).statusCode, 404);

    const rows = await t.database.db
      .selectFrom('sessions')
      .select('public_id')
      .where('public_id', 'in', ids as string[])
      .where('revoked_at', 'is', null)
      .execute();
    assert.equal(rows.length, 3, 'the three listed sessions are the active ones');

    const revokeOthers = await client.post('/compte/sessions/deconnexion-autres', {});
    assert.equal(revokeOthers.statusCode, 303);
    assert.equal((await second.get('/compte')).statusCode, 303);
    assert.equal((await third.get('/compte')).statusCode, 303);
    const mine = await client.get(String(revokeOthers.headers.location));
    assert.equal(mine.statusCode, 200);
    assert.match(mine.body, /Les autres sessions ont été déconnectées/);
    const left = [...mine.body.matchAll(/action="\/compte\/sessions\/([0-9a-f-]{36})\/deconnexion"/g)];
    assert.equal(left.length, 1);
    assert.ok((await auditActions()).includes('auth.session_revoked'));

    // Revoking one's own current session signs out.
    const own = await client.post(`/compte/sessions/${left[0]![1]}/deconnexion`, {});
    assert.equal(own.statusCode, 303);
    assert.equal((await client.get('/compte')).statusCode, 303);
  });

  test('idle and absolute timeouts end a session; last activity is written at most once a minute', async () => {
    const { client } = await signedInUser();
    const id = async () =>
      (
        await t.database.db
          .selectFrom('sessions')
          .select(['id', 'last_seen_at'])
          .orderBy('created_at', 'desc')
          .executeTakeFirstOrThrow()
      ).id;
    const sessionId = await id();
    const setLastSeen = (interval: string) =>
      sql`UPDATE sessions SET last_seen_at = now() - ${interval}::interval WHERE id = ${sessionId}`.execute(
        t.database.db,
      );
    const lastSeen = async () =>
      (
        await t.database.db
          .selectFrom('sessions')
          .select('last_seen_at')
          .where('id', '=', sessionId)
          .executeTakeFirstOrThrow()
      ).last_seen_at.getTime();

    await setLastSeen('30 seconds');
    const before = await lastSeen();
    assert.equal((await client.get('/compte')).statusCode, 200);
    assert.equal(await lastSeen(), before, 'not written again within the minute');
    await setLastSeen('2 minutes');
    const stale = await lastSeen();
    assert.equal((await client.get('/compte')).statusCode, 200);
    assert.ok((await lastSeen()) > stale, 'written after a minute');

    await setLastSeen('11 hours');
    assert.equal((await client.get('/compte')).statusCode, 200, 'within the 12 h idle timeout');
    await setLastSeen('13 hours');
    assert.equal((await client.get('/compte')).statusCode, 303, 'idle for 13 h: signed out');

    const { client: other } = await signedInUser();
    const otherId = await id();
    await sql`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = ${otherId}`.execute(
      t.database.db,
    );
    assert.equal((await other.get('/compte')).statusCode, 303, 'past the absolute expiry: signed out');
  });

  test('anonymous visitors are sent to sign in from /compte and its actions', async () => {
    const client = t.client();
    assert.equal((await client.get('/compte')).headers.location, '/connexion?retour=%2Fcompte');
    await client.get('/');
    const res = await client.post('/compte/sessions/deconnexion-autres', {});
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/connexion', 'a form posted without a session is not replayed');
  });

  test('signing in comes back to the page asked for, never to another site', async () => {
    const { email } = await signedInUser();
    const page = await t.client().get('/connexion?retour=%2Fcompte%3Fsession_deconnectee%3D1');
    assert.match(page.body, /name="retour" value="\/compte\?session_deconnectee=1"/);
    for (const [retour, expected] of [
      ['/compte?session_deconnectee=1', '/compte?session_deconnectee=1'],
      ['//evil.example/x', '/compte'],
      ['/\\evil.example', '/compte'],
      ['https://evil.example/', '/compte'],
      ['/a\nb', '/compte'],
    ] as const) {
      const client = t.client();
      await client.get('/connexion');
      const res = await client.post('/connexion', { email, password: PASSWORD, retour });
      assert.equal(res.statusCode, 303, retour);
      assert.equal(res.headers.location, expected, retour);
    }
  });

  test('a 10 KB password gets 400 with a French message and never reaches argon2', async () => {
    const client = t.client();
    await client.get('/inscription');
    const huge = 'a'.repeat(10_240);
    const before = argon2Calls.count;
    const signUp = await client.post('/inscription', {
      email: 'enorme@exemple.fr',
      name: 'Énorme',
      password: huge,
      confirmation: huge,
    });
    assert.equal(signUp.statusCode, 400);
    assert.match(signUp.body, /Le mot de passe doit compter 128 caractères au plus\./);
    const signIn = await client.post('/connexion', { email: 'enorme@exemple.fr', password: huge });
    assert.equal(signIn.statusCode, 400);
    assert.match(signIn.body, /128 caractères au plus/);
    assert.equal(argon2Calls.count, before, 'argon2 never ran');
  });

  test('form errors: 400, values kept (never the password), a message under each field', async () => {
    const client = t.client();
    await client.get('/inscription');
    const res = await client.post('/inscription', {
      email: 'pas-une-adresse',
      name: '',
      password: 'court',
      confirmation: 'autre',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Indiquez une adresse e-mail valide/);
    assert.match(res.body, /Indiquez le nom à afficher/);
    assert.match(res.body, /value="pas-une-adresse"/);
    assert.doesNotMatch(res.body, /value="court"/);
  });

  test('pages in English', async () => {
    const client = t.client();
    const res = await client.get('/connexion', { cookie: 'lang=en' });
    assert.match(res.body, /<h1[^>]*>Sign in<\/h1>/);
  });
});

describe('checkPasswordPolicy', () => {
  const cases: [string, string | undefined, RegExp | null][] = [
    ['court', undefined, /au moins 12 caractères/],
    ['rivière bleu', undefined, null],
    [`${'éa'.repeat(63)}bc`, undefined, null],
    // Common passwords (and trivial shapes) are refused: sign-up, reset and change alike.
    ['a'.repeat(12), undefined, /trop courant.*choisissez-en un autre/i],
    ['qwerty123456', undefined, /trop courant/],
    ['1q2w3e4r5t6y', 'claire.dupont@exemple.fr', /trop courant/],
    ['a'.repeat(129), undefined, /128 caractères au plus/],
    ['claire.dupont@exemple.fr', 'claire.dupont@exemple.fr', /adresse e-mail/],
    ['mon nom est claire.dupont !', 'Claire.Dupont@exemple.fr', /adresse e-mail/],
    ['une phrase sans rapport', 'claire.dupont@exemple.fr', null],
  ];
  for (const [password, email, expected] of cases) {
    test(`${JSON.stringify(password.slice(0, 30))} with ${email ?? 'no address'}`, () => {
      const result = checkPasswordPolicy(password, { email });
      if (expected === null) assert.equal(result, null);
      else assert.match(result ?? '', expected);
    });
  }
});

describe('accounts over HTTPS (PUBLIC_URL https)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ env: { PUBLIC_URL: 'https://french-impact.example.gouv.fr' } });
  });
  after(() => t.close());

  test('the cookie is __Host-session, Secure; e-mailed links use PUBLIC_URL', async () => {
    const worker = new JobWorker({
      db: t.database.db,
      logger: memoryLogger(),
      handlers: { ...t.mailer.handlers },
    });
    const client = t.client();
    await client.get('/inscription');
    const email = 'https@exemple.fr';
    await client.post('/inscription', {
      email,
      name: 'Sécurisé',
      password: PASSWORD,
      confirmation: PASSWORD,
    });
    await worker.drain();
    const mail = await t.database.db
      .selectFrom('mail_outbox')
      .select('text_body')
      .where('to_address', '=', email)
      .executeTakeFirstOrThrow();
    const link =
      /https:\/\/french-impact\.example\.gouv\.fr\/inscription\/verification\?jeton=([A-Za-z0-9_-]{43})/.exec(
        mail.text_body,
      );
    assert.ok(link, 'the link is on PUBLIC_URL');
    await client.get(`/inscription/verification?jeton=${link[1]}`);
    await client.post('/inscription/verification', { jeton: link[1]! });
    await client.get('/connexion');
    const res = await client.post('/connexion', { email, password: PASSWORD });
    assert.equal(res.statusCode, 303);
    const cookie = res.cookies.find((c) => c.name === '__Host-session');
    assert.ok(cookie, '__Host-session cookie');
    assert.equal(cookie.secure, true);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.path, '/');
    assert.equal((await client.get('/compte')).statusCode, 200);
  });
});
