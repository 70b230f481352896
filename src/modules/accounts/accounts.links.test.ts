import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { JobWorker } from '../../platform/jobs/index.js';
import { memoryLogger } from '../../platform/jobs/testing.js';
import { createTestApp, type TestApp, type TestClient } from '../../platform/testing/app.js';
import { createTestUser, openTestSession } from './testing.js';

const PASSWORD = 'une phrase de passe assez longue';

/** Shared helpers over one test app: mails delivered to the outbox, links read from them. */
function harness() {
  const h = {
    t: undefined as unknown as TestApp,
    worker: undefined as unknown as JobWorker,
    async mailsTo(to: string) {
      await h.worker.drain();
      return h.t.database.db
        .selectFrom('mail_outbox')
        .select(['subject', 'text_body', 'template'])
        .where('to_address', '=', to)
        .orderBy('id', 'desc')
        .execute();
    },
    /** The last link of this path mailed to `to`, as a path with its query. */
    async lastLink(to: string, path: string): Promise<string> {
      for (const mail of await h.mailsTo(to)) {
        const match = new RegExp(`https?://[^\\s]+${path}\\?jeton=[A-Za-z0-9_-]+`).exec(mail.text_body);
        if (match) return new URL(match[0]).pathname + new URL(match[0]).search;
      }
      throw new Error(`no mail with a ${path} link to ${to}`);
    },
    async audit(action: string) {
      return h.t.database.db
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', action)
        .orderBy('id')
        .execute();
    },
    /** A client signed in to `userId` (a session opened as a sign-in would). */
    async signedIn(userId: string): Promise<TestClient> {
      const client = h.t.client();
      client.cookies.set(h.t.app.sessionCookieName, await openTestSession(h.t.database.db, userId));
      return client;
    },
  };
  before(async () => {
    h.t = await createTestApp();
    h.worker = new JobWorker({
      db: h.t.database.db,
      logger: memoryLogger(),
      handlers: { ...h.t.mailer.handlers },
    });
  });
  after(() => h.t.close());
  return h;
}

const tokenOf = (link: string) => new URL(link, 'http://x').searchParams.get('jeton') ?? '';
let seq = 0;
const address = (prefix: string) => `${prefix}${++seq}-${process.pid}@exemple.fr`;

describe('sign-in by e-mailed link', () => {
  const h = harness();

  test('the journey: ask, mail, open (no change on GET), sign in once, audited', async () => {
    const user = await createTestUser(h.t.database.db, { email: address('lien'), name: 'Léa Lien' });
    const client = h.t.client();
    const signIn = await client.get('/connexion');
    assert.match(signIn.body, /href="\/connexion\/lien"[^>]*>Recevoir un lien de connexion par e-mail</);
    const form = await client.get('/connexion/lien');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<h1[^>]*>Recevoir un lien de connexion<\/h1>/);

    const asked = await client.post('/connexion/lien', { email: user.email.toUpperCase() });
    assert.equal(asked.statusCode, 303);
    assert.equal(asked.headers.location, '/connexion/lien/envoye');
    assert.match((await client.get('/connexion/lien/envoye')).body, /Si un compte existe avec cette adresse/);

    const link = await h.lastLink(user.email, '/connexion/lien/ouvrir');
    const [mail] = await h.mailsTo(user.email);
    assert.equal(mail?.subject, 'Votre lien de connexion');
    assert.match(mail?.text_body ?? '', /Bonjour Léa Lien/);

    // A mail scanner opening the link twice changes nothing.
    for (let i = 0; i < 2; i++) {
      const page = await h.t.client().get(link);
      assert.equal(page.statusCode, 200);
      assert.equal(page.headers['cache-control'], 'no-store');
      assert.match(page.body, /<form method="post" action="\/connexion\/lien\/ouvrir"/);
      assert.equal(page.cookies.find((c) => c.name === 'session')?.value ?? '', '');
    }

    await client.get(link);
    const opened = await client.post('/connexion/lien/ouvrir', { jeton: tokenOf(link) });
    assert.equal(opened.statusCode, 303);
    assert.equal(opened.headers.location, '/compte');
    assert.ok(client.cookies.get('session'), 'a session cookie');
    const account = await client.get('/compte');
    assert.equal(account.statusCode, 200);
    assert.match(account.body, /Léa Lien/);
    const session = await h.t.database.db
      .selectFrom('sessions')
      .select('method')
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.equal(session.method, 'link');

    const replay = await h.t.client().post('/connexion/lien/ouvrir', { jeton: tokenOf(link) });
    assert.equal(replay.statusCode, 400);
    assert.match(replay.body, /Ce lien n’est plus valable/);
    assert.equal((await h.t.client().get(link)).statusCode, 400);

    const sent = (await h.audit('auth.link_sent')).filter((e) => e.object_id === user.id);
    assert.equal(sent.length, 1);
    assert.doesNotMatch(JSON.stringify(sent[0]), new RegExp(tokenOf(link)), 'no token in the trail');
    const signedIn = (await h.audit('auth.sign_in')).filter((e) => e.object_id === user.id);
    assert.deepEqual(signedIn.at(-1)?.summary, { method: 'link' });
  });

  test('unknown and unconfirmed addresses get the same answer and no mail', async () => {
    const unverified = address('pas-confirme');
    await h.t.database.db
      .insertInto('users')
      .values({ email: unverified, display_name: 'Pas confirmé', password_hash: null })
      .execute();
    const unknown = address('inconnu');
    const client = h.t.client();
    await client.get('/connexion/lien');
    for (const email of [unknown, unverified]) {
      const res = await client.post('/connexion/lien', { email });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/connexion/lien/envoye');
      assert.deepEqual(await h.mailsTo(email), []);
    }
  });

  test('a new link expires the previous one; an expired link is refused', async () => {
    const user = await createTestUser(h.t.database.db, { email: address('deux-liens') });
    const client = h.t.client();
    await client.get('/connexion/lien');
    await client.post('/connexion/lien', { email: user.email });
    const first = await h.lastLink(user.email, '/connexion/lien/ouvrir');
    await client.post('/connexion/lien', { email: user.email });
    const second = await h.lastLink(user.email, '/connexion/lien/ouvrir');
    assert.notEqual(first, second);
    await client.get('/connexion/lien');
    const old = await client.post('/connexion/lien/ouvrir', { jeton: tokenOf(first) });
    assert.equal(old.statusCode, 400);
    assert.match(old.body, /Ce lien n’est plus valable/);

    await h.t.database.db
      .updateTable('account_tokens')
      .set({ expires_at: sql<Date>`now() - interval '1 minute'` })
      .where('user_id', '=', user.id)
      .execute();
    const expired = await client.post('/connexion/lien/ouvrir', { jeton: tokenOf(second) });
    assert.equal(expired.statusCode, 400);
    assert.match(expired.body, /Ce lien n’est plus valable/);
    assert.equal(client.cookies.get('session'), undefined);
  });

  test('an account with a second factor goes on to the code page', async () => {
    const user = await createTestUser(h.t.database.db, { email: address('totp') });
    await h.t.database.db
      .updateTable('users')
      .set({ totp_enabled_at: new Date() })
      .where('id', '=', user.id)
      .execute();
    const client = h.t.client();
    await client.get('/connexion/lien');
    await client.post('/connexion/lien', { email: user.email });
    const link = await h.lastLink(user.email, '/connexion/lien/ouvrir');
    await client.get(link);
    const opened = await client.post('/connexion/lien/ouvrir', { jeton: tokenOf(link) });
    assert.equal(opened.statusCode, 303);
    assert.match(String(opened.headers.location), /^\/connexion\/double-authentification/);
    // Not signed in until the code is given.
    assert.equal((await client.get('/compte')).statusCode, 303);
  });

  test('a fourth request for one address within the hour gets 429; bad input gets 400', async () => {
    const email = address('limite');
    const client = h.t.client();
    await client.get('/connexion/lien');
    for (let i = 0; i < 3; i++)
      assert.equal((await client.post('/connexion/lien', { email })).statusCode, 303);
    const limited = await client.post('/connexion/lien', { email });
    assert.equal(limited.statusCode, 429);
    assert.match(limited.body, /Trop de tentatives/);

    const bad = await client.post('/connexion/lien', { email: 'pas une adresse' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Indiquez une adresse e-mail valide/);
    const incomplete = await client.post('/connexion/lien/ouvrir', { jeton: 'court' });
    assert.equal(incomplete.statusCode, 400);
    assert.match(incomplete.body, /Le lien est incomplet/);
  });

  test('in English, the mail too', async () => {
    const user = await createTestUser(h.t.database.db, { email: address('english') });
    const client = h.t.client();
    client.cookies.set('lang', 'en');
    const form = await client.get('/connexion/lien');
    assert.match(form.body, /Get a sign-in link/);
    await client.post('/connexion/lien', { email: user.email });
    const [mail] = await h.mailsTo(user.email);
    assert.equal(mail?.subject, 'Your sign-in link');
  });
});

describe('change of e-mail address', () => {
  const h = harness();

  async function ask(client: TestClient, form: Record<string, string>) {
    await client.get('/compte/adresse');
    return client.post('/compte/adresse', form);
  }

  test('the journey: password, link to the new address, notice to the old one, confirm, others signed out', async () => {
    const db = h.t.database.db;
    const user = await createTestUser(db, { email: address('ancienne'), password: PASSWORD });
    const client = await h.signedIn(user.id);
    const other = await h.signedIn(user.id);
    const page = await client.get('/compte/adresse');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1[^>]*>Changer d’adresse e-mail<\/h1>/);
    assert.match(page.body, /href="\/compte\/adresse"[^>]*aria-current="page"/);

    const newEmail = address('nouvelle');
    const wrong = await client.post('/compte/adresse', {
      email: newEmail,
      password: 'pas le bon mot de passe',
    });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Mot de passe incorrect\./);
    assert.match(wrong.body, new RegExp(`value="${newEmail}"`), 'the address typed is kept');
    assert.deepEqual(await h.mailsTo(newEmail), []);

    const asked = await client.post('/compte/adresse', { email: newEmail, password: PASSWORD });
    assert.equal(asked.statusCode, 303);
    assert.equal(asked.headers.location, '/compte/adresse?envoye=1');
    assert.match(
      (await client.get('/compte/adresse?envoye=1')).body,
      /Un lien de confirmation a été envoyé à la nouvelle adresse/,
    );
    const link = await h.lastLink(newEmail, '/compte/adresse/confirmer');
    const [notice] = await h.mailsTo(user.email);
    assert.equal(notice?.subject, 'Demande de changement d’adresse e-mail');
    assert.match(notice?.text_body ?? '', /changez votre mot de passe/);

    // Opening the link changes nothing.
    const confirmPage = await h.t.client().get(link);
    assert.equal(confirmPage.statusCode, 200);
    assert.match(confirmPage.body, /action="\/compte\/adresse\/confirmer"/);
    const still = await db
      .selectFrom('users')
      .select('email')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.equal(still.email, user.email);

    await client.get(link);
    const confirmed = await client.post('/compte/adresse/confirmer', { jeton: tokenOf(link) });
    assert.equal(confirmed.statusCode, 303);
    assert.equal(confirmed.headers.location, '/compte/adresse?modifiee=1');
    const row = await db
      .selectFrom('users')
      .select(['email', 'email_verified_at'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.email, newEmail);
    assert.ok(row.email_verified_at);

    const mine = await client.get('/compte');
    assert.equal(mine.statusCode, 200, 'this session stays');
    assert.match(mine.body, new RegExp(newEmail));
    assert.equal((await other.get('/compte')).statusCode, 303, 'the other session is closed');

    const [event] = await h.audit('auth.email_changed');
    assert.equal(event?.object_id, user.id);
    assert.deepEqual(event?.summary, { from: user.email, to: newEmail, sessionsRevoked: 1 });

    const replay = await client.post('/compte/adresse/confirmer', { jeton: tokenOf(link) });
    assert.equal(replay.statusCode, 400);
    assert.match(replay.body, /Ce lien n’est plus valable/);
  });

  test('an address that has an account: the same answer, the owner is told, no link', async () => {
    const db = h.t.database.db;
    const owner = await createTestUser(db, { email: address('prise'), name: 'Propriétaire' });
    const user = await createTestUser(db, { email: address('demandeur'), password: PASSWORD });
    const client = await h.signedIn(user.id);
    const asked = await ask(client, { email: owner.email, password: PASSWORD });
    assert.equal(asked.statusCode, 303);
    assert.equal(asked.headers.location, '/compte/adresse?envoye=1');
    const mails = await h.mailsTo(owner.email);
    assert.deepEqual(
      mails.map((m) => m.subject),
      ['Cette adresse a déjà un compte'],
    );
    assert.doesNotMatch(mails[0]?.text_body ?? '', /jeton=/);
    const tokens = await db
      .selectFrom('account_tokens')
      .select('id')
      .where('user_id', '=', user.id)
      .where('purpose', '=', 'email_change')
      .execute();
    assert.equal(tokens.length, 0);
    assert.equal((await h.mailsTo(user.email))[0]?.subject, 'Demande de changement d’adresse e-mail');
  });

  test('the same address, a malformed one, a missing password: 400 with a clear message', async () => {
    const user = await createTestUser(h.t.database.db, { email: address('meme'), password: PASSWORD });
    const client = await h.signedIn(user.id);
    const same = await ask(client, { email: user.email, password: PASSWORD });
    assert.equal(same.statusCode, 400);
    assert.match(same.body, /C’est déjà l’adresse de votre compte/);
    const malformed = await client.post('/compte/adresse', { email: 'nulle part', password: PASSWORD });
    assert.equal(malformed.statusCode, 400);
    assert.match(malformed.body, /Indiquez une adresse e-mail valide/);
    const missing = await client.post('/compte/adresse', { email: address('autre'), password: '' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Indiquez votre mot de passe actuel/);
  });

  test('confirmed in another browser: every session of the account is closed', async () => {
    const db = h.t.database.db;
    const user = await createTestUser(db, { email: address('ailleurs'), password: PASSWORD });
    const client = await h.signedIn(user.id);
    const newEmail = address('ailleurs-nouvelle');
    await ask(client, { email: newEmail, password: PASSWORD });
    const link = await h.lastLink(newEmail, '/compte/adresse/confirmer');
    const elsewhere = h.t.client();
    await elsewhere.get(link);
    const confirmed = await elsewhere.post('/compte/adresse/confirmer', { jeton: tokenOf(link) });
    assert.equal(confirmed.statusCode, 303);
    assert.equal(confirmed.headers.location, '/compte/adresse/modifiee');
    assert.match(
      (await elsewhere.get('/compte/adresse/modifiee')).body,
      /Votre adresse e-mail a été changée/,
    );
    assert.equal((await client.get('/compte')).statusCode, 303);
  });

  test('an address taken between the request and the confirmation: 409, nothing changed', async () => {
    const db = h.t.database.db;
    const user = await createTestUser(db, { email: address('course'), password: PASSWORD });
    const client = await h.signedIn(user.id);
    const newEmail = address('course-nouvelle');
    await ask(client, { email: newEmail, password: PASSWORD });
    const link = await h.lastLink(newEmail, '/compte/adresse/confirmer');
    await createTestUser(db, { email: newEmail });
    await client.get(link);
    const res = await client.post('/compte/adresse/confirmer', { jeton: tokenOf(link) });
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /devenue celle d’un autre compte/);
    const row = await db
      .selectFrom('users')
      .select('email')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.email, user.email);
    assert.equal((await client.get('/compte')).statusCode, 200);
  });

  test('an account without a password is told how to get one', async () => {
    const user = await createTestUser(h.t.database.db, { email: address('sans-mdp') });
    const client = await h.signedIn(user.id);
    const page = await client.get('/compte/adresse');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Choisissez d’abord un mot de passe/);
    assert.match(page.body, /href="\/mot-de-passe-oublie"/);
    const res = await client.post('/compte/adresse', { email: address('x'), password: 'quelque chose' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Votre compte n’a pas de mot de passe/);
  });

  test('anonymous visitors are sent to sign in', async () => {
    const res = await h.t.client().get('/compte/adresse');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/connexion?retour=%2Fcompte%2Fadresse');
  });
});
