import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { DbOrTx } from '../db/index.js';
import { RateLimited } from '../http/errors.js';
import './ratelimit.tables.js';

export interface RateLimitRule {
  /** What is limited: a stable code such as 'auth.sign_in.ip' (`^[a-z][a-z0-9_.:-]*$`, ≤ 100 characters). */
  bucket: string;
  /** Who is limited: an IP address, an account id, a normalised e-mail address. Stored only as SHA-256. */
  key: string;
  /** Hits allowed per window (≥ 1). */
  limit: number;
  /** Length of the window in seconds (1 to 31 days). */
  windowSeconds: number;
}

export interface RateLimitOptions {
  /** The moment of the hit. Default: the database clock, the same for every app instance. Tests pass it. */
  now?: Date;
}

export interface RateLimitResult {
  /** Whether this hit is within the limit. */
  allowed: boolean;
  /** Hits still allowed in the current window after this one. */
  remaining: number;
  /** 0 when allowed; otherwise whole seconds (≥ 1) until the window ends and hits are allowed again. */
  retryAfterSeconds: number;
}

const BUCKET = /^[a-z][a-z0-9_.:-]*$/;
const MAX_WINDOW_SECONDS = 31 * 24 * 3600;
/** Hits are counted up to this, so that a flood never overflows the integer column. */
const MAX_COUNTED_HITS = 1_000_000_000;

function check(rule: RateLimitRule): void {
  if (!BUCKET.test(rule.bucket) || rule.bucket.length > 100)
    throw new RangeError('invalid rate-limit bucket');
  if (!Number.isInteger(rule.limit) || rule.limit < 1 || rule.limit >= MAX_COUNTED_HITS) {
    throw new RangeError('rate-limit limit must be a positive integer');
  }
  if (
    !Number.isInteger(rule.windowSeconds) ||
    rule.windowSeconds < 1 ||
    rule.windowSeconds > MAX_WINDOW_SECONDS
  ) {
    throw new RangeError('rate-limit window must be a whole number of seconds, 1 s to 31 days');
  }
}

/** The stored form of a key: hex SHA-256, so no IP or e-mail address sits in the table. */
export function rateLimitKeyHash(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

function result(hits: number, limit: number, retryAfter: number): RateLimitResult {
  const allowed = hits <= limit;
  return {
    allowed,
    remaining: Math.max(0, limit - hits),
    retryAfterSeconds: allowed ? 0 : Math.max(1, retryAfter),
  };
}

/**
 * Counts one hit and says whether it is allowed — in one atomic statement, so concurrent hits from any
 * number of app instances never let more than `limit` through in a window.
 *
 * Fixed window that starts at the first hit: the window lasts `windowSeconds`; once it has ended, the
 * next hit starts a new window with a count of 1. Refused hits count too (up to a cap), so hammering
 * does not shorten the wait, but they do not extend the window either.
 */
export async function hit(
  db: DbOrTx,
  rule: RateLimitRule,
  options: RateLimitOptions = {},
): Promise<RateLimitResult> {
  check(rule);
  const now = options.now ?? null;
  const { rows } = await sql<{ hits: number; retry_after: number }>`
    WITH clock AS (SELECT coalesce(${now}::timestamptz, statement_timestamp()) AS now)
    INSERT INTO rate_limits AS r (bucket, key_hash, hits, window_started_at, expires_at)
    SELECT ${rule.bucket}, ${rateLimitKeyHash(rule.key)}, 1, clock.now,
           clock.now + make_interval(secs => ${rule.windowSeconds}::integer)
    FROM clock
    ON CONFLICT (bucket, key_hash) DO UPDATE SET
      hits = CASE WHEN r.expires_at <= excluded.window_started_at THEN 1
                  ELSE least(r.hits + 1, ${MAX_COUNTED_HITS}::integer) END,
      window_started_at = CASE WHEN r.expires_at <= excluded.window_started_at
                               THEN excluded.window_started_at ELSE r.window_started_at END,
      expires_at = CASE WHEN r.expires_at <= excluded.window_started_at
                        THEN excluded.expires_at ELSE r.expires_at END
    RETURNING r.hits,
      ceil(extract(epoch FROM r.expires_at - (SELECT now FROM clock)))::integer AS retry_after`.execute(db);
  const row = rows[0]!;
  return result(Number(row.hits), rule.limit, Number(row.retry_after));
}

/**
 * What the next hit would get, without counting one: for limits that count failures only (check before
 * the password, `hit` after a wrong one). `remaining` counts the hits still allowed.
 */
export async function peek(
  db: DbOrTx,
  rule: RateLimitRule,
  options: RateLimitOptions = {},
): Promise<RateLimitResult> {
  check(rule);
  const now = options.now ?? null;
  const { rows } = await sql<{ hits: number; retry_after: number }>`
    WITH clock AS (SELECT coalesce(${now}::timestamptz, statement_timestamp()) AS now)
    SELECT r.hits, ceil(extract(epoch FROM r.expires_at - clock.now))::integer AS retry_after
    FROM rate_limits r, clock
    WHERE r.bucket = ${rule.bucket} AND r.key_hash = ${rateLimitKeyHash(rule.key)} AND r.expires_at > clock.now`.execute(
    db,
  );
  const row = rows[0];
  if (!row) return { allowed: true, remaining: rule.limit, retryAfterSeconds: 0 };
  const hits = Number(row.hits);
  // The next hit would be number hits + 1.
  return hits + 1 <= rule.limit
    ? { allowed: true, remaining: rule.limit - hits, retryAfterSeconds: 0 }
    : { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Number(row.retry_after)) };
}

/** `hit`, throwing `RateLimited` (429, French message with the wait, `Retry-After`) when refused. */
export async function hitOrThrow(
  db: DbOrTx,
  rule: RateLimitRule,
  options: RateLimitOptions = {},
): Promise<RateLimitResult> {
  const outcome = await hit(db, rule, options);
  if (!outcome.allowed) throw new RateLimited(outcome.retryAfterSeconds);
  return outcome;
}

/** Forgets the count of one key (after a successful sign-in, an administrator's unlock). */
export async function reset(db: DbOrTx, bucket: string, key: string): Promise<void> {
  await db
    .deleteFrom('rate_limits')
    .where('bucket', '=', bucket)
    .where('key_hash', '=', rateLimitKeyHash(key))
    .execute();
}

/** Deletes the rows whose window has ended (they count for nothing); returns how many. For a scheduled job. */
export async function purgeExpiredRateLimits(db: DbOrTx, options: RateLimitOptions = {}): Promise<number> {
  const now = options.now ?? null;
  const deleted = await sql`DELETE FROM rate_limits
    WHERE expires_at <= coalesce(${now}::timestamptz, statement_timestamp())`.execute(db);
  return Number(deleted.numAffectedRows ?? 0n);
}
