import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verifyAuditChain } from '../../platform/audit/index.js';
import { JobWorker } from '../../platform/jobs/index.js';
import { memoryLogger } from '../../platform/jobs/testing.js';
import { createTestApp, type TestApp, type TestClient } from '../../platform/testing/app.js';
import { createTestUser, openTestSession } from './testing.js';

const PASSWORD = 'une phrase de passe assez longue';
const TOTP_SECRET = 'secret-chiffre-de-test-qui-ne-doit-pas-sortir';
const RECOVERY_HASH = 'a'.repeat(64);

describe('« Mes données »: export and deletion of one’s account', () => {
  let t: TestApp;
  let worker: JobWorker;
  let seq = 0;
  const address = (prefix: string) => `${prefix}${++seq}-${process.pid}@exemple.fr`;

  before(async () => {
    t = await createTestApp();
    worker = new JobWorker({ db: t.database.db, logger: memoryLogger(), handlers: { ...t.mailer.handlers } });
  });
  after(() => t.close());

  async function signedIn(userId: string): Promise<TestClient> {
    const client = t.client();
    client.cookies.set(t.app.sessionCookieName, await openTestSession(t.database.db, userId));
    return client;
  }

  /** A full account: password, second factor, a recovery code, a linked identity, a role, a mail. */
  async function fullAccount(options: { admin?: boolean; password?: boolean } = {}) {
    const db = t.database.db;
    const user = await createTestUser(db, {
      email: address('donnees'),
      name: 'Dominique Données',
      ...(options.password === false ? {} : { password: PASSWORD }),
      roles: options.admin
        ? [{ role: 'administrator', scope: null }]
        : [{ role: 'member', scope: { type: 'organisation', id: 'organisation-a' } }],
    });
    await db
      .updateTable('users')
      .set({ totp_secret: TOTP_SECRET, totp_enabled_at: new Date() })
      .where('id', '=', user.id)
      .execute();
    await db.insertInto('recovery_codes').values({ user_id: user.id, code_hash: RECOVERY_HASH }).execute();
    await db
      .insertInto('user_identities')
      .values({ provider: 'proconnect', subject: `sujet-${user.id}`, user_id: user.id, email: user.email })
      .execute();
    return user;
  }

  test('the page explains what is kept; the export holds the data and no secret', async () => {
    const db = t.database.db;
    const user = await fullAccount();
    const client = await signedIn(user.id);
    // Something in the trail and in the outbox for this user: a password reset request.
    await client.get('/mot-de-passe-oublie');
    await client.post('/mot-de-passe-oublie', { email: user.email });
    await worker.drain();

    const page = await client.get('/compte/donnees');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1[^>]*>Mes données<\/h1>/);
    assert.match(page.body, /href="\/compte\/donnees"[^>]*aria-current="page"/);
    assert.match(page.body, /effacé après 7 jours/);
    assert.match(page.body, /href="\/compte\/donnees\/export\.json"/);
    assert.match(page.body, /Télécharger mes données \(JSON\)/);
    assert.match(page.body, /action="\/compte\/donnees\/suppression"/);

    const res = await client.get('/compte/donnees/export.json');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="mes-donnees-.*\.json"$/);
    assert.equal(res.headers['cache-control'], 'no-store');
    const data = JSON.parse(res.body);
    assert.equal(data.profile.email, user.email);
    assert.equal(data.profile.displayName, 'Dominique Données');
    assert.equal(data.profile.hasPassword, true);
    assert.deepEqual(
      data.roles.map((r: { role: string }) => r.role),
      ['member'],
    );
    assert.equal(data.sessions.length, 1);
    assert.deepEqual(Object.keys(data.sessions[0]).sort(), [
      'createdAt',
      'device',
      'expiresAt',
      'ip',
      'lastSeenAt',
      'method',
      'revokedAt',
      'secondFactorAt',
      'waitingForSecondFactor',
    ]);
    assert.equal(data.identities[0].provider, 'proconnect');
    assert.equal(data.secondFactor.enabled, true);
    assert.equal(data.secondFactor.recoveryCodesLeft, 1);
    assert.ok(
      data.mails.some((m: { subject: string }) => m.subject === 'Choisissez un nouveau mot de passe'),
      'the reset mail is listed',
    );
    for (const event of data.auditEvents) assert.deepEqual(Object.keys(event).sort(), ['action', 'at', 'ip']);

    const sessionRow = await db
      .selectFrom('sessions')
      .select(['id', 'public_id'])
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    for (const secret of [TOTP_SECRET, RECOVERY_HASH, sessionRow.id, sessionRow.public_id, '$argon2id$'])
      assert.ok(!res.body.includes(secret), `the export holds no ${secret.slice(0, 12)}…`);
  });

  test('the export mentions one’s own audit events', async () => {
    const user = await createTestUser(t.database.db, { email: address('journal'), password: PASSWORD });
    const client = t.client();
    await client.get('/connexion');
    await client.post('/connexion', { email: user.email, password: PASSWORD });
    const data = JSON.parse((await client.get('/compte/donnees/export.json')).body);
    assert.deepEqual(
      data.auditEvents.map((e: { action: string }) => e.action),
      ['auth.sign_in'],
    );
  });

  test('deletion: password and box required, then the account is anonymised and signed out', async () => {
    const db = t.database.db;
    const user = await fullAccount();
    const client = await signedIn(user.id);
    const other = await signedIn(user.id);
    await client.get('/compte/donnees');

    const noBox = await client.post('/compte/donnees/suppression', { password: PASSWORD });
    assert.equal(noBox.statusCode, 400);
    assert.match(noBox.body, /Cochez la case pour confirmer la suppression/);
    const wrong = await client.post('/compte/donnees/suppression', {
      password: 'pas le bon mot de passe',
      confirmation: 'oui',
    });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Mot de passe incorrect\./);
    assert.equal((await client.get('/compte')).statusCode, 200, 'nothing deleted yet');

    await client.get('/mot-de-passe-oublie');
    await client.post('/mot-de-passe-oublie', { email: user.email });
    await worker.drain();
    const eventsBefore = await db.selectFrom('audit_events').select('id').execute();
    const deleted = await client.post('/compte/donnees/suppression', {
      password: PASSWORD,
      confirmation: 'oui',
    });
    assert.equal(deleted.statusCode, 303);
    assert.equal(deleted.headers.location, '/compte/supprime');
    assert.equal(client.cookies.get('session'), undefined, 'the cookie is cleared');
    const gone = await client.get('/compte/supprime');
    assert.equal(gone.statusCode, 200);
    assert.match(gone.body, /Votre compte a été supprimé/);
    assert.equal((await other.get('/compte')).statusCode, 303, 'every session is gone');

    const row = await db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
    assert.equal(row.email, `supprime-${user.id}@invalid`);
    assert.equal(row.display_name, 'Compte supprimé');
    assert.equal(row.password_hash, null);
    assert.equal(row.totp_secret, null);
    assert.equal(row.totp_enabled_at, null);
    assert.ok(row.deleted_at);
    for (const table of [
      'sessions',
      'account_tokens',
      'recovery_codes',
      'user_identities',
      'role_assignments',
    ] as const) {
      const left = await db.selectFrom(table).select('user_id').where('user_id', '=', user.id).execute();
      assert.equal(left.length, 0, `${table} emptied`);
    }

    // The trail keeps its rows, its chain holds, and the deletion event says nothing personal.
    const eventsAfter = await db.selectFrom('audit_events').select('id').execute();
    assert.ok(eventsAfter.length > eventsBefore.length);
    const [event] = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'account.deleted')
      .where('object_id', '=', user.id)
      .execute();
    assert.ok(event);
    assert.equal(event.actor_label, null);
    assert.equal(event.ip, null);
    assert.doesNotMatch(JSON.stringify(event), new RegExp(user.email.replace('.', '\\.')));
    assert.equal((await verifyAuditChain(db)).ok, true);

    // The copies of the mails sent to the address are gone.
    await client.get('/compte/supprime');
    assert.equal(
      (await db.selectFrom('mail_outbox').select('id').where('to_address', '=', user.email).execute()).length,
      0,
    );
    const jobs = await db.selectFrom('jobs').select('payload').where('type', '=', 'mail.send').execute();
    assert.ok(jobs.every((j) => !JSON.stringify(j.payload).includes(user.email)));

    // The address is free again.
    const again = t.client();
    await again.get('/inscription');
    const signUp = await again.post('/inscription', {
      email: user.email,
      name: 'De retour',
      password: PASSWORD,
      confirmation: PASSWORD,
    });
    assert.equal(signUp.statusCode, 303);
    await worker.drain();
    const fresh = await db
      .selectFrom('users')
      .select('display_name')
      .where('email', '=', user.email)
      .execute();
    assert.deepEqual(
      fresh.map((u) => u.display_name),
      ['De retour'],
    );
  });

  test('an account without a password confirms by typing its address', async () => {
    const user = await fullAccount({ password: false });
    const client = await signedIn(user.id);
    const page = await client.get('/compte/donnees');
    assert.match(page.body, /Recopiez l’adresse e-mail de votre compte/);
    const wrong = await client.post('/compte/donnees/suppression', {
      email: 'quelquun@exemple.fr',
      confirmation: 'oui',
    });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /L’adresse recopiée n’est pas celle de votre compte/);
    const done = await client.post('/compte/donnees/suppression', {
      email: user.email.toUpperCase(),
      confirmation: 'oui',
    });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/compte/supprime');
  });

  test('the last administrator cannot delete their account (409); with another one, they can', async () => {
    const db = t.database.db;
    // The only administrator of this database.
    const admin = await fullAccount({ admin: true });
    const client = t.client();
    client.cookies.set(t.app.sessionCookieName, await openTestSession(db, admin.id, { secondFactor: true }));
    await client.get('/compte/donnees');
    const refused = await client.post('/compte/donnees/suppression', {
      password: PASSWORD,
      confirmation: 'oui',
    });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /Vous êtes le dernier administrateur/);
    const row = await db
      .selectFrom('users')
      .select('deleted_at')
      .where('id', '=', admin.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.deleted_at, null);

    await createTestUser(db, {
      email: address('autre-admin'),
      roles: [{ role: 'administrator', scope: null }],
    });
    await client.get('/compte/donnees');
    const done = await client.post('/compte/donnees/suppression', {
      password: PASSWORD,
      confirmation: 'oui',
    });
    assert.equal(done.statusCode, 303);
  });

  test('anonymous visitors are sent to sign in', async () => {
    for (const path of ['/compte/donnees', '/compte/donnees/export.json']) {
      const res = await t.client().get(path);
      assert.equal(res.statusCode, 303);
      assert.match(String(res.headers.location), /^\/connexion\?retour=/);
    }
  });
});
