import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { publicAccess } from '../access/index.js';
import { RateLimited } from '../http/errors.js';
import { createTestApp, type TestApp } from '../testing/app.js';
import { hitOrThrow } from './index.js';

describe('RateLimited through the HTTP error handler', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({
      extend: (app) => {
        const limited = async (request: { ip: string }) => {
          await hitOrThrow(t.database.db, {
            bucket: 'test.http',
            key: request.ip,
            limit: 2,
            windowSeconds: 300,
          });
          return { ok: true };
        };
        app.get('/essai/limite', { config: { access: publicAccess } }, limited);
        app.get('/api/essai/limite', { config: { access: publicAccess } }, limited);
        app.get('/essai/trop', { config: { access: publicAccess } }, async () => {
          throw new RateLimited(3600);
        });
      },
    });
  });
  after(() => t.close());

  test('a page refused by a rate limit gets 429, Retry-After and the wait in French', async () => {
    const client = t.client();
    assert.equal((await client.get('/essai/limite')).statusCode, 200);
    assert.equal((await client.get('/essai/limite')).statusCode, 200);
    const refused = await client.get('/essai/limite');
    assert.equal(refused.statusCode, 429);
    const retryAfter = Number(refused.headers['retry-after']);
    assert.ok(retryAfter >= 1 && retryAfter <= 300, `Retry-After: ${refused.headers['retry-after']}`);
    assert.match(refused.body, /Trop de tentatives/);
    assert.match(refused.body, /Réessayez dans (5 minutes|[1-4] minutes?)\./);
  });

  test('under /api the refusal is JSON with the same header', async () => {
    const refused = await t.client().get('/api/essai/limite');
    // The two pages above used the same IP and bucket: already over the limit.
    assert.equal(refused.statusCode, 429);
    assert.ok(Number(refused.headers['retry-after']) >= 1);
    assert.equal(refused.json().error.code, 'rate_limited');
    assert.match(refused.json().error.message, /^Trop de tentatives\. Réessayez dans /);
  });

  test('the wait is in whole units, rounded up', async () => {
    const res = await t.client().get('/essai/trop');
    assert.equal(res.statusCode, 429);
    assert.equal(res.headers['retry-after'], '3600');
    assert.match(res.body, /Réessayez dans 1 heure\./);
  });

  test('other errors carry no Retry-After', async () => {
    const res = await t.client().get('/nulle-part');
    assert.equal(res.statusCode, 404);
    assert.equal(res.headers['retry-after'], undefined);
  });
});
