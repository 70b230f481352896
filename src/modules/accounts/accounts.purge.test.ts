import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Database } from '../../platform/db/index.js';
import { createTestDatabase } from '../../platform/db/testing.js';
import { JobWorker } from '../../platform/jobs/index.js';
import { memoryLogger, waitFor } from '../../platform/jobs/testing.js';
import { hit } from '../../platform/ratelimit/index.js';
import {
  accountsJobHandlers,
  enqueuePurge,
  purgeAccounts,
  purgeDedupeKey,
  schedulePurge,
} from './accounts.purge.js';
import { insertSession, insertToken } from './accounts.queries.js';
import { newSecret } from './accounts.service.js';
import { createTestUser } from './testing.js';

describe('the accounts purge', () => {
  let database: Database;
  let seq = 0;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  const ago = (interval: string) => sql<Date>`now() - ${interval}::interval`;

  async function unverifiedUser(createdAgo: string | null) {
    const db = database.db;
    const row = await db
      .insertInto('users')
      .values({ email: `non-confirme${++seq}@exemple.fr`, display_name: 'Non confirmé', password_hash: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (createdAgo)
      await db
        .updateTable('users')
        .set({ created_at: ago(createdAgo) } as never)
        .where('id', '=', row.id)
        .execute();
    return row.id;
  }

  async function token(userId: string, set: { used_at?: unknown; expires_at?: unknown } = {}) {
    const secret = newSecret();
    await insertToken(database.db, { id: secret.id, userId, purpose: 'password_reset', ttlMs: 3_600_000 });
    if (Object.keys(set).length)
      await database.db
        .updateTable('account_tokens')
        .set(set as never)
        .where('id', '=', secret.id)
        .execute();
    return secret.id;
  }

  async function session(userId: string, set: Record<string, unknown> = {}, pending = false) {
    const secret = newSecret();
    await insertSession(database.db, {
      id: secret.id,
      userId,
      ttlMs: pending ? 600_000 : 30 * 86_400_000,
      ip: null,
      userAgent: null,
      method: 'password',
      pendingSecondFactor: pending,
    });
    if (Object.keys(set).length)
      await database.db
        .updateTable('sessions')
        .set(set as never)
        .where('id', '=', secret.id)
        .execute();
    return secret.id;
  }

  const exists = async (table: 'users' | 'account_tokens' | 'sessions', id: string) =>
    (await database.db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

  test('erases each kind of stale row, keeps the fresh ones, and a second run erases nothing', async () => {
    const db = database.db;
    const oldUnverified = await unverifiedUser('8 days');
    const freshUnverified = await unverifiedUser('2 days');
    const withIdentity = await unverifiedUser('8 days');
    await db
      .insertInto('user_identities')
      .values({ provider: 'proconnect', subject: 'sujet-1', user_id: withIdentity })
      .execute();
    const verified = await createTestUser(db);
    await db
      .updateTable('users')
      .set({ created_at: ago('1 year') } as never)
      .where('id', '=', verified.id)
      .execute();

    const usedLongAgo = await token(verified.id, { used_at: ago('25 hours') });
    const expiredLongAgo = await token(verified.id, { expires_at: ago('25 hours') });
    const usedRecently = await token(verified.id, { used_at: ago('1 hour') });
    const usable = await token(verified.id);

    const revokedLongAgo = await session(verified.id, { revoked_at: ago('31 days') });
    const expiredSession = await session(verified.id, {
      created_at: ago('61 days'),
      last_seen_at: ago('61 days'),
      expires_at: ago('31 days'),
    });
    const idleLongAgo = await session(verified.id, { last_seen_at: ago('31 days') });
    const revokedYesterday = await session(verified.id, { revoked_at: ago('1 day') });
    const active = await session(verified.id);
    const stalePending = await session(verified.id, { expires_at: ago('1 minute') }, true);
    const pending = await session(verified.id, {}, true);

    const oidcLogin = (id: string, expiresAt: unknown) =>
      db
        .insertInto('oidc_logins')
        .values({
          id,
          provider: 'proconnect',
          step: 'linking',
          user_id: verified.id,
          subject: 'sujet-2',
          email: verified.email,
          expires_at: expiresAt,
        } as never)
        .execute();
    await oidcLogin('a'.repeat(64), ago('1 minute'));
    await oidcLogin('b'.repeat(64), sql<Date>`now() + interval '9 minutes'`);

    const past = new Date(Date.now() - 2 * 3_600_000);
    await hit(db, { bucket: 'auth.mail.address', key: 'ancien', limit: 3, windowSeconds: 60 }, { now: past });
    await hit(db, { bucket: 'auth.mail.address', key: 'en-cours', limit: 3, windowSeconds: 3600 });

    const counts = await purgeAccounts(db);
    assert.deepEqual(counts, {
      pendingSessions: 1,
      sessions: 3,
      tokens: 2,
      unverifiedAccounts: 1,
      oidcLogins: 1,
      rateLimits: 1,
    });
    const logins = await db.selectFrom('oidc_logins').select('id').execute();
    assert.deepEqual(logins, [{ id: 'b'.repeat(64) }]);

    assert.equal(await exists('users', oldUnverified), false);
    for (const id of [freshUnverified, withIdentity, verified.id])
      assert.equal(await exists('users', id), true);
    for (const id of [usedLongAgo, expiredLongAgo]) assert.equal(await exists('account_tokens', id), false);
    for (const id of [usedRecently, usable]) assert.equal(await exists('account_tokens', id), true);
    for (const id of [revokedLongAgo, expiredSession, idleLongAgo, stalePending])
      assert.equal(await exists('sessions', id), false);
    for (const id of [revokedYesterday, active, pending]) assert.equal(await exists('sessions', id), true);
    const limits = await db.selectFrom('rate_limits').select('bucket').execute();
    assert.equal(limits.length, 1);

    const events = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'accounts.purged')
      .execute();
    assert.equal(events.length, 1);
    assert.deepEqual(events[0]?.summary, counts);
    assert.equal(events[0]?.ip, null);
    assert.equal(events[0]?.actor_id, null);

    const again = await purgeAccounts(db);
    assert.deepEqual(again, {
      pendingSessions: 0,
      sessions: 0,
      tokens: 0,
      unverifiedAccounts: 0,
      oidcLogins: 0,
      rateLimits: 0,
    });
    const after = await db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'accounts.purged')
      .execute();
    assert.equal(after.length, 1, 'a run that erases nothing writes no event');
  });

  test('the hourly job: one per hour however often it is queued, run by the worker', async () => {
    const db = database.db;
    assert.equal(purgeDedupeKey(new Date('2026-11-27T08:41:00Z')), 'accounts.purge:2026-11-27T08');
    const at = new Date('2030-01-01T10:15:00Z');
    const first = await enqueuePurge(db, at);
    const second = await enqueuePurge(db, new Date('2030-01-01T10:59:00Z'));
    assert.equal(first.created, true);
    assert.equal(second.created, false);
    assert.equal(second.id, first.id);

    const stale = await unverifiedUser('9 days');
    const worker = new JobWorker({ db, logger: memoryLogger(), handlers: accountsJobHandlers(db) });
    // The schedule queues this hour's job at once (its timer is unref'd and stopped here).
    const stop = schedulePurge(db, { logger: memoryLogger() });
    try {
      await waitFor(
        async () =>
          (await db
            .selectFrom('jobs')
            .select('id')
            .where('dedupe_key', '=', purgeDedupeKey(new Date()))
            .executeTakeFirst()) !== undefined,
        { timeoutMs: 10_000, intervalMs: 20 },
      );
    } finally {
      stop();
    }
    assert.ok((await worker.drain()) >= 1);
    const jobs = await db
      .selectFrom('jobs')
      .select(['state'])
      .where('type', '=', 'accounts.purge')
      .where('run_at', '<=', sql<Date>`now()`)
      .execute();
    assert.ok(jobs.every((j) => j.state === 'done'));
    assert.equal(await exists('users', stale), false);
  });
});
