import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/index.js';
import type { OidcLoginStep, OidcLoginsTable } from './accounts.oidc.tables.js';
import type { UserRow } from './accounts.queries.js';

/** A login in progress, as read back (the table's columns but its dates). */
export type OidcLoginRow = Omit<OidcLoginsTable, 'created_at' | 'expires_at'>;

const LOGIN_COLUMNS = [
  'id',
  'provider',
  'step',
  'state',
  'nonce',
  'code_verifier',
  'return_path',
  'user_id',
  'subject',
  'email',
] as const;

/** Stores a login in progress (and forgets the expired ones, so the table stays small). */
export async function insertOidcLogin(
  db: DbOrTx,
  login: Omit<OidcLoginRow, 'step'> & { step: OidcLoginStep; ttlMs: number },
): Promise<void> {
  await db.deleteFrom('oidc_logins').where('expires_at', '<=', sql<Date>`now()`).execute();
  const { ttlMs, ...values } = login;
  await db
    .insertInto('oidc_logins')
    .values({ ...values, expires_at: sql<Date>`now() + make_interval(secs => ${ttlMs / 1000})` })
    .execute();
}

/** Takes a login in progress out of the table, once: a second call (a replay) finds nothing. */
export function takeOidcLogin(
  db: DbOrTx,
  id: string,
  step: OidcLoginStep,
): Promise<OidcLoginRow | undefined> {
  return db
    .deleteFrom('oidc_logins')
    .where('id', '=', id)
    .where('step', '=', step)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning(LOGIN_COLUMNS)
    .executeTakeFirst();
}

/** Reads a login in progress without using it (the confirmation page). */
export function findOidcLogin(
  db: DbOrTx,
  id: string,
  step: OidcLoginStep,
): Promise<OidcLoginRow | undefined> {
  return db
    .selectFrom('oidc_logins')
    .select(LOGIN_COLUMNS)
    .where('id', '=', id)
    .where('step', '=', step)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
}

export async function deleteOidcLogin(db: DbOrTx, id: string): Promise<void> {
  await db.deleteFrom('oidc_logins').where('id', '=', id).execute();
}

/** The account an identity signs in to (not deleted), and notes the identity's use. */
export async function useIdentity(
  db: DbOrTx,
  provider: string,
  subject: string,
  email: string | null,
): Promise<UserRow | undefined> {
  const identity = await db
    .updateTable('user_identities')
    .set({ last_used_at: sql<Date>`now()`, ...(email ? { email } : {}) })
    .where('provider', '=', provider)
    .where('subject', '=', subject)
    .returning('user_id')
    .executeTakeFirst();
  if (!identity) return undefined;
  return db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'password_hash', 'email_verified_at', 'totp_enabled_at'])
    .where('id', '=', identity.user_id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** True when the identity is already known (linked to an account, deleted or not). */
export async function identityExists(db: DbOrTx, provider: string, subject: string): Promise<boolean> {
  const row = await db
    .selectFrom('user_identities')
    .select('user_id')
    .where('provider', '=', provider)
    .where('subject', '=', subject)
    .executeTakeFirst();
  return row !== undefined;
}

/** Links an identity to an account; false when that identity was linked meanwhile. */
export async function insertIdentity(
  db: DbOrTx,
  identity: { provider: string; subject: string; userId: string; email: string | null },
): Promise<boolean> {
  const row = await db
    .insertInto('user_identities')
    .values({
      provider: identity.provider,
      subject: identity.subject,
      user_id: identity.userId,
      email: identity.email,
    })
    .onConflict((oc) => oc.columns(['provider', 'subject']).doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** An account created by single sign-on: address verified by the provider, no password. */
export async function insertUserWithoutPassword(
  db: DbOrTx,
  user: { email: string; displayName: string },
): Promise<UserRow | undefined> {
  return db
    .insertInto('users')
    .values({
      email: user.email,
      display_name: user.displayName,
      password_hash: null,
      email_verified_at: sql<Date>`now()`,
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .returning(['id', 'email', 'display_name', 'password_hash', 'email_verified_at', 'totp_enabled_at'])
    .executeTakeFirst();
}

export interface IdentityRow {
  provider: string;
  email: string | null;
  created_at: Date;
  last_used_at: Date;
}

export function listIdentities(db: DbOrTx, userId: string): Promise<IdentityRow[]> {
  return db
    .selectFrom('user_identities')
    .select(['provider', 'email', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

/** Unlinks every identity of one provider from an account: how many were removed. */
export async function deleteIdentities(db: DbOrTx, userId: string, provider: string): Promise<number> {
  const rows = await db
    .deleteFrom('user_identities')
    .where('user_id', '=', userId)
    .where('provider', '=', provider)
    .returning('subject')
    .execute();
  return rows.length;
}

export async function userHasPassword(db: DbOrTx, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', userId)
    .executeTakeFirst();
  return Boolean(row?.password_hash);
}
