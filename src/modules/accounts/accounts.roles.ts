import { sql } from 'kysely';
import { type Role, type RoleGrant, type Scope, scopeFits } from '../../platform/access/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { Db, DbOrTx } from '../../platform/db/index.js';
import { Conflict, NotFound, Validation } from '../../platform/http/errors.js';
import type { Locale } from '../../platform/i18n/index.js';
import { accountsEn } from './accounts.en.js';
import { type AccountsMessages, accountsFr } from './accounts.fr.js';
import { findUserByEmail } from './accounts.queries.js';
import { normaliseEmail } from './accounts.schemas.js';
import type { ActionContext } from './accounts.service.js';

/** Who grants or removes a role: the audit trail names them. */
export interface RoleActor {
  id: string | null;
  label: string;
}

export interface RoleAssignmentView {
  id: string;
  userId: string;
  email: string;
  name: string;
  grant: RoleGrant;
  grantedAt: Date;
  grantedBy: string | null;
}

function scopeLabel(scope: Scope | null): string | null {
  return scope ? `${scope.type}:${scope.id}` : null;
}

/** Filters of the list of role assignments (the administration page). */
export interface RoleAssignmentFilter {
  userId?: string;
  /** Part of the address, case ignored. */
  email?: string;
  role?: Role;
  limit?: number;
  offset?: number;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listRoleAssignments(
  db: DbOrTx,
  filter: RoleAssignmentFilter = {},
): Promise<RoleAssignmentView[]> {
  let query = db
    .selectFrom('role_assignments as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .leftJoin('users as g', 'g.id', 'r.granted_by')
    .select([
      'r.id',
      'r.user_id',
      'u.email',
      'u.display_name',
      'r.role',
      'r.scope_type',
      'r.scope_id',
      'r.granted_at',
      'g.email as granted_by_email',
    ])
    .where('u.deleted_at', 'is', null)
    .orderBy('u.email')
    .orderBy('r.role')
    .orderBy('r.scope_id');
  if (filter.userId) query = query.where('r.user_id', '=', filter.userId);
  if (filter.email) query = query.where('u.email', 'like', `%${escapeLike(filter.email.toLowerCase())}%`);
  if (filter.role) query = query.where('r.role', '=', filter.role);
  if (filter.limit !== undefined) query = query.limit(filter.limit).offset(filter.offset ?? 0);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    userId: row.user_id,
    email: row.email,
    name: row.display_name,
    grant: {
      role: row.role,
      scope: row.scope_type && row.scope_id ? { type: row.scope_type, id: row.scope_id } : null,
    },
    grantedAt: row.granted_at,
    grantedBy: row.granted_by_email,
  }));
}

/** How many assignments match the filter (its limit and offset aside). */
export async function countRoleAssignments(db: DbOrTx, filter: RoleAssignmentFilter = {}): Promise<number> {
  let query = db
    .selectFrom('role_assignments as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('u.deleted_at', 'is', null);
  if (filter.userId) query = query.where('r.user_id', '=', filter.userId);
  if (filter.email) query = query.where('u.email', 'like', `%${escapeLike(filter.email.toLowerCase())}%`);
  if (filter.role) query = query.where('r.role', '=', filter.role);
  const row = await query.executeTakeFirstOrThrow();
  return row.n;
}

/** An account by its address (normalised), for the pages that name accounts by e-mail. */
export async function findAccountByEmail(
  db: DbOrTx,
  email: string,
): Promise<{ id: string; email: string; name: string } | undefined> {
  const user = await findUserByEmail(db, normaliseEmail(email));
  return user && { id: user.id, email: user.email, name: user.display_name };
}

/** The names of roles and kinds of object, in the visitor's language. */
export function roleWords(locale: Locale): AccountsMessages['roles'] {
  return (locale === 'en' ? accountsEn : accountsFr).roles;
}

/**
 * Grants a role to a user, audited in the same transaction (`roles.grant`). Throws Validation when the
 * scope does not suit the role, NotFound for an unknown user, Conflict when the user already holds it.
 */
export async function grantRole(
  db: Db,
  input: { userId: string; role: Role; scope: Scope | null },
  actor: RoleActor,
  ctx: Pick<ActionContext, 'ip' | 'requestId'>,
): Promise<string> {
  if (!scopeFits(input.role, input.scope))
    throw new Validation(accountsFr.roles.errors.scope, { scope: accountsFr.roles.errors.scope });
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select(['id', 'email'])
      .where('id', '=', input.userId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!user) throw new NotFound(accountsFr.roles.errors.unknownUser);
    const row = await trx
      .insertInto('role_assignments')
      .values({
        user_id: user.id,
        role: input.role,
        scope_type: input.scope?.type ?? null,
        scope_id: input.scope?.id ?? null,
        granted_by: actor.id,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new Conflict(accountsFr.roles.errors.alreadyHeld);
    await recordAudit(trx, {
      action: 'roles.grant',
      objectType: 'user',
      objectId: user.id,
      actorId: actor.id,
      actorLabel: actor.label,
      ip: ctx.ip,
      requestId: ctx.requestId,
      summary: { role: input.role, scope: scopeLabel(input.scope), email: user.email },
    });
    return row.id;
  });
}

/** Removes one role assignment (by its id), audited (`roles.revoke`). NotFound when it no longer exists. */
export async function revokeRole(
  db: Db,
  assignmentId: string,
  actor: RoleActor,
  ctx: Pick<ActionContext, 'ip' | 'requestId'>,
  options: { keepLastAdministrator?: boolean } = {},
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (options.keepLastAdministrator) {
      // Locks every administrator assignment: two removals at once cannot both see "another one remains".
      const admins = await trx
        .selectFrom('role_assignments as r')
        .innerJoin('users as u', 'u.id', 'r.user_id')
        .select('r.id')
        .where('r.role', '=', 'administrator')
        .where('u.deleted_at', 'is', null)
        .forUpdate('r')
        .execute();
      if (admins.length <= 1 && admins.some((a) => a.id === assignmentId))
        throw new Conflict(accountsFr.roles.errors.lastAdministrator);
    }
    const row = await trx
      .deleteFrom('role_assignments')
      .where('id', '=', assignmentId)
      .returning(['user_id', 'role', 'scope_type', 'scope_id'])
      .executeTakeFirst();
    if (!row) throw new NotFound(accountsFr.roles.errors.unknownAssignment);
    await recordAudit(trx, {
      action: 'roles.revoke',
      objectType: 'user',
      objectId: row.user_id,
      actorId: actor.id,
      actorLabel: actor.label,
      ip: ctx.ip,
      requestId: ctx.requestId,
      summary: {
        role: row.role,
        scope: row.scope_type && row.scope_id ? `${row.scope_type}:${row.scope_id}` : null,
      },
    });
  });
}

/** How many administrators remain: the last one cannot be removed by the administration page. */
export async function countAdministrators(db: DbOrTx): Promise<number> {
  const row = await db
    .selectFrom('role_assignments')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('role', '=', 'administrator')
    .executeTakeFirstOrThrow();
  return row.n;
}
