import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from './database.js';
import { PgliteThread } from './pglite.thread.js';
import { testDatabaseUrl } from './testing.js';

const embeddedOnly = testDatabaseUrl() ? 'the embedded engine only' : false;

describe('the embedded engine in a worker thread', { skip: embeddedOnly }, () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'fi-thread-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('queries, errors with their SQLSTATE, transactions, and data kept on disk after close', async () => {
    const dataDir = join(dir, 'data');
    const database = await openDatabase({ dataDir, thread: true });
    assert.equal(database.engine, 'pglite');
    assert.equal(database.pglite, undefined, 'the engine lives in the other thread');
    const { db } = database;
    await sql`CREATE TABLE note (id int PRIMARY KEY, body text NOT NULL)`.execute(db);
    await db.transaction().execute(async (tx) => {
      await sql`INSERT INTO note VALUES (${1}, ${'gardée'})`.execute(tx);
    });
    await assert.rejects(
      db.transaction().execute(async (tx) => {
        await sql`INSERT INTO note VALUES (${2}, ${'annulée'})`.execute(tx);
        throw new Error('rollback');
      }),
      /rollback/,
    );
    await assert.rejects(sql`INSERT INTO note VALUES (${1}, ${'doublon'})`.execute(db), (error: unknown) => {
      assert.equal((error as { code?: string }).code, '23505', 'unique violation, as on PostgreSQL');
      return true;
    });
    // Many queries at once: each gets its own answer, in spite of the one connection.
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => sql<{ n: number }>`SELECT ${i}::int AS n`.execute(db)),
    );
    assert.deepEqual(
      answers.map((a) => a.rows[0]?.n),
      Array.from({ length: 100 }, (_, i) => i),
    );
    await database.close();

    const reopened = await openDatabase({ dataDir, thread: true });
    const { rows } = await sql<{ id: number; body: string }>`SELECT id, body FROM note ORDER BY id`.execute(
      reopened.db,
    );
    assert.deepEqual(rows, [{ id: 1, body: 'gardée' }]);
    await reopened.close();
    await assert.rejects(sql`SELECT 1`.execute(reopened.db));
  });

  test('a thread that stops unexpectedly: queries fail at once instead of waiting, and the owner is told', async () => {
    const failures: Error[] = [];
    const thread = await PgliteThread.start({ dataDir: 'memory://' }, (error) => failures.push(error));
    const client = new pg.Client(thread.clientConfig());
    client.on('error', () => {});
    await client.connect();
    assert.deepEqual((await client.query('SELECT 1 AS one')).rows, [{ one: 1 }]);
    // As if PGlite's thread crashed (the worker is private: reached by name, for this test only).
    await (thread as unknown as { worker: Worker }).worker.terminate();
    await assert.rejects(client.query('SELECT 2'));
    assert.equal(failures.length, 1);
    assert.match(failures[0]?.message ?? '', /stopped/);
    await thread.close();

    // Closing on purpose is not a failure.
    const quiet = await PgliteThread.start({ dataDir: 'memory://' }, (error) => failures.push(error));
    await quiet.close();
    assert.equal(failures.length, 1);
  });

  test('a connection cut in the middle of a transaction leaves nothing behind for the next one', async () => {
    const thread = await PgliteThread.start({ dataDir: 'memory://' });
    try {
      const first = new pg.Client(thread.clientConfig());
      first.on('error', () => {});
      await first.connect();
      await first.query('CREATE TABLE item (n int)');
      await first.query({ name: 'add', text: 'INSERT INTO item VALUES ($1)', values: [1] });
      await first.query('BEGIN');
      await first.query({ name: 'add', text: 'INSERT INTO item VALUES ($1)', values: [2] });
      // The socket goes away without a word (a client dropped by its pool after an error).
      first.connection.stream.destroy();

      const second = new pg.Client(thread.clientConfig());
      await second.connect();
      // The same statement name is free again, and the cut transaction was rolled back.
      await second.query({ name: 'add', text: 'INSERT INTO item VALUES ($1)', values: [3] });
      const { rows } = await second.query<{ n: number }>('SELECT n FROM item ORDER BY n');
      assert.deepEqual(
        rows.map((r) => r.n),
        [1, 3],
      );
      await second.end();
    } finally {
      await thread.close();
    }
  });
});
