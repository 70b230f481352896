import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { sql } from 'kysely';
import { type Database, openDatabase } from '../db/index.js';
import { createTestDatabase, testDatabaseUrl } from '../db/testing.js';
import { findJob } from './jobs.queries.js';
import { enqueue, retryDeadJob, retryDelayMs } from './jobs.service.js';
import type { JobContext, JobHandlers } from './jobs.types.js';
import { memoryLogger, waitFor } from './testing.js';
import { JobWorker, type JobWorkerOptions } from './worker.js';

declare module './jobs.types.js' {
  interface JobPayloads {
    'test.echo': { n: number; secret?: string };
  }
}

/** A second handle on the same database: its own pool on PostgreSQL (as a second process would have). */
async function secondHandle(database: Database): Promise<{ db: Database['db']; close: () => Promise<void> }> {
  const url = testDatabaseUrl();
  if (database.engine === 'pglite' || !url) return { db: database.db, close: async () => {} };
  const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(database.db);
  const u = new URL(url);
  u.pathname = `/${rows[0]!.name}`;
  const other = await openDatabase({ databaseUrl: u.toString(), poolSize: 3 });
  return { db: other.db, close: () => other.close() };
}

describe('retryDelayMs (exponential backoff with jitter)', () => {
  test('doubles with each attempt, between half and all of its ceiling, and stops at the maximum', () => {
    const options = { baseMs: 1000, maxMs: 60_000 };
    const low = [1, 2, 3, 4, 5, 6, 7, 8].map((a) => retryDelayMs(a, options, () => 0));
    const high = [1, 2, 3, 4, 5, 6, 7, 8].map((a) => retryDelayMs(a, options, () => 0.999999));
    assert.deepEqual(low, [500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    assert.deepEqual(high, [1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000]);
    assert.equal(
      retryDelayMs(1000, options, () => 0.5),
      45_000,
    );
  });
});

describe('job queue (same behaviour on PGlite and PostgreSQL)', () => {
  let database: Database;
  let db: Database['db'];
  const workers: JobWorker[] = [];

  function worker(options: Partial<JobWorkerOptions> & { handlers: JobHandlers }, on = db): JobWorker {
    const w = new JobWorker({ db: on, logger: memoryLogger(), pollIntervalMs: 10, ...options });
    workers.push(w);
    return w;
  }

  before(async () => {
    database = await createTestDatabase();
    db = database.db;
  });
  beforeEach(async () => {
    await db.deleteFrom('jobs').execute();
  });
  after(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await database.close();
  });

  test('a queued job runs once, with its payload, and is then done', async () => {
    const seen: Array<{ n: number; attempt: number }> = [];
    const w = worker({
      handlers: {
        'test.echo': async (payload, job) => {
          seen.push({ n: payload.n, attempt: job.attempt });
        },
      },
    });
    w.start();
    const { id, created } = await enqueue(db, 'test.echo', { n: 42 });
    assert.equal(created, true);
    await waitFor(async () => (await findJob(db, id))?.state === 'done', { message: 'job done' });
    await w.stop();
    assert.deepEqual(seen, [{ n: 42, attempt: 1 }]);
    const row = await findJob(db, id);
    assert.equal(row?.attempts, 1);
    assert.equal(row?.locked_by, w.workerId);
    assert.ok(row?.finished_at instanceof Date);
    assert.equal(await w.drain(), 0, 'nothing left to run');
  });

  test('while requests are being served, jobs give way: one per gap, the rest once the rush is over', async () => {
    const seen: number[] = [];
    let busy = true;
    const w = worker({
      busy: () => busy,
      busyGapMs: 60_000,
      handlers: {
        'test.echo': async (payload) => {
          seen.push(payload.n);
        },
      },
    });
    for (const n of [1, 2, 3]) await enqueue(db, 'test.echo', { n });
    w.start();
    await waitFor(async () => seen.length === 1, { message: 'first job run' });
    // Many polls later, still busy: the next job waits for its gap (a minute).
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(seen, [1]);
    busy = false;
    w.wake();
    await waitFor(async () => seen.length === 3, { message: 'the queue caught up' });
    await w.stop();
    assert.deepEqual([...seen].sort(), [1, 2, 3]);
  });

  test('a failing job is retried after a backoff delay, then dead with its last error', async () => {
    let calls = 0;
    const handlers: JobHandlers = {
      'test.fail': async () => {
        calls++;
        throw new Error(`boom ${calls}`);
      },
    };
    const { id } = await enqueue(db, 'test.fail', {}, { maxAttempts: 3 });

    // First run, with the default backoff: back to pending, due later, the error kept.
    const first = worker({ handlers });
    assert.equal(await first.runNext(), true);
    const afterFirst = await db
      .selectFrom('jobs')
      .select(['state', 'attempts', 'last_error', 'locked_by', sql<boolean>`run_at > now()`.as('later')])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(afterFirst, {
      state: 'pending',
      attempts: 1,
      last_error: 'Error: boom 1',
      locked_by: null,
      later: true,
    });
    assert.equal(await first.drain(), 0, 'not due before its backoff delay');

    // Make it due, and let a worker with a recorded backoff run the remaining attempts.
    await db
      .updateTable('jobs')
      .set({ run_at: new Date(0) })
      .where('id', '=', id)
      .execute();
    const askedDelays: number[] = [];
    const second = worker({
      handlers,
      retryDelayMs: (attempt) => {
        askedDelays.push(attempt);
        return 0;
      },
    });
    assert.equal(await second.drain(), 2);
    assert.equal(calls, 3);
    assert.deepEqual(askedDelays, [2], 'a delay for the retry after attempt 2, none after the last');
    const dead = await findJob(db, id);
    assert.equal(dead?.state, 'dead');
    assert.equal(dead?.attempts, 3);
    assert.equal(dead?.last_error, 'Error: boom 3');
    assert.ok(dead?.finished_at instanceof Date);

    // An operator can give it a new series of attempts.
    assert.equal(await retryDeadJob(db, id), true);
    assert.equal((await findJob(db, id))?.state, 'pending');
    assert.equal(await retryDeadJob(db, id), false, 'only a dead job');
  });

  test('two workers on the same database run each of 50 jobs exactly once', async () => {
    const other = await secondHandle(database);
    try {
      const runs = new Map<string, string[]>();
      const handlerFor =
        (name: string) =>
        async (_payload: unknown, job: JobContext): Promise<void> => {
          runs.set(job.id, [...(runs.get(job.id) ?? []), name]);
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
        };
      const ids: string[] = [];
      for (let i = 0; i < 50; i++) ids.push((await enqueue(db, 'test.many', { i })).id);
      const a = worker({ handlers: { 'test.many': handlerFor('a') }, concurrency: 2 });
      const b = worker({ handlers: { 'test.many': handlerFor('b') }, concurrency: 2 }, other.db);
      a.start();
      b.start();
      await waitFor(
        async () => {
          const { n } = await db
            .selectFrom('jobs')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('state', '=', 'done')
            .executeTakeFirstOrThrow();
          return Number(n) === 50;
        },
        { message: '50 jobs done' },
      );
      await Promise.all([a.stop(), b.stop()]);
      assert.deepEqual([...runs.keys()].sort(), [...ids].sort());
      for (const [id, by] of runs)
        assert.equal(by.length, 1, `job ${id} ran ${by.length} times (${by.join(', ')})`);
      const attempts = await db.selectFrom('jobs').select('attempts').distinct().execute();
      assert.deepEqual(attempts, [{ attempts: 1 }]);
    } finally {
      await other.close();
    }
  });

  test('a job queued in a transaction that rolls back never runs; one that commits does', async () => {
    const seen: number[] = [];
    const w = worker({
      handlers: {
        'test.echo': async ({ n }) => {
          seen.push(n);
        },
      },
    });
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await enqueue(trx, 'test.echo', { n: 1 });
        throw new Error('the state change failed');
      }),
      /the state change failed/,
    );
    await db.transaction().execute(async (trx) => {
      await enqueue(trx, 'test.echo', { n: 2 });
    });
    assert.equal(await w.drain(), 1);
    assert.deepEqual(seen, [2]);
    const rows = await db.selectFrom('jobs').select('payload').execute();
    assert.deepEqual(rows, [{ payload: { n: 2 } }]);
  });

  test('a job left running by a crashed process is taken back after the visibility timeout', async () => {
    const { id } = await enqueue(db, 'test.echo', { n: 7 });
    const { id: lastTry } = await enqueue(db, 'test.echo', { n: 8 }, { maxAttempts: 1 });
    const { id: recent } = await enqueue(db, 'test.echo', { n: 9 });
    // What a process that died mid-run leaves behind; the third was claimed a moment ago by a live worker.
    const crashed = { state: 'running' as const, attempts: 1, locked_by: 'crashed-process' };
    await db
      .updateTable('jobs')
      .set({ ...crashed, locked_at: sql<Date>`now() - interval '1 hour'` })
      .where('id', 'in', [id, lastTry])
      .execute();
    await db
      .updateTable('jobs')
      .set({ ...crashed, locked_by: 'live-process', locked_at: sql<Date>`now()` })
      .where('id', '=', recent)
      .execute();

    const seen: number[] = [];
    const logger = memoryLogger();
    const w = worker({
      logger,
      jobTimeoutMs: 60_000,
      visibilityTimeoutMs: 10 * 60_000,
      handlers: {
        'test.echo': async ({ n }) => {
          seen.push(n);
        },
      },
    });
    assert.equal(await w.drain(), 1);
    assert.deepEqual(seen, [7]);
    const taken = await findJob(db, id);
    assert.equal(taken?.state, 'done');
    assert.equal(taken?.attempts, 2, 'the crashed run counts as an attempt');
    assert.match(taken?.last_error ?? '', /crashed-process/);
    const dead = await findJob(db, lastTry);
    assert.equal(dead?.state, 'dead', 'the crashed run was its last attempt');
    assert.match(dead?.last_error ?? '', /taken back/);
    const untouched = await findJob(db, recent);
    assert.equal(untouched?.state, 'running');
    assert.equal(untouched?.locked_by, 'live-process');
    assert.ok(logger.entries.some((e) => e.level === 'warn' && /taken back/.test(e.msg ?? '')));
  });

  test('a job of a type no handler knows is dead at once, with a clear error', async () => {
    const { id } = await enqueue(db, 'nobody.handles', { x: 1 });
    const w = worker({ handlers: { 'test.echo': async () => {} } });
    assert.equal(await w.drain(), 1);
    const row = await findJob(db, id);
    assert.equal(row?.state, 'dead');
    assert.equal(row?.attempts, 1);
    assert.equal(
      row?.last_error,
      'no handler for job type "nobody.handles" (this worker handles: test.echo)',
    );
  });

  test('the same dedupe key gives the same job, which runs once', async () => {
    const first = await enqueue(db, 'test.echo', { n: 1 }, { dedupeKey: 'echo:1' });
    const again = await db
      .transaction()
      .execute((trx) => enqueue(trx, 'test.echo', { n: 1 }, { dedupeKey: 'echo:1' }));
    const other = await enqueue(db, 'test.echo', { n: 2 }, { dedupeKey: 'echo:2' });
    assert.deepEqual(again, { id: first.id, created: false });
    assert.equal(other.created, true);
    let runs = 0;
    const w = worker({
      handlers: {
        'test.echo': async () => {
          runs++;
        },
      },
    });
    assert.equal(await w.drain(), 2);
    assert.equal(runs, 2);
    assert.equal(
      (await enqueue(db, 'test.echo', { n: 1 }, { dedupeKey: 'echo:1' })).created,
      false,
      'even once done',
    );
  });

  test('stop() waits for the running job to finish', async () => {
    let release: () => void = () => {};
    let started = false;
    const w = worker({
      handlers: {
        'test.echo': () => {
          started = true;
          return new Promise<void>((resolve) => {
            release = resolve;
          });
        },
      },
    });
    const { id } = await enqueue(db, 'test.echo', { n: 1 });
    w.start();
    await waitFor(() => started, { message: 'handler started' });
    let stopped = false;
    const stopping = w.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(stopped, false, 'stop() must wait for the running job');
    assert.equal((await findJob(db, id))?.state, 'running');
    release();
    await stopping;
    assert.equal((await findJob(db, id))?.state, 'done');
  });

  test('a run longer than jobTimeoutMs fails (its signal aborted) and is retried', async () => {
    let aborted = false;
    const w = worker({
      jobTimeoutMs: 50,
      visibilityTimeoutMs: 60_000,
      retryDelayMs: () => 0,
      handlers: {
        'test.echo': (_payload, job) =>
          new Promise<void>((resolve) => {
            if (job.attempt > 1) return resolve();
            job.signal.addEventListener('abort', () => {
              aborted = true;
              resolve();
            });
          }),
      },
    });
    const { id } = await enqueue(db, 'test.echo', { n: 1 });
    assert.equal(await w.drain(), 2);
    assert.equal(aborted, true);
    const row = await findJob(db, id);
    assert.equal(row?.state, 'done');
    assert.equal(row?.attempts, 2);
    assert.equal(row?.last_error, 'JobTimeoutError: timed out after 50 ms');
  });

  test('logs name the job, never its payload', async () => {
    const logger = memoryLogger();
    const w = worker({
      logger,
      retryDelayMs: () => 0,
      handlers: {
        'test.echo': async (_payload, job) => {
          if (job.attempt === 1) throw new Error('first try fails');
        },
      },
    });
    await enqueue(db, 'test.echo', { n: 1, secret: 'magic-link-token-123' });
    assert.equal(await w.drain(), 2);
    const logged = JSON.stringify(logger.entries);
    assert.match(logged, /test\.echo/);
    assert.doesNotMatch(logged, /magic-link-token-123/);
  });

  test('enqueue refuses bad options before touching the database', async () => {
    await assert.rejects(enqueue(db, '', {}), /type is empty/);
    await assert.rejects(enqueue(db, 'test.echo', { n: 1 }, { maxAttempts: 0 }), /maxAttempts/);
    await assert.rejects(
      enqueue(db, 'test.x', () => {}),
      /not JSON-serialisable/,
    );
  });
});
