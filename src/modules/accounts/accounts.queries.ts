import { sql } from 'kysely';
import type { Role, ScopeType } from '../../platform/access/index.js';
import type { DbOrTx } from '../../platform/db/index.js';
import type { AccountTokenPurpose, SignInMethod } from './accounts.tables.js';

export interface UserRow {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  email_verified_at: Date | null;
  totp_enabled_at: Date | null;
}

export function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'password_hash', 'email_verified_at', 'totp_enabled_at'])
    .where('email', '=', email)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export function findUserById(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'password_hash', 'email_verified_at', 'totp_enabled_at'])
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Inserts a user unless the address is taken: the new id, or undefined. */
export async function insertUser(
  db: DbOrTx,
  user: { email: string; displayName: string; passwordHash: string },
): Promise<string | undefined> {
  const row = await db
    .insertInto('users')
    .values({ email: user.email, display_name: user.displayName, password_hash: user.passwordHash })
    .onConflict((oc) => oc.column('email').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function markEmailVerified(db: DbOrTx, userId: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ email_verified_at: sql<Date>`coalesce(email_verified_at, now())`, updated_at: sql<Date>`now()` })
    .where('id', '=', userId)
    .execute();
}

export async function setPasswordHash(db: DbOrTx, userId: string, passwordHash: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, updated_at: sql<Date>`now()` })
    .where('id', '=', userId)
    .execute();
}

/** A single-use link; `newEmail` only for `email_change` (the address travels with the token). */
export async function insertToken(
  db: DbOrTx,
  token: { id: string; userId: string; purpose: AccountTokenPurpose; ttlMs: number; newEmail?: string },
): Promise<void> {
  await db
    .insertInto('account_tokens')
    .values({
      id: token.id,
      user_id: token.userId,
      purpose: token.purpose,
      new_email: token.newEmail ?? null,
      expires_at: sql<Date>`now() + make_interval(secs => ${token.ttlMs / 1000})`,
    })
    .execute();
}

/** A token that can still be used (not used, not expired), with its user's address. */
export function findUsableToken(
  db: DbOrTx,
  id: string,
  purpose: AccountTokenPurpose,
): Promise<{ user_id: string; email: string } | undefined> {
  return db
    .selectFrom('account_tokens')
    .innerJoin('users', 'users.id', 'account_tokens.user_id')
    .select(['account_tokens.user_id', 'users.email'])
    .where('account_tokens.id', '=', id)
    .where('account_tokens.purpose', '=', purpose)
    .where('account_tokens.used_at', 'is', null)
    .where('account_tokens.expires_at', '>', sql<Date>`now()`)
    .where('users.deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Marks a usable token used, once: the user's id, or undefined when it was used, expired or unknown. */
export async function consumeToken(
  db: DbOrTx,
  id: string,
  purpose: AccountTokenPurpose,
): Promise<string | undefined> {
  const row = await db
    .updateTable('account_tokens')
    .set({ used_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id;
}

/** Every other link of this kind stops working once one is used (or a new one is sent). */
export async function expireTokens(db: DbOrTx, userId: string, purpose: AccountTokenPurpose): Promise<void> {
  await db
    .updateTable('account_tokens')
    .set({ used_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}

export async function insertSession(
  db: DbOrTx,
  session: {
    id: string;
    userId: string;
    ttlMs: number;
    ip: string | null;
    userAgent: string | null;
    method: SignInMethod;
    pendingSecondFactor: boolean;
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      user_id: session.userId,
      expires_at: sql<Date>`now() + make_interval(secs => ${session.ttlMs / 1000})`,
      ip: session.ip,
      user_agent: session.userAgent,
      method: session.method,
      pending_second_factor: session.pendingSecondFactor,
    })
    .execute();
}

export interface SessionWithUser {
  id: string;
  public_id: string;
  last_seen_at: Date;
  expires_at: Date;
  now: Date;
  user_id: string;
  email: string;
  display_name: string;
  pending_second_factor: boolean;
  second_factor_at: Date | null;
  totp_enabled: boolean;
  /** [role, scope_type, scope_id] of each role the user holds. */
  roles: [Role, ScopeType | null, string | null][];
}

/** A session not revoked nor past its absolute expiry, with its (not deleted) user. */
export function findActiveSession(db: DbOrTx, id: string): Promise<SessionWithUser | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.public_id',
      'sessions.last_seen_at',
      'sessions.expires_at',
      sql<Date>`now()`.as('now'),
      'users.id as user_id',
      'users.email',
      'users.display_name',
      'sessions.pending_second_factor',
      'sessions.second_factor_at',
      sql<boolean>`users.totp_enabled_at IS NOT NULL`.as('totp_enabled'),
      // The roles come with the session: one query per request. Belonging to an organisation
      // (organisation_members, organisations module) is the role `member` of that organisation.
      sql<[Role, ScopeType | null, string | null][]>`(
        SELECT coalesce(json_agg(json_build_array(r.role, r.scope_type, r.scope_id)), '[]'::json)
        FROM (
          SELECT role, scope_type, scope_id FROM role_assignments WHERE user_id = users.id
          UNION
          SELECT 'member', 'organisation', organisation_id::text FROM organisation_members
          WHERE user_id = users.id
        ) r
      )`.as('roles'),
    ])
    .where('sessions.id', '=', id)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', sql<Date>`now()`)
    .where('users.deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function touchSession(db: DbOrTx, id: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: sql<Date>`now()` }).where('id', '=', id).execute();
}

export interface SessionListRow {
  id: string;
  public_id: string;
  created_at: Date;
  last_seen_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export function listActiveSessions(db: DbOrTx, userId: string, idleMs: number): Promise<SessionListRow[]> {
  return db
    .selectFrom('sessions')
    .select(['id', 'public_id', 'created_at', 'last_seen_at', 'ip', 'user_agent'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .where('last_seen_at', '>', sql<Date>`now() - make_interval(secs => ${idleMs / 1000})`)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

/** Revokes sessions of a user (one by public id, or all but one, or all): the public ids revoked. */
export async function revokeSessions(
  db: DbOrTx,
  userId: string,
  which: { publicId?: string; exceptId?: string; id?: string },
): Promise<string[]> {
  let query = db
    .updateTable('sessions')
    .set({ revoked_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (which.publicId !== undefined) query = query.where('public_id', '=', which.publicId);
  if (which.id !== undefined) query = query.where('id', '=', which.id);
  if (which.exceptId !== undefined) query = query.where('id', '<>', which.exceptId);
  const rows = await query.returning('public_id').execute();
  return rows.map((r) => r.public_id);
}

// --- E-mailed links and change of address -------------------------------------------------------

/**
 * Marks a usable change-of-address link used, once: its user, the current and the new address; undefined
 * when it was used, expired or unknown, or its account deleted.
 */
export async function consumeEmailChangeToken(
  db: DbOrTx,
  id: string,
): Promise<{ user_id: string; email: string; new_email: string } | undefined> {
  const row = await db
    .updateTable('account_tokens')
    .set({ used_at: sql<Date>`now()` })
    .from('users')
    .whereRef('users.id', '=', 'account_tokens.user_id')
    .where('account_tokens.id', '=', id)
    .where('account_tokens.purpose', '=', 'email_change')
    .where('account_tokens.used_at', 'is', null)
    .where('account_tokens.expires_at', '>', sql<Date>`now()`)
    .where('users.deleted_at', 'is', null)
    .returning(['account_tokens.user_id', 'users.email', 'account_tokens.new_email'])
    .executeTakeFirst();
  return row?.new_email ? { user_id: row.user_id, email: row.email, new_email: row.new_email } : undefined;
}

/** Whether any account row (deleted ones included: their address is anonymised) holds this address. */
export async function isEmailTaken(db: DbOrTx, email: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  return row !== undefined;
}

/** The new address of an account, confirmed now (the link proved it). Throws on a unique violation. */
export async function changeUserEmail(db: DbOrTx, userId: string, email: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ email, email_verified_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
    .where('id', '=', userId)
    .execute();
}

/** Every link of the user, whatever its purpose, stops working. */
export async function expireAllTokens(db: DbOrTx, userId: string): Promise<void> {
  await db
    .updateTable('account_tokens')
    .set({ used_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}
