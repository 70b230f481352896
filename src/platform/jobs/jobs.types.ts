/**
 * Payload type of each job type. A module (or the platform) declares its job types by declaration merging,
 * which types `enqueue()` and the handlers given to the worker:
 *
 *   declare module '../../platform/jobs/jobs.types.js' {
 *     interface JobPayloads { 'applications.reminder': { applicationId: string } }
 *   }
 *
 * A type nobody declared takes any JSON-serialisable payload (`unknown`).
 */
export interface JobPayloads {
  [type: string]: unknown;
}

export type JobType = keyof JobPayloads & string;
export type JobPayload<T extends string> = T extends keyof JobPayloads ? JobPayloads[T] : unknown;

export type JobState = 'pending' | 'running' | 'done' | 'dead';

export interface EnqueueOptions {
  /** Not before this time (default: now). */
  runAt?: Date;
  /** Runs before the job is `dead` (default 5; a crash while running counts as one). */
  maxAttempts?: number;
  /**
   * Idempotency key: while a job with this key exists (any state, until the retention purge), enqueueing
   * the same key returns that job instead of adding one. Put the period in the key for a periodic job
   * (`reminder:call:42:J-7`).
   */
  dedupeKey?: string;
}

export interface EnqueueResult {
  id: string;
  /** false when `dedupeKey` matched an existing job, whose id is returned. */
  created: boolean;
}

/** What a handler learns about the job it runs. */
export interface JobContext {
  id: string;
  type: string;
  /** This run's number, from 1. */
  attempt: number;
  maxAttempts: number;
  /**
   * Aborted when the run exceeds the worker's `jobTimeoutMs`: the run already counts as failed, stop what
   * can be stopped (pass it to fetch, streams…).
   */
  signal: AbortSignal;
}

/**
 * Does the job's work. Resolving marks the job done; throwing (or rejecting) schedules a retry, or marks
 * it dead after its last attempt. A job can run more than once (a crash after the work but before it
 * was marked done): make handlers idempotent where it matters.
 */
export type JobHandler<P = unknown> = {
  // Method syntax makes the payload parameter bivariant, so that a handler of a declared type (its
  // payload typed) also fits the `unknown` index signature of `JobHandlers`.
  handle(payload: P, job: JobContext): Promise<void>;
}['handle'];

/** Handlers by job type, typed by `JobPayloads`. */
export type JobHandlers = { [T in keyof JobPayloads]?: JobHandler<JobPayloads[T]> };

/** The subset of pino's logger that the platform uses (Fastify's `app.log` fits). */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
