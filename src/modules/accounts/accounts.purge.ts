import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit/index.js';
import type { Db, DbOrTx } from '../../platform/db/index.js';
import { enqueue, type JobHandlers, type Logger } from '../../platform/jobs/index.js';
import { purgeExpiredRateLimits } from '../../platform/ratelimit/index.js';

export const PURGE_JOB = 'accounts.purge';

declare module '../../platform/jobs/jobs.types.js' {
  interface JobPayloads {
    'accounts.purge': Record<string, never>;
  }
}

/** How long what has stopped serving is kept before the purge erases it. */
export const RETENTION = {
  /** An account whose address was never confirmed (and with no single sign-on identity nor role). */
  unverifiedAccountDays: 7,
  /** A used or expired e-mailed link, after it stopped working. */
  tokenHours: 24,
  /** A revoked, expired or long idle session, after it ended. */
  sessionDays: 30,
} as const;

export interface PurgeCounts {
  unverifiedAccounts: number;
  tokens: number;
  sessions: number;
  pendingSessions: number;
  oidcLogins: number;
  rateLimits: number;
}

const count = (result: { numDeletedRows: bigint }[]) =>
  result.reduce((sum, r) => sum + Number(r.numDeletedRows), 0);

async function deleteUnverifiedAccounts(db: DbOrTx): Promise<number> {
  return count(
    await db
      .deleteFrom('users')
      .where('email_verified_at', 'is', null)
      .where('deleted_at', 'is', null)
      .where('created_at', '<', sql<Date>`now() - make_interval(days => ${RETENTION.unverifiedAccountDays})`)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('user_identities').select('provider').whereRef('user_id', '=', 'users.id'))),
      )
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('role_assignments').select('id').whereRef('user_id', '=', 'users.id'))),
      )
      .execute(),
  );
}

async function deleteDeadTokens(db: DbOrTx): Promise<number> {
  const cutoff = sql<Date>`now() - make_interval(hours => ${RETENTION.tokenHours})`;
  return count(
    await db
      .deleteFrom('account_tokens')
      .where((eb) => eb.or([eb('used_at', '<', cutoff), eb('expires_at', '<', cutoff)]))
      .execute(),
  );
}

async function deleteEndedSessions(db: DbOrTx): Promise<number> {
  // Last seen more than 30 days ago: ended by the idle timeout (12 hours at most) long ago.
  const cutoff = sql<Date>`now() - make_interval(days => ${RETENTION.sessionDays})`;
  return count(
    await db
      .deleteFrom('sessions')
      .where((eb) =>
        eb.or([
          eb('revoked_at', '<', cutoff),
          eb('expires_at', '<', cutoff),
          eb('last_seen_at', '<', cutoff),
        ]),
      )
      .execute(),
  );
}

/** Sessions that waited for a second factor that never came (10 minutes). */
async function deleteStalePendingSessions(db: DbOrTx): Promise<number> {
  return count(
    await db
      .deleteFrom('sessions')
      .where('pending_second_factor', '=', true)
      .where('second_factor_at', 'is', null)
      .where('expires_at', '<', sql<Date>`now()`)
      .execute(),
  );
}

/** Single sign-on logins never finished (state, nonce, verifier, or claims waiting for a link): 10 minutes. */
async function deleteExpiredOidcLogins(db: DbOrTx): Promise<number> {
  return count(await db.deleteFrom('oidc_logins').where('expires_at', '<', sql<Date>`now()`).execute());
}

/**
 * Erases what accounts no longer need: unconfirmed accounts older than 7 days, links dead for 24 hours,
 * sessions ended 30 days ago, pending sessions and single sign-on logins past their expiry, ended rate-limit
 * windows. One short
 * transaction; when anything was erased, an `accounts.purged` event with the counts (no personal data).
 * Running it again erases nothing more.
 */
export async function purgeAccounts(db: Db): Promise<PurgeCounts> {
  return db.transaction().execute(async (trx) => {
    const counts: PurgeCounts = {
      pendingSessions: await deleteStalePendingSessions(trx),
      sessions: await deleteEndedSessions(trx),
      tokens: await deleteDeadTokens(trx),
      unverifiedAccounts: await deleteUnverifiedAccounts(trx),
      oidcLogins: await deleteExpiredOidcLogins(trx),
      rateLimits: await purgeExpiredRateLimits(trx),
    };
    if (Object.values(counts).some((n) => n > 0))
      await recordAudit(trx, {
        action: 'accounts.purged',
        objectType: 'accounts',
        actorId: null,
        actorLabel: 'system',
        summary: { ...counts },
      });
    return counts;
  });
}

/** The job handlers of accounts, for the worker (`accounts.purge`). */
export function accountsJobHandlers(db: Db, logger?: Logger): JobHandlers {
  return {
    [PURGE_JOB]: async () => {
      const counts = await purgeAccounts(db);
      logger?.info({ ...counts }, 'accounts purged');
    },
  };
}

/** `accounts.purge:2026-11-27T08`: one purge per hour, however many instances queue it. */
export function purgeDedupeKey(at: Date): string {
  return `${PURGE_JOB}:${at.toISOString().slice(0, 13)}`;
}

/** Queues this hour's purge (nothing when it is already queued or done). */
export function enqueuePurge(db: DbOrTx, at = new Date()) {
  return enqueue(db, PURGE_JOB, {}, { dedupeKey: purgeDedupeKey(at) });
}

/**
 * Queues the hourly purge now and then every hour (an unref'd timer: it never keeps the process alive).
 * Every instance may run it: the dedupe key makes one job per hour. Returns the function that stops it.
 */
export function schedulePurge(
  db: Db,
  options: { logger: Logger; intervalMs?: number; onQueued?: () => void },
): () => void {
  const queue = () => {
    enqueuePurge(db).then(
      (result) => {
        if (result.created) options.onQueued?.();
      },
      (error: unknown) => options.logger.error({ err: error }, 'accounts purge: could not queue the job'),
    );
  };
  queue();
  const timer = setInterval(queue, options.intervalMs ?? 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
