import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { type Database, openDatabase } from '../db/index.js';
import { createTestDatabase, testDatabaseUrl } from '../db/testing.js';
import { RateLimited } from '../http/errors.js';
import { hit, hitOrThrow, peek, purgeExpiredRateLimits, rateLimitKeyHash, reset } from './index.js';

const T0 = new Date('2026-11-27T10:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
let counter = 0;
/** A bucket of its own for each test, so that tests never share counts. */
const freshBucket = () => `test.bucket_${++counter}`;

/** A second, independent handle on the same PostgreSQL database, as another app instance would have. */
async function openSecondInstance(database: Database, poolSize: number): Promise<Database> {
  const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(database.db);
  const url = new URL(testDatabaseUrl()!);
  url.pathname = `/${rows[0]!.name}`;
  return openDatabase({ databaseUrl: url.toString(), poolSize });
}

describe('rate limits in the database', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  test('allows `limit` hits in a window, then refuses with the time left', async () => {
    const rule = { bucket: freshBucket(), key: '203.0.113.7', limit: 3, windowSeconds: 300 };
    const seen = [];
    for (let i = 0; i < 3; i++) seen.push(await hit(database.db, rule, { now: at(i) }));
    assert.deepEqual(seen, [
      { allowed: true, remaining: 2, retryAfterSeconds: 0 },
      { allowed: true, remaining: 1, retryAfterSeconds: 0 },
      { allowed: true, remaining: 0, retryAfterSeconds: 0 },
    ]);
    assert.deepEqual(await hit(database.db, rule, { now: at(10) }), {
      allowed: false,
      remaining: 0,
      retryAfterSeconds: 290,
    });
    // Refused hits neither shorten nor extend the wait.
    assert.equal((await hit(database.db, rule, { now: at(299.5) })).retryAfterSeconds, 1);
  });

  test('a new window allows hits again', async () => {
    const rule = { bucket: freshBucket(), key: 'user-1', limit: 2, windowSeconds: 60 };
    await hit(database.db, rule, { now: at(0) });
    await hit(database.db, rule, { now: at(1) });
    assert.equal((await hit(database.db, rule, { now: at(59) })).allowed, false);
    assert.deepEqual(await hit(database.db, rule, { now: at(60) }), {
      allowed: true,
      remaining: 1,
      retryAfterSeconds: 0,
    });
    // The new window runs from that hit: 60 s later it ends too.
    await hit(database.db, rule, { now: at(61) });
    assert.deepEqual(await hit(database.db, rule, { now: at(62) }), {
      allowed: false,
      remaining: 0,
      retryAfterSeconds: 58,
    });
  });

  test('buckets and keys are counted apart', async () => {
    const bucket = freshBucket();
    const rule = { bucket, key: 'a@example.fr', limit: 1, windowSeconds: 60 };
    assert.equal((await hit(database.db, rule, { now: at(0) })).allowed, true);
    assert.equal((await hit(database.db, rule, { now: at(0) })).allowed, false);
    assert.equal((await hit(database.db, { ...rule, key: 'b@example.fr' }, { now: at(0) })).allowed, true);
    assert.equal((await hit(database.db, { ...rule, bucket: freshBucket() }, { now: at(0) })).allowed, true);
  });

  test('reset forgets one key', async () => {
    const rule = { bucket: freshBucket(), key: 'user-2', limit: 1, windowSeconds: 600 };
    const other = { ...rule, key: 'user-3' };
    await hit(database.db, rule, { now: at(0) });
    await hit(database.db, other, { now: at(0) });
    await reset(database.db, rule.bucket, rule.key);
    assert.equal((await hit(database.db, rule, { now: at(1) })).allowed, true);
    assert.equal((await hit(database.db, other, { now: at(1) })).allowed, false);
  });

  test('peek tells what the next hit would get without counting it', async () => {
    const rule = { bucket: freshBucket(), key: 'user-4', limit: 2, windowSeconds: 120 };
    assert.deepEqual(await peek(database.db, rule, { now: at(0) }), {
      allowed: true,
      remaining: 2,
      retryAfterSeconds: 0,
    });
    await hit(database.db, rule, { now: at(0) });
    assert.equal((await peek(database.db, rule, { now: at(1) })).remaining, 1);
    assert.equal((await peek(database.db, rule, { now: at(1) })).remaining, 1, 'peek counted nothing');
    await hit(database.db, rule, { now: at(2) });
    assert.deepEqual(await peek(database.db, rule, { now: at(20) }), {
      allowed: false,
      remaining: 0,
      retryAfterSeconds: 100,
    });
    assert.equal((await peek(database.db, rule, { now: at(120) })).allowed, true);
  });

  test('hitOrThrow throws RateLimited (429) with the wait in French', async () => {
    const rule = { bucket: freshBucket(), key: 'user-5', limit: 1, windowSeconds: 300 };
    await hitOrThrow(database.db, rule, { now: at(0) });
    await assert.rejects(hitOrThrow(database.db, rule, { now: at(0) }), (error: unknown) => {
      assert.ok(error instanceof RateLimited);
      assert.equal(error.status, 429);
      assert.equal(error.code, 'rate_limited');
      assert.equal(error.retryAfterSeconds, 300);
      assert.equal(error.message, 'Trop de tentatives. Réessayez dans 5 minutes.');
      return true;
    });
    await assert.rejects(hitOrThrow(database.db, rule, { now: at(270) }), {
      message: 'Trop de tentatives. Réessayez dans 30 secondes.',
    });
  });

  test('uses the database clock when no time is given', async () => {
    const rule = { bucket: freshBucket(), key: 'user-6', limit: 1, windowSeconds: 3600 };
    assert.equal((await hit(database.db, rule)).allowed, true);
    const refused = await hit(database.db, rule);
    assert.equal(refused.allowed, false);
    assert.ok(
      refused.retryAfterSeconds > 0 && refused.retryAfterSeconds <= 3600,
      `${refused.retryAfterSeconds}`,
    );
  });

  test('stores a hash of the key, never the IP or e-mail address itself', async () => {
    const bucket = freshBucket();
    await hit(
      database.db,
      { bucket, key: 'camille@example.fr', limit: 5, windowSeconds: 60 },
      { now: at(0) },
    );
    const rows = await database.db
      .selectFrom('rate_limits')
      .selectAll()
      .where('bucket', '=', bucket)
      .execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.key_hash, rateLimitKeyHash('camille@example.fr'));
    assert.doesNotMatch(JSON.stringify(rows), /camille/);
  });

  test('the purge deletes ended windows only', async () => {
    const bucket = freshBucket();
    await hit(database.db, { bucket, key: 'old', limit: 5, windowSeconds: 60 }, { now: at(0) });
    await hit(database.db, { bucket, key: 'current', limit: 5, windowSeconds: 600 }, { now: at(0) });
    const deleted = await purgeExpiredRateLimits(database.db, { now: at(60) });
    assert.ok(deleted >= 1);
    const left = await database.db
      .selectFrom('rate_limits')
      .select('key_hash')
      .where('bucket', '=', bucket)
      .execute();
    assert.deepEqual(
      left.map((r) => r.key_hash),
      [rateLimitKeyHash('current')],
    );
  });

  test('refuses malformed rules', async () => {
    const rule = { bucket: 'auth.sign_in', key: 'k', limit: 5, windowSeconds: 60 };
    await assert.rejects(hit(database.db, { ...rule, bucket: 'Auth Sign-in' }), RangeError);
    await assert.rejects(hit(database.db, { ...rule, limit: 0 }), RangeError);
    await assert.rejects(hit(database.db, { ...rule, limit: 1.5 }), RangeError);
    await assert.rejects(hit(database.db, { ...rule, windowSeconds: 0 }), RangeError);
    await assert.rejects(hit(database.db, { ...rule, windowSeconds: Number.NaN }), RangeError);
  });

  test('50 concurrent hits with a limit of 10 let exactly 10 through', async () => {
    // On PostgreSQL, from a pool of 20 connections so that the hits really run at the same time.
    const instance = database.engine === 'postgres' ? await openSecondInstance(database, 20) : database;
    try {
      const rule = { bucket: freshBucket(), key: '198.51.100.1', limit: 10, windowSeconds: 60 };
      const outcomes = await Promise.all(Array.from({ length: 50 }, () => hit(instance.db, rule)));
      assert.equal(outcomes.filter((o) => o.allowed).length, 10);
      assert.deepEqual(
        outcomes
          .filter((o) => o.allowed)
          .map((o) => o.remaining)
          .sort((a, b) => a - b),
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      );
    } finally {
      if (instance !== database) await instance.close();
    }
  });

  test('two app instances on one PostgreSQL database share the counts', {
    skip: testDatabaseUrl() ? false : 'PostgreSQL only (PGlite is one process)',
  }, async () => {
    const other = await openSecondInstance(database, 2);
    try {
      const rule = { bucket: freshBucket(), key: 'user-7', limit: 4, windowSeconds: 60 };
      assert.equal((await hit(database.db, rule, { now: at(0) })).remaining, 3);
      assert.equal((await hit(other.db, rule, { now: at(1) })).remaining, 2);
      assert.equal((await hit(database.db, rule, { now: at(2) })).remaining, 1);
      assert.equal((await hit(other.db, rule, { now: at(3) })).remaining, 0);
      assert.equal((await hit(database.db, rule, { now: at(4) })).allowed, false);
      assert.equal((await peek(other.db, rule, { now: at(5) })).allowed, false);
      await reset(other.db, rule.bucket, rule.key);
      assert.equal((await hit(database.db, rule, { now: at(6) })).allowed, true);
    } finally {
      await other.close();
    }
  });
});
