import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { type Database, type DbOrTx, openDatabase } from '../db/index.js';
import { createTestDatabase, testDatabaseUrl } from '../db/testing.js';
import { canonicalJson, GENESIS_HASH, hashAuditRow } from './audit.hash.js';
import type { AuditEventRow } from './audit.queries.js';
import {
  type AuditChainReport,
  type AuditEvent,
  type AuditSearch,
  type AuditSummary,
  recordAudit,
  searchAudit,
  verifyAuditChain,
} from './audit.service.js';

/** A second handle on the same database: its own pool on PostgreSQL (as a second app instance has). */
async function secondHandle(database: Database, poolSize: number) {
  const url = testDatabaseUrl();
  if (database.engine === 'pglite' || !url) return { db: database.db, close: async () => {} };
  const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(database.db);
  const u = new URL(url);
  u.pathname = `/${rows[0]!.name}`;
  const other = await openDatabase({ databaseUrl: u.toString(), poolSize });
  return { db: other.db, close: () => other.close() };
}

let sequence = 0;
function buildAuditEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  sequence += 1;
  return {
    action: 'auth.sign_in',
    objectType: 'account',
    objectId: `u-${sequence % 7}`,
    actorId: `u-${sequence % 7}`,
    actorLabel: `personne${sequence % 7}@example.fr`,
    ip: '203.0.113.7',
    requestId: `req-${sequence}`,
    summary: { n: sequence, méthode: 'mot de passe' },
    ...overrides,
  };
}

class Rollback extends Error {}

/** Runs `change` with the append-only trigger disabled, verifies, and rolls everything back. */
async function verifyAfter(
  db: DbOrTx,
  change: (trx: DbOrTx) => Promise<unknown>,
  batchSize = 4,
): Promise<AuditChainReport> {
  let report: AuditChainReport | undefined;
  await db
    .transaction()
    .execute(async (trx) => {
      await sql`ALTER TABLE audit_events DISABLE TRIGGER USER`.execute(trx);
      await sql`ALTER TABLE audit_chain_head DISABLE TRIGGER USER`.execute(trx);
      await change(trx);
      report = await verifyAuditChain(trx, { batchSize });
      throw new Rollback();
    })
    .catch((error) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return report!;
}

const allRows = (db: DbOrTx): Promise<AuditEventRow[]> =>
  db.selectFrom('audit_events').selectAll().orderBy('id').execute();

function failure(report: AuditChainReport) {
  assert.equal(report.ok, false, 'the verification should fail');
  if (report.ok) throw new Error('unreachable');
  return { reason: report.reason, firstBadId: report.firstBadId, count: report.count };
}

describe('audit trail (same behaviour on PGlite and PostgreSQL)', () => {
  let database: Database;
  let db: Database['db'];
  before(async () => {
    database = await createTestDatabase();
    db = database.db;
  });
  after(() => database.close());

  test('an empty trail verifies', async () => {
    assert.deepEqual(await verifyAuditChain(db), { ok: true, count: 0, lastId: '0', lastHash: GENESIS_HASH });
  });

  test('a chain of many events verifies, read in batches of any size', async () => {
    const recorded = [];
    for (let i = 0; i < 120; i++) {
      const anonymous = i % 10 === 3;
      recorded.push(
        await recordAudit(
          db,
          buildAuditEvent(
            anonymous
              ? {
                  action: 'auth.sign_in_failed',
                  actorId: null,
                  actorLabel: null,
                  objectId: null,
                  summary: undefined,
                }
              : {},
          ),
        ),
      );
    }
    const rows = await allRows(db);
    assert.equal(rows.length, 120);
    assert.equal(rows[0]!.prev_hash, GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) assert.equal(rows[i]!.prev_hash, rows[i - 1]!.hash);
    assert.deepEqual(
      rows.map((r) => r.hash),
      recorded.map((r) => r.hash),
    );
    assert.equal(rows[3]!.actor_id, null);
    assert.deepEqual(rows[3]!.summary, {});
    assert.equal(rows[0]!.occurred_at.getTime(), recorded[0]!.occurredAt.getTime());
    for (let i = 1; i < rows.length; i++) {
      assert.ok(
        rows[i]!.occurred_at >= rows[i - 1]!.occurred_at,
        'occurred_at never decreases along the chain',
      );
    }

    const last = recorded.at(-1)!;
    for (const batchSize of [1, 7, 120, 5000]) {
      assert.deepEqual(await verifyAuditChain(db, { batchSize }), {
        ok: true,
        count: 120,
        lastId: last.id,
        lastHash: last.hash,
      });
    }
  });

  test('an event commits or rolls back with the change it records', async () => {
    const before = await verifyAuditChain(db);
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await recordAudit(trx, buildAuditEvent({ action: 'roles.grant', summary: { role: 'instructeur' } }));
        throw new Rollback();
      }),
      Rollback,
    );
    assert.deepEqual(await verifyAuditChain(db), before);
    assert.equal((await searchAudit(db, { action: 'roles.grant' })).events.length, 0);

    const kept = await db.transaction().execute(async (trx) => {
      const first = await recordAudit(trx, buildAuditEvent({ action: 'roles.grant' }));
      const second = await recordAudit(trx, buildAuditEvent({ action: 'roles.revoke' }));
      return [first, second];
    });
    const rows = await allRows(db);
    assert.deepEqual(
      rows.slice(-2).map((r) => [r.id, r.action]),
      [
        [kept[0]!.id, 'roles.grant'],
        [kept[1]!.id, 'roles.revoke'],
      ],
    );
    const after = await verifyAuditChain(db);
    assert.equal(after.ok && after.count, before.ok && before.count + 2);
  });

  test('concurrent appends from several connections keep one chain', async () => {
    const n = 20;
    const other = await secondHandle(database, n);
    const count = async () => {
      const report = await verifyAuditChain(db);
      assert.ok(report.ok, JSON.stringify(report));
      return report.count;
    };
    const before = await count();
    try {
      // On PostgreSQL every transaction is open, on its own connection, before any of them appends: they all
      // reach recordAudit together. (PGlite has one connection: its transactions run one after another.)
      const together = database.engine === 'postgres';
      let arrived = 0;
      let release = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const results = await Promise.allSettled(
        Array.from({ length: n }, (_, i) =>
          // A few on the first handle (pool of 5), the rest on the second one.
          (i < 4 ? db : other.db).transaction().execute(async (trx) => {
            try {
              await sql`SELECT 1`.execute(trx);
            } finally {
              arrived += 1;
              if (arrived === n) release();
            }
            if (together) await gate;
            await recordAudit(trx, buildAuditEvent({ action: 'test.concurrent', summary: { i } }));
            if (i % 5 === 4) throw new Rollback(); // leaves a gap in the ids
          }),
        ),
      );
      const rejected = results.filter((r) => r.status === 'rejected');
      assert.equal(rejected.length, 4);
      for (const r of rejected) assert.ok(r.status === 'rejected' && r.reason instanceof Rollback, String(r));
      assert.equal(await count(), before + 16);
      const page = await searchAudit(db, { action: 'test.concurrent', limit: 200 });
      assert.deepEqual(
        page.events.map((e) => e.summary.i).sort((a, b) => Number(a) - Number(b)),
        Array.from({ length: n }, (_, i) => i).filter((i) => i % 5 !== 4),
      );
    } finally {
      await other.close();
    }
  });

  test('a REPEATABLE READ transaction that missed the last append fails instead of forking', async (t) => {
    if (database.engine !== 'postgres')
      return t.skip('PGlite has one connection: no two transactions overlap');
    const other = await secondHandle(database, 1);
    try {
      const failed = db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          await sql`SELECT count(*) FROM audit_events`.execute(trx); // takes the snapshot
          await recordAudit(other.db, buildAuditEvent({ action: 'test.meanwhile' })); // commits meanwhile
          await recordAudit(trx, buildAuditEvent({ action: 'test.stale_snapshot' }));
        });
      await assert.rejects(failed, (error: Error & { code?: string }) => error.code === '40001');
    } finally {
      await other.close();
    }
    assert.equal((await searchAudit(db, { action: 'test.meanwhile' })).events.length, 1);
    assert.equal((await searchAudit(db, { action: 'test.stale_snapshot' })).events.length, 0);
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  test('the database refuses UPDATE, DELETE and TRUNCATE, also in replica mode', async () => {
    const refused = /journal d'audit est en ajout seul/;
    await assert.rejects(sql`UPDATE audit_events SET ip = NULL`.execute(db), refused);
    await assert.rejects(sql`UPDATE audit_events SET ip = NULL WHERE false`.execute(db), refused);
    await assert.rejects(db.deleteFrom('audit_events').where('id', '=', '1').execute(), refused);
    await assert.rejects(sql`TRUNCATE audit_events`.execute(db), refused);
    await assert.rejects(db.deleteFrom('audit_chain_head').execute(), refused);
    await assert.rejects(sql`TRUNCATE audit_chain_head`.execute(db), refused);
    const { rows } = await sql<{ superuser: boolean }>`
      SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`.execute(db);
    if (rows[0]?.superuser) {
      await assert.rejects(
        db.transaction().execute(async (trx) => {
          await sql`SET LOCAL session_replication_role = replica`.execute(trx);
          await sql`DELETE FROM audit_events`.execute(trx);
        }),
        refused,
      );
    }
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  describe('tampering with the trigger disabled is detected, with the first bad event', () => {
    let rows: AuditEventRow[];
    before(async () => {
      rows = await allRows(db);
      assert.ok(rows.length > 20);
    });
    const at = (i: number) => rows.at(i)!;

    test('an edited summary', async () => {
      const target = at(10);
      const report = await verifyAfter(db, (trx) =>
        sql`UPDATE audit_events SET summary = summary || '{"n": -1}'::jsonb WHERE id = ${target.id}`.execute(
          trx,
        ),
      );
      assert.deepEqual(failure(report), { reason: 'hash_mismatch', firstBadId: target.id, count: 10 });
    });

    test('an edited actor, time, action or object', async () => {
      const edits = [
        sql`actor_label = 'quelquun@example.fr'`,
        sql`actor_id = NULL`,
        sql`occurred_at = occurred_at - interval '1 day'`,
        sql`action = 'auth.sign_out'`,
        sql`object_id = 'u-0'`,
        sql`ip = '198.51.100.1'`,
      ];
      for (const edit of edits) {
        const report = await verifyAfter(db, (trx) =>
          sql`UPDATE audit_events SET ${edit} WHERE id = ${at(1).id}`.execute(trx),
        );
        assert.deepEqual(failure(report), { reason: 'hash_mismatch', firstBadId: at(1).id, count: 1 });
      }
    });

    test('an edited row whose hash was computed again breaks the link of the next one', async () => {
      const target = at(5);
      const forged = { ...target, actor_label: 'autre@example.fr' };
      const report = await verifyAfter(db, (trx) =>
        sql`UPDATE audit_events SET actor_label = ${forged.actor_label}, hash = ${hashAuditRow(forged)}
            WHERE id = ${target.id}`.execute(trx),
      );
      assert.deepEqual(failure(report), { reason: 'broken_link', firstBadId: at(6).id, count: 6 });
    });

    test('a deleted row in the middle, or at the start', async () => {
      const middle = await verifyAfter(db, (trx) =>
        trx.deleteFrom('audit_events').where('id', '=', at(7).id).execute(),
      );
      assert.deepEqual(failure(middle), { reason: 'broken_link', firstBadId: at(8).id, count: 7 });
      const first = await verifyAfter(db, (trx) =>
        trx.deleteFrom('audit_events').where('id', '=', at(0).id).execute(),
      );
      assert.deepEqual(failure(first), { reason: 'broken_link', firstBadId: at(1).id, count: 0 });
    });

    test('the last row deleted, or the last three', async () => {
      const last = await verifyAfter(db, (trx) =>
        trx.deleteFrom('audit_events').where('id', '=', at(-1).id).execute(),
      );
      assert.deepEqual(failure(last), {
        reason: 'tail_mismatch',
        firstBadId: at(-1).id,
        count: rows.length - 1,
      });
      const three = await verifyAfter(db, (trx) =>
        trx.deleteFrom('audit_events').where('id', '>=', at(-3).id).execute(),
      );
      assert.deepEqual(failure(three), {
        reason: 'tail_mismatch',
        firstBadId: at(-1).id,
        count: rows.length - 3,
      });
      const all = await verifyAfter(db, (trx) => sql`TRUNCATE audit_events`.execute(trx));
      assert.deepEqual(failure(all), { reason: 'tail_mismatch', firstBadId: at(-1).id, count: 0 });
    });

    test('the last row deleted, then a new event appended by the application', async () => {
      const report = await verifyAfter(db, async (trx) => {
        await trx.deleteFrom('audit_events').where('id', '=', at(-1).id).execute();
        return recordAudit(trx, buildAuditEvent());
      });
      const failed = failure(report);
      assert.equal(failed.reason, 'broken_link');
      assert.equal(failed.count, rows.length - 1);
      assert.ok(BigInt(failed.firstBadId!) > BigInt(at(-1).id));
    });

    test('a row added without recordAudit, even with a correct hash, lies beyond the head', async () => {
      const report = await verifyAfter(db, async (trx) => {
        const { rows: next } = await sql<{ id: string }>`
          SELECT nextval(pg_get_serial_sequence('audit_events', 'id'))::text AS id`.execute(trx);
        const forged = {
          ...at(-1),
          id: next[0]!.id,
          actor_label: 'intrus@example.fr',
          prev_hash: at(-1).hash,
        };
        await trx
          .insertInto('audit_events')
          .values({ ...forged, summary: canonicalJson(forged.summary), hash: hashAuditRow(forged) })
          .execute();
        return forged.id;
      });
      const failed = failure(report);
      assert.equal(failed.reason, 'beyond_head');
      assert.equal(failed.count, rows.length);
      assert.ok(BigInt(failed.firstBadId!) > BigInt(at(-1).id));
    });

    test('a row slipped into a gap of the ids breaks the link of the next one', async () => {
      // The concurrency test rolled back some appends, so the ids have gaps.
      const gapIndex = rows.findIndex((r, i) => i > 0 && BigInt(r.id) - BigInt(rows[i - 1]!.id) > 1n);
      assert.ok(gapIndex > 0, 'a gap in the ids');
      const before = rows[gapIndex - 1]!;
      const forged = { ...before, id: (BigInt(before.id) + 1n).toString(), prev_hash: before.hash };
      const report = await verifyAfter(db, (trx) =>
        trx
          .insertInto('audit_events')
          .values({ ...forged, summary: canonicalJson(forged.summary), hash: hashAuditRow(forged) })
          .execute(),
      );
      assert.deepEqual(failure(report), {
        reason: 'broken_link',
        firstBadId: rows[gapIndex]!.id,
        count: gapIndex + 1,
      });
    });

    test('a rewritten or deleted head', async () => {
      const rewritten = await verifyAfter(db, (trx) =>
        trx
          .updateTable('audit_chain_head')
          .set({ last_hash: 'f'.repeat(64) })
          .execute(),
      );
      assert.deepEqual(failure(rewritten), {
        reason: 'tail_mismatch',
        firstBadId: at(-1).id,
        count: rows.length,
      });
      const deleted = await verifyAfter(db, (trx) => trx.deleteFrom('audit_chain_head').execute());
      assert.deepEqual(failure(deleted), { reason: 'head_missing', firstBadId: null, count: 0 });
    });

    test('the limit: whoever rewrites every later hash and the head, with the code, is not detected', async () => {
      const report = await verifyAfter(db, async (trx) => {
        let prev = at(9).hash;
        for (const row of rows.slice(10)) {
          const forged = {
            ...row,
            prev_hash: prev,
            ...(row.id === at(10).id ? { actor_label: 'x@example.fr' } : {}),
          };
          prev = hashAuditRow(forged);
          await sql`UPDATE audit_events SET actor_label = ${forged.actor_label}, prev_hash = ${forged.prev_hash},
                    hash = ${prev} WHERE id = ${row.id}`.execute(trx);
        }
        await trx.updateTable('audit_chain_head').set({ last_hash: prev }).execute();
      });
      assert.equal(report.ok, true, 'documented in the README: anchor the head hash outside the database');
    });

    test('every tampering was rolled back', async () => {
      assert.deepEqual(await allRows(db), rows);
      assert.equal((await verifyAuditChain(db)).ok, true);
    });
  });

  test('malformed events are refused before anything is written', async () => {
    const before = await verifyAuditChain(db);
    const bad: Array<[Partial<AuditEvent>, RegExp]> = [
      [{ action: 'signin' }, /action/],
      [{ action: 'Auth.SignIn' }, /action/],
      [{ objectType: '' }, /object type/],
      [{ summary: [] as unknown as AuditEvent['summary'] }, /JSON object/],
      [{ summary: { password: 'hunter2' } }, /"password" names a secret/],
      [{ summary: { after: { csrf_token: 'x' } } }, /"csrf_token" names a secret/],
      [{ summary: { list: [{ passwordHash: 'x' }] } }, /"passwordHash" names a secret/],
      [{ summary: { n: Number.NaN } }, /not storable JSON/],
      [{ summary: { text: 'a\u0000b' } }, /not storable JSON/],
      [{ summary: { text: 'x'.repeat(20_000) } }, /at most 16384/],
      [{ actorLabel: 'x'.repeat(321) }, /actorLabel/],
      [{ ip: 'a\u0000' }, /ip contains/],
    ];
    for (const [overrides, message] of bad) {
      await assert.rejects(recordAudit(db, buildAuditEvent(overrides)), message, JSON.stringify(overrides));
    }
    // What a summary may say about secrets without holding one.
    await recordAudit(
      db,
      buildAuditEvent({ summary: { totpEnabled: true, passwordChangedAt: '2025-01-01' } }),
    );
    const after = await verifyAuditChain(db);
    assert.equal(after.ok && after.count, before.ok && before.count + 1);
  });

  test('any JSON summary reads back with the same hash (jsonb normalises numbers and key order)', async () => {
    const key = fc
      .string({ unit: 'grapheme', maxLength: 12 })
      .filter(
        (k) =>
          !/(password|secret|token|cookie|passwd|passphrase|apikey|privatekey|recoverycode|sessionid)/i.test(
            k.replace(/[^a-z0-9]/gi, ''),
          ),
      );
    const summary = fc.dictionary(key, fc.jsonValue({ stringUnit: 'grapheme', maxDepth: 3 }), { maxKeys: 6 });
    await fc.assert(
      fc.asyncProperty(summary, async (value) => {
        const { id, hash } = await recordAudit(
          db,
          buildAuditEvent({ action: 'test.property', summary: value as AuditSummary }),
        );
        const row = await db
          .selectFrom('audit_events')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        assert.equal(row.hash, hash);
        assert.equal(hashAuditRow(row), hash);
      }),
      { numRuns: 60 },
    );
    await recordAudit(
      db,
      buildAuditEvent({ summary: { tiny: 5e-324, huge: 1.7976931348623157e308, neg: -0, e: 1e21 } }),
    );
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  describe('search', () => {
    const actor = 'u-search';
    const ids: string[] = [];
    before(async () => {
      for (let i = 0; i < 7; i++) {
        const event = buildAuditEvent({
          actorId: actor,
          action: i % 2 ? 'roles.grant' : 'roles.revoke',
          objectType: 'role',
          objectId: `r-${i % 3}`,
        });
        ids.push((await recordAudit(db, event)).id);
      }
    });

    test('by actor, newest first, in keyset pages', async () => {
      const first = await searchAudit(db, { actorId: actor, limit: 3 });
      assert.deepEqual(
        first.events.map((e) => e.id),
        ids.slice(4).reverse(),
      );
      assert.equal(first.nextBefore, ids[4]);
      const second = await searchAudit(db, { actorId: actor, limit: 3, before: first.nextBefore! });
      assert.deepEqual(
        second.events.map((e) => e.id),
        ids.slice(1, 4).reverse(),
      );
      const third = await searchAudit(db, { actorId: actor, limit: 3, before: second.nextBefore! });
      assert.deepEqual(
        third.events.map((e) => e.id),
        [ids[0]],
      );
      assert.equal(third.nextBefore, null);
    });

    test('by action, object and period, combined', async () => {
      const grants = await searchAudit(db, { actorId: actor, action: 'roles.grant' });
      assert.deepEqual(
        grants.events.map((e) => e.id),
        [ids[5], ids[3], ids[1]],
      );
      const object = await searchAudit(db, { objectType: 'role', objectId: 'r-1' });
      assert.deepEqual(
        object.events.map((e) => e.id),
        [ids[4], ids[1]],
      );
      const rows = await allRows(db);
      const last = rows.at(-1)!;
      const atLast = await searchAudit(db, {
        from: last.occurred_at,
        to: new Date(last.occurred_at.getTime() + 1),
      });
      assert.ok(atLast.events.some((e) => e.id === last.id));
      assert.ok(atLast.events.every((e) => e.occurred_at.getTime() === last.occurred_at.getTime()));
      const none = await searchAudit(db, { actorId: actor, to: rows[0]!.occurred_at });
      assert.deepEqual(none, { events: [], nextBefore: null });
    });

    test('a period gives the events that filtering every row gives, through every page', async () => {
      const rows = await allRows(db);
      const times = [...new Set(rows.map((r) => r.occurred_at.getTime()))];
      const picks = [0, 1, Math.floor(times.length / 3), Math.floor(times.length / 2), times.length - 1];
      const searchAll = async (search: AuditSearch) => {
        const ids: string[] = [];
        let before: string | undefined;
        do {
          const page = await searchAudit(db, { ...search, limit: 17, before });
          ids.push(...page.events.map((e) => e.id));
          before = page.nextBefore ?? undefined;
        } while (before);
        return ids;
      };
      for (const i of picks) {
        for (const j of picks) {
          const from = new Date(times[i]!);
          const to = new Date(times[j]! + (j % 2));
          for (const actorId of [undefined, actor]) {
            const expected = rows
              .filter(
                (r) => r.occurred_at >= from && r.occurred_at < to && (!actorId || r.actor_id === actorId),
              )
              .map((r) => r.id)
              .reverse();
            assert.deepEqual(
              await searchAll({ from, to, actorId }),
              expected,
              `${from.toISOString()} ${to.toISOString()}`,
            );
          }
        }
      }
      const all = await searchAll({ from: new Date(0) });
      assert.equal(all.length, rows.length);
    });

    test('bad parameters are refused', async () => {
      await assert.rejects(searchAudit(db, { limit: 0 }), /limit/);
      await assert.rejects(searchAudit(db, { limit: 201 }), /limit/);
      await assert.rejects(searchAudit(db, { before: '1 OR 1=1' }), /before/);
      await assert.rejects(searchAudit(db, { objectId: 'r-1' }), /objectType/);
      await assert.rejects(searchAudit(db, { from: new Date('nope') }), /from/);
    });
  });
});
