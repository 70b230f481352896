import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from '../db/index.js';
import {
  claimNextJob,
  deleteFinishedJobs,
  type JobRow,
  markJobDead,
  markJobDone,
  markJobForRetry,
  takeBackStaleJobs,
} from './jobs.queries.js';
import { describeError, retryDelayMs } from './jobs.service.js';
import type { JobContext, JobHandler, JobHandlers, Logger } from './jobs.types.js';

export interface JobWorkerOptions {
  db: Db;
  handlers: JobHandlers;
  logger: Logger;
  /** Written to `jobs.locked_by`; default `hostname:pid:random`. Unique per worker. */
  workerId?: string;
  /** Jobs run at the same time by this worker (default 1). */
  concurrency?: number;
  /** Wait between two looks at an empty queue (default 1 s). */
  pollIntervalMs?: number;
  /** A run taking longer fails (and its `signal` is aborted); default 5 min. */
  jobTimeoutMs?: number;
  /**
   * A job still `running` this long after its claim was left by a dead process and is taken back
   * (default 15 min). Must exceed `jobTimeoutMs`, or slow jobs would run twice.
   */
  visibilityTimeoutMs?: number;
  /** Delay before the next attempt after the `attempt`-th failure; default `retryDelayMs` (10 s … 1 h). */
  retryDelayMs?: (attempt: number) => number;
  /** How often stale jobs are taken back and old finished jobs deleted (default 1 min). */
  maintenanceIntervalMs?: number;
  /** How long finished jobs are kept (default done 7 days, dead 30 days); false keeps them forever. */
  retention?: { doneMs: number; deadMs: number } | false;
  /**
   * Jobs give way to people: while `busy()` says requests are being served, this worker starts at most
   * one job per `busyGapMs` (default 1 s), so that a rush of requests is not slowed by e-mails and PDFs;
   * the queue catches up as soon as the rush is over. Without it, jobs run as soon as they are due.
   */
  busy?: () => boolean;
  busyGapMs?: number;
}

const DAY = 86_400_000;

/**
 * Runs queued jobs. Any number of workers, in any number of processes, can share one database: a job is
 * claimed by one of them only (see `claimNextJob`). `start()` polls in the background; `stop()` stops
 * claiming and waits for the jobs running now; `drain()` runs every due job now (tests, scripts).
 */
export class JobWorker {
  readonly workerId: string;
  private readonly db: Db;
  private readonly handlers: JobHandlers;
  private readonly logger: Logger;
  private readonly concurrency: number;
  private readonly pollIntervalMs: number;
  private readonly jobTimeoutMs: number;
  private readonly visibilityTimeoutMs: number;
  private readonly retryDelay: (attempt: number) => number;
  private readonly maintenanceIntervalMs: number;
  private readonly retention: { doneMs: number; deadMs: number } | false;
  private readonly busy: (() => boolean) | undefined;
  private readonly busyGapMs: number;

  private running = false;
  private lastStart = Number.NEGATIVE_INFINITY;
  private loops: Promise<void>[] = [];
  private readonly sleepers = new Set<() => void>();
  private lastMaintenance = Number.NEGATIVE_INFINITY;
  private maintenance: Promise<void> | undefined;

  constructor(options: JobWorkerOptions) {
    this.db = options.db;
    this.handlers = options.handlers;
    this.logger = options.logger;
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.concurrency = options.concurrency ?? 1;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.jobTimeoutMs = options.jobTimeoutMs ?? 5 * 60_000;
    this.visibilityTimeoutMs = options.visibilityTimeoutMs ?? 15 * 60_000;
    this.retryDelay = options.retryDelayMs ?? ((attempt) => retryDelayMs(attempt));
    this.maintenanceIntervalMs = options.maintenanceIntervalMs ?? 60_000;
    this.retention = options.retention ?? { doneMs: 7 * DAY, deadMs: 30 * DAY };
    this.busy = options.busy;
    this.busyGapMs = options.busyGapMs ?? 1000;
    if (!(Number.isInteger(this.concurrency) && this.concurrency >= 1)) {
      throw new RangeError(`JobWorker: concurrency must be an integer >= 1 (got ${this.concurrency})`);
    }
    if (this.visibilityTimeoutMs <= this.jobTimeoutMs) {
      throw new RangeError('JobWorker: visibilityTimeoutMs must be longer than jobTimeoutMs');
    }
  }

  /** Starts polling in the background (no-op when already started). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loops = Array.from({ length: this.concurrency }, () => this.loop());
    this.logger.info(
      { workerId: this.workerId, concurrency: this.concurrency, types: Object.keys(this.handlers) },
      'job worker started',
    );
  }

  /** Stops claiming jobs and resolves once the jobs running now have finished (each at most `jobTimeoutMs`). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake();
    await Promise.all(this.loops);
    this.loops = [];
    await this.maintenance;
    this.logger.info({ workerId: this.workerId }, 'job worker stopped');
  }

  /** Ends the wait of idle loops: call after enqueueing to run the job without waiting for the next poll. */
  wake(): void {
    for (const wakeUp of [...this.sleepers]) wakeUp();
  }

  /**
   * Takes back stale jobs, then runs due jobs one by one until none is due (or `max` have run). Returns how
   * many ran. A retried job is due again only after its backoff delay.
   */
  async drain(max = 1000): Promise<number> {
    await this.takeBackStale();
    let count = 0;
    while (count < max && (await this.runNext())) count++;
    return count;
  }

  /** Claims one due job and runs it. False when no job was due. */
  async runNext(): Promise<boolean> {
    const job = await claimNextJob(this.db, this.workerId);
    if (!job) return false;
    await this.execute(job);
    return true;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const wait = this.giveWay();
      if (wait > 0) {
        await this.sleep(wait);
        continue;
      }
      let ran = false;
      try {
        await this.maintainIfDue();
        ran = await this.runNext();
      } catch (error) {
        this.logger.error(
          { workerId: this.workerId, err: error },
          'job worker: database error, retrying later',
        );
      }
      if (!ran && this.running) await this.sleep(this.pollIntervalMs);
    }
  }

  private async execute(job: JobRow): Promise<void> {
    const claim = { id: job.id, attempts: job.attempts, workerId: this.workerId };
    const log = { jobId: job.id, jobType: job.type, attempt: job.attempts, maxAttempts: job.max_attempts };
    const handler = this.handlers[job.type] as JobHandler | undefined;
    if (!handler) {
      const known = Object.keys(this.handlers).join(', ') || 'none';
      const error = `no handler for job type "${job.type}" (this worker handles: ${known})`;
      await markJobDead(this.db, claim, error);
      this.logger.error(log, `job dead: ${error}`);
      return;
    }

    const outcome = await this.runHandler(handler, job);
    if (outcome.ok) {
      if (await markJobDone(this.db, claim)) this.logger.info(log, 'job done');
      else this.logger.warn(log, 'job finished after it was taken back as stale: it may run again');
      return;
    }
    const error = describeError(outcome.error);
    if (job.attempts >= job.max_attempts) {
      await markJobDead(this.db, claim, error);
      this.logger.error({ ...log, err: outcome.error }, 'job dead after its last attempt');
    } else {
      const delayMs = this.retryDelay(job.attempts);
      await markJobForRetry(this.db, claim, error, delayMs);
      this.logger.warn({ ...log, err: outcome.error, retryInMs: delayMs }, 'job failed, will retry');
    }
  }

  private async runHandler(
    handler: JobHandler,
    job: JobRow,
  ): Promise<{ ok: true } | { ok: false; error: unknown }> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const context: JobContext = {
      id: job.id,
      type: job.type,
      attempt: job.attempts,
      maxAttempts: job.max_attempts,
      signal: controller.signal,
    };
    const run = Promise.resolve().then(() => handler(job.payload, context));
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`timed out after ${this.jobTimeoutMs} ms`);
        error.name = 'JobTimeoutError';
        controller.abort(error);
        reject(error);
      }, this.jobTimeoutMs);
    });
    // A handler still running after its timeout must not crash the process when it fails later.
    run.catch(() => {});
    try {
      await Promise.race([run, timeout]);
      return { ok: true };
    } catch (error) {
      return { ok: false, error };
    } finally {
      clearTimeout(timer);
    }
  }

  private async maintainIfDue(): Promise<void> {
    if (this.maintenance || Date.now() - this.lastMaintenance < this.maintenanceIntervalMs) return;
    this.lastMaintenance = Date.now();
    this.maintenance = (async () => {
      try {
        await this.takeBackStale();
        if (this.retention) {
          let deleted = 0;
          for (let batch = 500; batch === 500 && this.running; ) {
            batch = await deleteFinishedJobs(this.db, this.retention, 500);
            deleted += batch;
          }
          if (deleted > 0) this.logger.info({ deleted }, 'old finished jobs deleted');
        }
      } finally {
        this.maintenance = undefined;
      }
    })();
    await this.maintenance;
  }

  private async takeBackStale(): Promise<void> {
    for (const job of await takeBackStaleJobs(this.db, this.visibilityTimeoutMs)) {
      const log = { jobId: job.id, jobType: job.type, attempt: job.attempts };
      if (job.state === 'dead') this.logger.error(log, 'stale running job taken back: no attempt left, dead');
      else this.logger.warn(log, 'stale running job taken back: pending again');
    }
  }

  /** How long to wait before the next job so that requests being served go first (0: start now). */
  private giveWay(): number {
    const now = performance.now();
    if (this.busy?.()) {
      const wait = this.lastStart + this.busyGapMs - now;
      if (wait > 0) return Math.min(wait, 100);
    }
    this.lastStart = now;
    return 0;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wakeUp = () => {
        clearTimeout(timer);
        this.sleepers.delete(wakeUp);
        resolve();
      };
      const timer = setTimeout(wakeUp, ms);
      this.sleepers.add(wakeUp);
    });
  }
}
