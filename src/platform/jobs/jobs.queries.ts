import { type Selectable, sql } from 'kysely';
import type { DbOrTx } from '../db/index.js';
import type { JobsTable } from './jobs.tables.js';

export type JobRow = Selectable<JobsTable>;

/** `ms` milliseconds as an SQL interval, computed by the database (one clock: the database's). */
const millis = (ms: number) =>
  sql<string>`(${Math.max(0, Math.round(ms))}::double precision * interval '1 millisecond')`;

export interface NewJob {
  type: string;
  /** JSON text. */
  payload: string;
  runAt?: Date | undefined;
  maxAttempts?: number | undefined;
  dedupeKey?: string | undefined;
}

/** Inserts a job; with a dedupe key already taken, inserts nothing and returns undefined. */
export async function insertJob(db: DbOrTx, job: NewJob): Promise<{ id: string } | undefined> {
  return db
    .insertInto('jobs')
    .values({
      type: job.type,
      payload: job.payload,
      ...(job.runAt ? { run_at: job.runAt } : {}),
      ...(job.maxAttempts !== undefined ? { max_attempts: job.maxAttempts } : {}),
      dedupe_key: job.dedupeKey ?? null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
}

export async function findJobIdByDedupeKey(db: DbOrTx, dedupeKey: string): Promise<string | undefined> {
  const row = await db.selectFrom('jobs').select('id').where('dedupe_key', '=', dedupeKey).executeTakeFirst();
  return row?.id;
}

export async function findJob(db: DbOrTx, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Claims the oldest due pending job for `workerId`, in one statement (its own short transaction).
 * `FOR UPDATE SKIP LOCKED` makes concurrent claimers (other processes on the same PostgreSQL) skip the row
 * another one is taking, so a job is never handed out twice.
 */
export async function claimNextJob(db: DbOrTx, workerId: string): Promise<JobRow | undefined> {
  return db
    .updateTable('jobs')
    .set((eb) => ({
      state: 'running',
      attempts: eb('attempts', '+', 1),
      locked_by: workerId,
      locked_at: sql<Date>`now()`,
    }))
    .where('id', '=', (eb) =>
      eb
        .selectFrom('jobs')
        .select('id')
        .where('state', '=', 'pending')
        .where('run_at', '<=', sql<Date>`now()`)
        .orderBy('run_at')
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .skipLocked(),
    )
    .where('state', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

/** The claim a worker holds: the row is still running, locked by it, in the same attempt. */
interface Claim {
  id: string;
  attempts: number;
  workerId: string;
}

/** Marks a claimed job done. False when the claim was lost (taken back as stale meanwhile). */
export async function markJobDone(db: DbOrTx, claim: Claim): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ state: 'done', finished_at: sql<Date>`now()` })
    .where('id', '=', claim.id)
    .where('state', '=', 'running')
    .where('locked_by', '=', claim.workerId)
    .where('attempts', '=', claim.attempts)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Puts a failed claimed job back to pending, due in `delayMs`, with its error. */
export async function markJobForRetry(
  db: DbOrTx,
  claim: Claim,
  error: string,
  delayMs: number,
): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({
      state: 'pending',
      run_at: sql<Date>`now() + ${millis(delayMs)}`,
      last_error: error,
      locked_by: null,
      locked_at: null,
    })
    .where('id', '=', claim.id)
    .where('state', '=', 'running')
    .where('locked_by', '=', claim.workerId)
    .where('attempts', '=', claim.attempts)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Marks a claimed job dead (no more attempts), keeping its error. */
export async function markJobDead(db: DbOrTx, claim: Claim, error: string): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ state: 'dead', last_error: error, finished_at: sql<Date>`now()` })
    .where('id', '=', claim.id)
    .where('state', '=', 'running')
    .where('locked_by', '=', claim.workerId)
    .where('attempts', '=', claim.attempts)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export interface TakenBackJob {
  id: string;
  type: string;
  state: 'pending' | 'dead';
  attempts: number;
}

/**
 * Jobs running for longer than `visibilityTimeoutMs` were left by a process that died: back to pending
 * (due now), or dead when that run was their last attempt.
 */
export async function takeBackStaleJobs(db: DbOrTx, visibilityTimeoutMs: number): Promise<TakenBackJob[]> {
  const seconds = Math.round(visibilityTimeoutMs / 1000);
  const lastAttempt = sql<boolean>`attempts >= max_attempts`;
  const rows = await db
    .updateTable('jobs')
    .set({
      state: sql`CASE WHEN ${lastAttempt} THEN 'dead' ELSE 'pending' END`,
      finished_at: sql`CASE WHEN ${lastAttempt} THEN now() END`,
      run_at: sql<Date>`now()`,
      last_error: sql<string>`concat('still running after ', ${seconds}::integer, ' s on worker ', coalesce(locked_by, '?'), ': taken back (the process probably stopped)')`,
      locked_by: sql`CASE WHEN ${lastAttempt} THEN locked_by END`,
      locked_at: sql`CASE WHEN ${lastAttempt} THEN locked_at END`,
    })
    .where('state', '=', 'running')
    .where('locked_at', '<', sql<Date>`now() - ${millis(visibilityTimeoutMs)}`)
    .returning(['id', 'type', 'state', 'attempts'])
    .execute();
  return rows as TakenBackJob[];
}

/**
 * Deletes at most `batchSize` jobs finished before the given ages (done and dead counted apart).
 * Returns how many were deleted: call again while it returns `batchSize`.
 */
export async function deleteFinishedJobs(
  db: DbOrTx,
  ages: { doneMs: number; deadMs: number },
  batchSize = 500,
): Promise<number> {
  const result = await db
    .deleteFrom('jobs')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('jobs')
        .select('id')
        .where((w) =>
          w.or([
            w.and([
              w('state', '=', 'done'),
              w('finished_at', '<', sql<Date>`now() - ${millis(ages.doneMs)}`),
            ]),
            w.and([
              w('state', '=', 'dead'),
              w('finished_at', '<', sql<Date>`now() - ${millis(ages.deadMs)}`),
            ]),
          ]),
        )
        .limit(batchSize),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Gives a dead job a new series of attempts, due now. False when the job is not dead. */
export async function resetDeadJob(db: DbOrTx, id: string): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({
      state: 'pending',
      attempts: 0,
      run_at: sql<Date>`now()`,
      finished_at: null,
      locked_by: null,
      locked_at: null,
    })
    .where('id', '=', id)
    .where('state', '=', 'dead')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
