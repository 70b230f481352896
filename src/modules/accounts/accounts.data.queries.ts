import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/index.js';

/** The most audit events and e-mails an export lists (the newest ones). */
export const EXPORT_LIMIT = 10_000;

export function profileOf(db: DbOrTx, userId: string) {
  return db
    .selectFrom('users')
    .select([
      'id',
      'email',
      'display_name',
      'email_verified_at',
      'created_at',
      'updated_at',
      'totp_enabled_at',
      sql<boolean>`password_hash IS NOT NULL`.as('has_password'),
    ])
    .where('id', '=', userId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export function rolesOf(db: DbOrTx, userId: string) {
  return db
    .selectFrom('role_assignments')
    .select(['role', 'scope_type', 'scope_id', 'granted_at'])
    .where('user_id', '=', userId)
    .orderBy('granted_at')
    .execute();
}

/** Every session row of the user, without its id nor its public id. */
export function sessionsOf(db: DbOrTx, userId: string) {
  return db
    .selectFrom('sessions')
    .select([
      'created_at',
      'last_seen_at',
      'expires_at',
      'revoked_at',
      'ip',
      'user_agent',
      'method',
      'pending_second_factor',
      'second_factor_at',
    ])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
}

export function identitiesOf(db: DbOrTx, userId: string) {
  return db
    .selectFrom('user_identities')
    .select(['provider', 'subject', 'email', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

export async function unusedRecoveryCodes(db: DbOrTx, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Audit events done by the user or about the user's account: action, date and IP only. */
export function auditEventsOf(db: DbOrTx, userId: string) {
  return db
    .selectFrom('audit_events')
    .select(['action', 'occurred_at', 'ip'])
    .where((eb) =>
      eb.or([
        eb('actor_id', '=', userId),
        eb.and([eb('object_type', '=', 'user'), eb('object_id', '=', userId)]),
      ]),
    )
    .orderBy('id', 'desc')
    .limit(EXPORT_LIMIT)
    .execute();
}

/**
 * E-mails sent to this address, subject and date: the outbox's copies (development, tests) and the
 * `mail.send` jobs still in the queue (kept 7 days after delivery, 30 days when they failed).
 */
export async function mailsTo(db: DbOrTx, email: string): Promise<{ subject: string; created_at: Date }[]> {
  const outbox = await db
    .selectFrom('mail_outbox')
    .select(['subject', 'created_at', 'job_id'])
    .where('to_address', '=', email)
    .orderBy('id', 'desc')
    .limit(EXPORT_LIMIT)
    .execute();
  const queued = await db
    .selectFrom('jobs')
    .select(['id', sql<string>`payload->>'subject'`.as('subject'), 'created_at'])
    .where('type', '=', 'mail.send')
    .where(sql<boolean>`payload->'to' @> jsonb_build_array(${email}::text)`)
    .orderBy('id', 'desc')
    .limit(EXPORT_LIMIT)
    .execute();
  // A delivered job and its outbox copy are one mail.
  const inOutbox = new Set(outbox.map((m) => m.job_id));
  return [
    ...outbox.map((m) => ({ subject: m.subject, created_at: m.created_at })),
    ...queued
      .filter((j) => !inOutbox.has(j.id))
      .map((j) => ({ subject: j.subject, created_at: j.created_at })),
  ].sort((x, y) => y.created_at.getTime() - x.created_at.getTime());
}

/**
 * The global administrators other than `userId` whose account is not deleted, the rows locked until the
 * transaction ends (two administrators deleting their accounts at once cannot both pass the check).
 */
export async function otherAdministrators(db: DbOrTx, userId: string): Promise<number> {
  const rows = await db
    .selectFrom('role_assignments')
    .innerJoin('users', 'users.id', 'role_assignments.user_id')
    .select('role_assignments.user_id')
    .where('role_assignments.role', '=', 'administrator')
    .where('role_assignments.scope_type', 'is', null)
    .where('users.deleted_at', 'is', null)
    .forUpdate()
    .execute();
  return rows.filter((r) => r.user_id !== userId).length;
}

export async function isAdministratorAccount(db: DbOrTx, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('role_assignments')
    .select('id')
    .where('user_id', '=', userId)
    .where('role', '=', 'administrator')
    .where('scope_type', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Erases what belongs to the account (sessions, links, recovery codes, identities, roles, the copies of the
 * mails delivered to it) and anonymises its row: the address becomes `supprime-<id>@invalid` (unique, and
 * `.invalid` can never receive mail), the name « Compte supprimé », no password nor second factor.
 */
export async function eraseAccount(db: DbOrTx, userId: string, email: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  await db.deleteFrom('account_tokens').where('user_id', '=', userId).execute();
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await db.deleteFrom('user_identities').where('user_id', '=', userId).execute();
  await db.deleteFrom('oidc_logins').where('user_id', '=', userId).execute();
  await db.deleteFrom('role_assignments').where('user_id', '=', userId).execute();
  await db.deleteFrom('mail_outbox').where('to_address', '=', email).execute();
  // Mails already delivered (or given up) to this address alone: their copy in the queue goes too.
  await db
    .deleteFrom('jobs')
    .where('type', '=', 'mail.send')
    .where('state', 'in', ['done', 'dead'])
    .where(sql<boolean>`payload->'to' = jsonb_build_array(${email}::text)`)
    .execute();
  await db
    .updateTable('users')
    .set({
      email: `supprime-${userId}@invalid`,
      display_name: 'Compte supprimé',
      password_hash: null,
      totp_secret: null,
      totp_last_step: null,
      totp_enabled_at: null,
      email_verified_at: null,
      deleted_at: sql<Date>`now()`,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', userId)
    .execute();
}
