import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { buildApp, loggerOptions } from '../../app.js';
import { createTestDatabase } from '../db/testing.js';
import { createMailer } from '../mail/index.js';
import { testConfig } from '../testing/app.js';

test('the logs hold no password, token or cookie, and name every refused access', async () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const config = testConfig({ LOG_LEVEL: 'info' });
  const database = await createTestDatabase();
  const mailer = createMailer(config, database.db);
  const options = loggerOptions(config) as Record<string, unknown>;
  const app = await buildApp({ config, database, mailer }, { logger: { ...options, stream } as never });
  try {
    const page = await app.inject({ method: 'GET', url: '/connexion' });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const csrfCookie = page.cookies.find((c) => c.name === 'csrf')?.value ?? '';
    const password = 'mot-de-passe-qui-ne-doit-pas-fuiter';
    await app.inject({
      method: 'POST',
      url: '/connexion',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `csrf=${csrfCookie}` },
      payload: new URLSearchParams({ _csrf: csrf, email: 'personne@exemple.fr', password }).toString(),
    });
    const token = 'JetonSecretDansLAdresse0123456789abcdefghijk';
    await app.inject({ method: 'GET', url: `/mot-de-passe-oublie/nouveau?jeton=${token}` });
    await app.inject({ method: 'GET', url: '/compte', headers: { cookie: 'session=cookie-secret-inconnu' } });

    const log = lines.join('');
    assert.ok(lines.length >= 4, 'one line per request at least');
    for (const secret of [password, token, csrf, csrfCookie, 'cookie-secret-inconnu'])
      assert.ok(!log.includes(secret), `the logs must not hold ${secret.slice(0, 12)}…`);
    const refused = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'access refused');
    assert.ok(refused, 'a refused access is logged');
    assert.equal(refused.access, 'signed_in');
    assert.equal(refused.decision, 'sign_in');
    assert.equal(refused.path, '/compte');
  } finally {
    await app.close();
    mailer.close();
    await database.close();
  }
});
