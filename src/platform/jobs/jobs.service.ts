import type { DbOrTx } from '../db/index.js';
import { findJobIdByDedupeKey, insertJob, resetDeadJob } from './jobs.queries.js';
import type { EnqueueOptions, EnqueueResult, JobPayload } from './jobs.types.js';

const MAX_ERROR_LENGTH = 2000;

/**
 * Queues a job. Pass the caller's transaction as `db` so that the job commits (or rolls back) with the
 * state change it belongs to. On PGlite (one connection) never pass the plain database handle while a
 * transaction is open: the call would wait for that transaction forever.
 */
export async function enqueue<T extends string>(
  db: DbOrTx,
  type: T,
  payload: JobPayload<T>,
  options: EnqueueOptions = {},
): Promise<EnqueueResult> {
  if (type.trim() === '') throw new TypeError('enqueue: the job type is empty');
  const { maxAttempts, runAt, dedupeKey } = options;
  if (maxAttempts !== undefined && !(Number.isInteger(maxAttempts) && maxAttempts >= 1)) {
    throw new RangeError(`enqueue: maxAttempts must be an integer >= 1 (got ${maxAttempts})`);
  }
  if (runAt !== undefined && Number.isNaN(runAt.getTime()))
    throw new RangeError('enqueue: runAt is an invalid date');
  const json = JSON.stringify(payload ?? {});
  if (json === undefined)
    throw new TypeError(`enqueue: the payload of a "${type}" job is not JSON-serialisable`);

  const row = await insertJob(db, { type, payload: json, runAt, maxAttempts, dedupeKey });
  if (row) return { id: row.id, created: true };
  // Only a dedupe key conflict inserts nothing.
  const existing = dedupeKey === undefined ? undefined : await findJobIdByDedupeKey(db, dedupeKey);
  if (existing === undefined) throw new Error(`enqueue: the "${type}" job was neither inserted nor found`);
  return { id: existing, created: false };
}

/** Gives a dead job a new series of attempts (an operator's action after fixing the cause). */
export function retryDeadJob(db: DbOrTx, id: string): Promise<boolean> {
  return resetDeadJob(db, id);
}

export interface BackoffOptions {
  /** Delay before the first retry, before jitter (default 10 s). */
  baseMs?: number;
  /** Longest delay (default 1 h). */
  maxMs?: number;
}

/**
 * Delay before retrying after the `attempt`-th failed run (from 1): exponential (base × 2^(attempt−1),
 * capped) with "equal jitter" (between half and all of it), so that jobs failing together do not retry
 * together. `random` returns a number in [0, 1).
 */
export function retryDelayMs(
  attempt: number,
  options: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const base = options.baseMs ?? 10_000;
  const max = options.maxMs ?? 3_600_000;
  const exponent = Math.min(Math.max(0, Math.floor(attempt) - 1), 40);
  const ceiling = Math.min(max, base * 2 ** exponent);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** What is kept of an error in `jobs.last_error`: its name and message, shortened. Never the payload. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : `thrown value: ${String(error)}`;
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}
