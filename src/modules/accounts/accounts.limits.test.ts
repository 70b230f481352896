import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { JobWorker } from '../../platform/jobs/index.js';
import { memoryLogger } from '../../platform/jobs/testing.js';
import { createTestApp, encodeForm, type TestApp, type TestClient } from '../../platform/testing/app.js';
import { LIMITS } from './accounts.limits.js';
import { createTestUser } from './testing.js';

const PASSWORD = 'une phrase de passe assez longue';
const WAIT = /Trop de tentatives\. Réessayez dans \d+ (minutes?|heures?)\./;

describe('rate limits of sign-in and e-mails (per address and per IP, in the database)', () => {
  let t: TestApp;
  let worker: JobWorker;
  let ipSeq = 0;
  let seq = 0;

  before(async () => {
    t = await createTestApp();
    worker = new JobWorker({ db: t.database.db, logger: memoryLogger(), handlers: { ...t.mailer.handlers } });
  });
  after(() => t.close());

  /** A fresh client address for each test, so that per-IP counters of other tests do not interfere. */
  const newIp = () => `192.0.2.${++ipSeq}`;
  const newEmail = () => `limite${++seq}@exemple.fr`;

  /** Posts a form (with the client's CSRF token) as if from `ip`. */
  async function postFrom(
    client: TestClient,
    ip: string,
    url: string,
    form: Record<string, string>,
  ): Promise<LightMyRequestResponse> {
    return client.inject({
      method: 'POST',
      url,
      remoteAddress: ip,
      payload: encodeForm({ _csrf: await client.csrfToken(), ...form }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  function assertLocked(res: LightMyRequestResponse) {
    assert.equal(res.statusCode, 429, res.body.slice(0, 200));
    assert.match(res.body, WAIT);
    assert.ok(Number(res.headers['retry-after']) > 0, 'Retry-After in seconds');
  }

  test('password sign-in: locked after 5 failures for an address, right password included, known or not', async () => {
    assert.equal(LIMITS.signInAddress.limit, 5);
    const ip = newIp();
    const user = await createTestUser(t.database.db, { password: PASSWORD });
    const unknown = newEmail();
    const client = t.client();
    for (const email of [user.email, unknown]) {
      for (let i = 0; i < 5; i++) {
        const res = await postFrom(client, ip, '/connexion', { email, password: 'pas le bon mot de passe' });
        assert.equal(res.statusCode, 400, `${email} try ${i + 1}`);
        assert.match(res.body, /Adresse e-mail ou mot de passe incorrect/);
      }
    }
    // The same answer whether or not the account exists; the right password does not get through.
    assertLocked(await postFrom(client, ip, '/connexion', { email: user.email, password: PASSWORD }));
    assertLocked(await postFrom(client, ip, '/connexion', { email: unknown, password: PASSWORD }));
    // The address as typed is the key: case and spaces do not escape the limit.
    assertLocked(
      await postFrom(client, ip, '/connexion', {
        email: ` ${user.email.toUpperCase()} `,
        password: PASSWORD,
      }),
    );
    assert.equal(client.cookies.get('session'), undefined, 'no session opened');
    // Another address from the same IP is not locked.
    const other = await createTestUser(t.database.db, { password: PASSWORD });
    const ok = await postFrom(t.client(), ip, '/connexion', { email: other.email, password: PASSWORD });
    assert.equal(ok.statusCode, 303);
  });

  test('a successful sign-in forgets the failures of its address', async () => {
    const ip = newIp();
    const user = await createTestUser(t.database.db, { password: PASSWORD });
    const client = t.client();
    for (let i = 0; i < 4; i++)
      await postFrom(client, ip, '/connexion', { email: user.email, password: 'pas le bon mot de passe' });
    assert.equal(
      (await postFrom(client, ip, '/connexion', { email: user.email, password: PASSWORD })).statusCode,
      303,
    );
    const again = t.client();
    for (let i = 0; i < 4; i++) {
      const res = await postFrom(again, ip, '/connexion', {
        email: user.email,
        password: 'pas le bon mot de passe',
      });
      assert.equal(res.statusCode, 400, `try ${i + 1} after the success`);
    }
  });

  test('password sign-in: locked per IP after 50 failures, whatever the address', async () => {
    const ip = newIp();
    const client = t.client();
    for (let i = 0; i < LIMITS.signInIp.limit; i++) {
      const res = await postFrom(client, ip, '/connexion', {
        email: newEmail(),
        password: 'pas le bon mot de passe',
      });
      assert.equal(res.statusCode, 400);
    }
    const user = await createTestUser(t.database.db, { password: PASSWORD });
    assertLocked(await postFrom(client, ip, '/connexion', { email: user.email, password: PASSWORD }));
    // From another address the account signs in.
    assert.equal(
      (await postFrom(t.client(), newIp(), '/connexion', { email: user.email, password: PASSWORD }))
        .statusCode,
      303,
    );
  });

  test('sign-up: 3 e-mails an hour per address, whether or not it has an account', async () => {
    const ip = newIp();
    const email = newEmail();
    const client = t.client();
    const form = { email, name: 'Alix Martin', password: PASSWORD, confirmation: PASSWORD };
    for (let i = 0; i < LIMITS.mailAddress.limit; i++) {
      const res = await postFrom(client, ip, '/inscription', form);
      assert.equal(res.statusCode, 303, `sign-up ${i + 1}`);
    }
    assertLocked(await postFrom(client, ip, '/inscription', form));
    // Another address goes through.
    assert.equal(
      (await postFrom(client, ip, '/inscription', { ...form, email: newEmail() })).statusCode,
      303,
    );
  });

  test('forgotten password: 3 e-mails an hour per address, the same for an unknown one', async () => {
    const ip = newIp();
    const user = await createTestUser(t.database.db, { password: PASSWORD });
    const unknown = newEmail();
    const client = t.client();
    for (const email of [user.email, unknown]) {
      for (let i = 0; i < 3; i++)
        assert.equal((await postFrom(client, ip, '/mot-de-passe-oublie', { email })).statusCode, 303);
      assertLocked(await postFrom(client, ip, '/mot-de-passe-oublie', { email }));
    }
    await worker.drain();
    const mails = await t.database.db
      .selectFrom('mail_outbox')
      .select('id')
      .where('to_address', '=', user.email)
      .execute();
    assert.equal(mails.length, 3, 'no mail past the limit');
  });

  test('e-mails: 20 an hour per IP, whatever the addresses', async () => {
    const ip = newIp();
    const client = t.client();
    for (let i = 0; i < LIMITS.mailIp.limit; i++)
      assert.equal(
        (await postFrom(client, ip, '/mot-de-passe-oublie', { email: newEmail() })).statusCode,
        303,
      );
    assertLocked(await postFrom(client, ip, '/mot-de-passe-oublie', { email: newEmail() }));
    assert.equal(
      (await postFrom(client, newIp(), '/mot-de-passe-oublie', { email: newEmail() })).statusCode,
      303,
    );
  });

  test('unverified sign-in: fresh links within the e-mail limit, then the same answer without a mail', async () => {
    const ip = newIp();
    const email = newEmail();
    const client = t.client();
    const signUp = await postFrom(client, ip, '/inscription', {
      email,
      name: 'Sacha Petit',
      password: PASSWORD,
      confirmation: PASSWORD,
    });
    assert.equal(signUp.statusCode, 303);
    for (let i = 0; i < 3; i++) {
      const res = await postFrom(client, ip, '/connexion', { email, password: PASSWORD });
      assert.equal(res.statusCode, 400, `try ${i + 1}: the generic answer, never a 429 that would tell`);
      assert.match(res.body, /Adresse e-mail ou mot de passe incorrect/);
    }
    await worker.drain();
    const mails = await t.database.db
      .selectFrom('mail_outbox')
      .select('id')
      .where('to_address', '=', email)
      .execute();
    assert.equal(mails.length, LIMITS.mailAddress.limit, 'sign-up + 2 fresh links, then none');
  });
});
