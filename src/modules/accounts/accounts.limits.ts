import type { Db } from '../../platform/db/index.js';
import { RateLimited } from '../../platform/http/errors.js';
import { hit, hitOrThrow, peek, type RateLimitRule, reset } from '../../platform/ratelimit/index.js';

/**
 * The rate limits of accounts, kept in the database (they hold across app instances). Keys are the
 * normalised e-mail address as typed (so that a 429 says nothing about whether an account exists), the
 * account id, or the client's IP address. Call them on the plain `db`, outside any transaction.
 */
export const LIMITS = {
  /** Failed sign-ins (password), per address typed and per IP. */
  signInAddress: { bucket: 'auth.sign_in.address', limit: 5, windowSeconds: 15 * 60 },
  signInIp: { bucket: 'auth.sign_in.ip', limit: 50, windowSeconds: 15 * 60 },
  /** E-mails sent on request (verification, reset, sign-in link, change of address), per address and per IP. */
  mailAddress: { bucket: 'auth.mail.address', limit: 3, windowSeconds: 3600 },
  mailIp: { bucket: 'auth.mail.ip', limit: 20, windowSeconds: 3600 },
  /** Wrong second-factor codes, per account and per IP. */
  secondFactorAccount: { bucket: 'auth.second_factor.account', limit: 5, windowSeconds: 5 * 60 },
  secondFactorIp: { bucket: 'auth.second_factor.ip', limit: 50, windowSeconds: 15 * 60 },
} as const satisfies Record<string, Omit<RateLimitRule, 'key'>>;

type LimitName = keyof typeof LIMITS;

const ruleFor = (name: LimitName, key: string): RateLimitRule => ({ ...LIMITS[name], key });

/**
 * For limits that count failures only (password, code): throws RateLimited (429 with the wait) when any of
 * the given limits is already reached, without counting.
 */
export async function refuseWhenLocked(db: Db, checks: [LimitName, string][]): Promise<void> {
  let wait = 0;
  for (const [name, key] of checks) {
    const state = await peek(db, ruleFor(name, key));
    if (!state.allowed) wait = Math.max(wait, state.retryAfterSeconds);
  }
  if (wait > 0) throw new RateLimited(wait);
}

/** Counts one failure against each given limit. */
export async function countFailure(db: Db, checks: [LimitName, string][]): Promise<void> {
  for (const [name, key] of checks) await hit(db, ruleFor(name, key));
}

/** Forgets the failures of a key after a success (the per-IP counters are kept). */
export async function forgetFailures(db: Db, name: LimitName, key: string): Promise<void> {
  await reset(db, LIMITS[name].bucket, key);
}

/**
 * Counts one e-mail request (verification, reset, sign-in link, change of address) against the address and
 * the IP; throws RateLimited when either is exceeded. Call it before the work, whatever the address.
 */
export async function countMailRequest(db: Db, address: string, ip: string | null): Promise<void> {
  await hitOrThrow(db, ruleFor('mailAddress', address));
  if (ip) await hitOrThrow(db, ruleFor('mailIp', ip));
}
