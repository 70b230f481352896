import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/index.js';
import type { SignInMethod } from './accounts.tables.js';

export interface TotpStateRow {
  id: string;
  email: string;
  password_hash: string | null;
  /** Encrypted (`v1.…`): pending while `totp_enabled_at` is null. */
  totp_secret: string | null;
  totp_last_step: string | null;
  totp_enabled_at: Date | null;
}

/** The second-factor state of a (not deleted) account. */
export function findTotpState(db: DbOrTx, userId: string): Promise<TotpStateRow | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'password_hash', 'totp_secret', 'totp_last_step', 'totp_enabled_at'])
    .where('id', '=', userId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Stores a pending secret (enrolment started), unless the second factor is already on. */
export async function storePendingSecret(db: DbOrTx, userId: string, encrypted: string): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_secret: encrypted, totp_last_step: null, updated_at: sql<Date>`now()` })
    .where('id', '=', userId)
    .where('totp_enabled_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Turns the pending secret on, with the step of the code that confirmed it. */
export async function enableTotp(db: DbOrTx, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_enabled_at: sql<Date>`now()`, totp_last_step: step, updated_at: sql<Date>`now()` })
    .where('id', '=', userId)
    .where('totp_enabled_at', 'is', null)
    .where('totp_secret', 'is not', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function disableTotp(db: DbOrTx, userId: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null, updated_at: sql<Date>`now()` })
    .where('id', '=', userId)
    .execute();
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
}

/**
 * Records the step of an accepted code, only if no request used this step (or a later one) first: false
 * means a replay, and the code must be refused.
 */
export async function useTotpStep(db: DbOrTx, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Replaces every recovery code of the account by these hashes. */
export async function replaceRecoveryCodes(
  db: DbOrTx,
  userId: string,
  hashes: readonly string[],
): Promise<void> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  if (hashes.length)
    await db
      .insertInto('recovery_codes')
      .values(hashes.map((code_hash) => ({ user_id: userId, code_hash })))
      .execute();
}

/** Hashes of the recovery codes not used yet. */
export async function unusedRecoveryCodes(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('recovery_codes')
    .select('code_hash')
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
  return rows.map((r) => r.code_hash);
}

export async function countUnusedRecoveryCodes(db: DbOrTx, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select(sql<string>`count(*)`.as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks a recovery code used, once: false when another request used it first. */
export async function useRecoveryCode(db: DbOrTx, userId: string, codeHash: string): Promise<boolean> {
  const result = await db
    .updateTable('recovery_codes')
    .set({ used_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** How a session was opened (password, link, single sign-on). */
export async function sessionMethod(db: DbOrTx, sessionId: string): Promise<SignInMethod | undefined> {
  const row = await db.selectFrom('sessions').select('method').where('id', '=', sessionId).executeTakeFirst();
  return row?.method;
}

/** Revokes a session waiting for its second factor: false when it was already used or revoked. */
export async function revokePendingSession(db: DbOrTx, sessionId: string): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: sql<Date>`now()` })
    .where('id', '=', sessionId)
    .where('pending_second_factor', '=', true)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Marks a session confirmed by a second factor (now). */
export async function confirmSecondFactor(db: DbOrTx, sessionId: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ second_factor_at: sql<Date>`now()` })
    .where('id', '=', sessionId)
    .execute();
}
