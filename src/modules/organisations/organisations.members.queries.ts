import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/index.js';
import type { ClaimStatus, MemberRole } from './organisations.tables.js';
import './organisations.tables.js';

/** What the members pages show of an organisation. */
export interface OrganisationHead {
  id: string;
  name: string;
  closed_at: Date | null;
  movement_joined_at: Date | null;
}

export function findOrganisationHead(db: DbOrTx, id: string): Promise<OrganisationHead | undefined> {
  return db
    .selectFrom('organisations')
    .select(['id', 'name', 'closed_at', 'movement_joined_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface MemberRow {
  user_id: string;
  display_name: string;
  email: string;
  role: MemberRole;
  created_at: Date;
}

export function listMembers(db: DbOrTx, organisationId: string): Promise<MemberRow[]> {
  return db
    .selectFrom('organisation_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'u.display_name', 'u.email', 'm.role', 'm.created_at'])
    .where('m.organisation_id', '=', organisationId)
    .orderBy(sql`CASE m.role WHEN 'owner' THEN 0 ELSE 1 END`)
    .orderBy('m.created_at')
    .orderBy('m.user_id')
    .execute();
}

export async function memberRole(
  db: DbOrTx,
  organisationId: string,
  userId: string,
): Promise<MemberRole | null> {
  const row = await db
    .selectFrom('organisation_members')
    .select('role')
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.role ?? null;
}

export async function countMembers(db: DbOrTx, organisationId: string): Promise<number> {
  const row = await db
    .selectFrom('organisation_members')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('organisation_id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Locks the owner rows of an organisation (`FOR UPDATE`) and returns their user ids: two transactions that
 * each remove or demote an owner wait for each other here, so the second sees what the first left.
 */
export async function lockOwners(trx: DbOrTx, organisationId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('organisation_members')
    .select('user_id')
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'owner')
    .orderBy('user_id')
    .forUpdate()
    .execute();
  return rows.map((r) => r.user_id);
}

export async function insertMember(
  db: DbOrTx,
  row: { organisationId: string; userId: string; role: MemberRole },
): Promise<boolean> {
  const inserted = await db
    .insertInto('organisation_members')
    .values({ organisation_id: row.organisationId, user_id: row.userId, role: row.role })
    .onConflict((oc) => oc.columns(['organisation_id', 'user_id']).doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function setMemberRole(
  db: DbOrTx,
  organisationId: string,
  userId: string,
  role: MemberRole,
): Promise<void> {
  await db
    .updateTable('organisation_members')
    .set({ role })
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .execute();
}

export async function deleteMember(db: DbOrTx, organisationId: string, userId: string): Promise<void> {
  await db
    .deleteFrom('organisation_members')
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .execute();
  // A session working as this organisation goes back to none.
  await db
    .updateTable('sessions')
    .set({ organisation_id: null })
    .where('user_id', '=', userId)
    .where('organisation_id', '=', organisationId)
    .execute();
}

// --- Invitations -------------------------------------------------------------------------------------

export interface InvitationRow {
  id: string;
  organisation_id: string;
  email: string;
  role: MemberRole;
  invited_by_name: string | null;
  created_at: Date;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
}

const invitationColumns = [
  'i.id',
  'i.organisation_id',
  'i.email',
  'i.role',
  'u.display_name as invited_by_name',
  'i.created_at',
  'i.expires_at',
  'i.accepted_at',
  'i.revoked_at',
] as const;

/** Invitations neither accepted nor revoked nor expired, newest first. */
export function listOpenInvitations(db: DbOrTx, organisationId: string): Promise<InvitationRow[]> {
  return db
    .selectFrom('organisation_invitations as i')
    .leftJoin('users as u', 'u.id', 'i.invited_by')
    .select(invitationColumns)
    .where('i.organisation_id', '=', organisationId)
    .where('i.accepted_at', 'is', null)
    .where('i.revoked_at', 'is', null)
    .where('i.expires_at', '>', sql<Date>`now()`)
    .orderBy('i.created_at', 'desc')
    .execute();
}

export function findInvitationByHash(db: DbOrTx, tokenHash: string): Promise<InvitationRow | undefined> {
  return db
    .selectFrom('organisation_invitations as i')
    .leftJoin('users as u', 'u.id', 'i.invited_by')
    .select(invitationColumns)
    .where('i.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Expired invitations still open for this address are closed (revoked) so that a new one can be sent. */
export async function closeExpiredInvitations(db: DbOrTx, organisationId: string, email: string) {
  await db
    .updateTable('organisation_invitations')
    .set({ revoked_at: sql<Date>`now()` })
    .where('organisation_id', '=', organisationId)
    .where('email', '=', email)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '<=', sql<Date>`now()`)
    .execute();
}

export async function insertInvitation(
  db: DbOrTx,
  row: {
    organisationId: string;
    email: string;
    role: MemberRole;
    tokenHash: string;
    invitedBy: string | null;
    ttlMs: number;
  },
): Promise<string | null> {
  const inserted = await db
    .insertInto('organisation_invitations')
    .values({
      organisation_id: row.organisationId,
      email: row.email,
      role: row.role,
      token_hash: row.tokenHash,
      invited_by: row.invitedBy,
      expires_at: sql<Date>`now() + ${`${Math.round(row.ttlMs / 1000)} seconds`}::interval`,
    })
    .onConflict((oc) =>
      oc
        .columns(['organisation_id', 'email'])
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return inserted?.id ?? null;
}

/** Revokes an open invitation of the organisation; false when there is none with this id. */
export async function revokeInvitation(
  db: DbOrTx,
  organisationId: string,
  invitationId: string,
): Promise<{ email: string } | undefined> {
  return db
    .updateTable('organisation_invitations')
    .set({ revoked_at: sql<Date>`now()` })
    .where('id', '=', invitationId)
    .where('organisation_id', '=', organisationId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .returning('email')
    .executeTakeFirst();
}

/** Marks an open, unexpired invitation accepted (once: a second call finds nothing). */
export function takeInvitation(
  db: DbOrTx,
  invitationId: string,
  userId: string,
): Promise<{ id: string } | undefined> {
  return db
    .updateTable('organisation_invitations')
    .set({ accepted_at: sql<Date>`now()`, accepted_by: userId })
    .where('id', '=', invitationId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning('id')
    .executeTakeFirst();
}

// --- Claims ------------------------------------------------------------------------------------------

export interface ClaimRow {
  id: string;
  organisation_id: string;
  organisation_name: string;
  user_id: string;
  display_name: string;
  email: string;
  message: string;
  status: ClaimStatus;
  created_at: Date;
}

function claimsQuery(db: DbOrTx) {
  return db
    .selectFrom('organisation_claims as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
    .select([
      'c.id',
      'c.organisation_id',
      'o.name as organisation_name',
      'c.user_id',
      'u.display_name',
      'u.email',
      'c.message',
      'c.status',
      'c.created_at',
    ]);
}

/** Pending claims of one organisation, or of all (administrators' page), oldest first. */
export function listPendingClaims(db: DbOrTx, organisationId?: string): Promise<ClaimRow[]> {
  let query = claimsQuery(db).where('c.status', '=', 'pending');
  if (organisationId) query = query.where('c.organisation_id', '=', organisationId);
  return query.orderBy('c.created_at').orderBy('c.id').limit(500).execute();
}

export function findClaim(
  db: DbOrTx,
  organisationId: string,
  claimId: string,
): Promise<ClaimRow | undefined> {
  return claimsQuery(db)
    .where('c.id', '=', claimId)
    .where('c.organisation_id', '=', organisationId)
    .executeTakeFirst();
}

export function findPendingClaimOf(
  db: DbOrTx,
  organisationId: string,
  userId: string,
): Promise<ClaimRow | undefined> {
  return claimsQuery(db)
    .where('c.organisation_id', '=', organisationId)
    .where('c.user_id', '=', userId)
    .where('c.status', '=', 'pending')
    .executeTakeFirst();
}

export async function insertClaim(
  db: DbOrTx,
  row: { organisationId: string; userId: string; message: string },
): Promise<string | null> {
  const inserted = await db
    .insertInto('organisation_claims')
    .values({ organisation_id: row.organisationId, user_id: row.userId, message: row.message })
    .onConflict((oc) =>
      oc.columns(['organisation_id', 'user_id']).where('status', '=', 'pending').doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return inserted?.id ?? null;
}

/** Closes a pending claim (approved, rejected, withdrawn); undefined when it was no longer pending. */
export function decideClaim(
  db: DbOrTx,
  claimId: string,
  decision: { status: Exclude<ClaimStatus, 'pending'>; decidedBy: string | null; note: string | null },
): Promise<{ id: string } | undefined> {
  return db
    .updateTable('organisation_claims')
    .set({
      status: decision.status,
      decided_by: decision.decidedBy,
      decided_at: sql<Date>`now()`,
      decision_note: decision.note,
    })
    .where('id', '=', claimId)
    .where('status', '=', 'pending')
    .returning('id')
    .executeTakeFirst();
}

// --- A person's organisations and the session's current one ---------------------------------------

export interface OwnOrganisationRow {
  id: string;
  name: string;
  role: MemberRole;
  movement_joined_at: Date | null;
  closed_at: Date | null;
}

export function listOrganisationsOf(db: DbOrTx, userId: string): Promise<OwnOrganisationRow[]> {
  return db
    .selectFrom('organisation_members as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select(['o.id', 'o.name', 'm.role', 'o.movement_joined_at', 'o.closed_at'])
    .where('m.user_id', '=', userId)
    .orderBy('o.name_key')
    .orderBy('o.id')
    .execute();
}

export async function sessionOrganisation(db: DbOrTx, sessionId: string): Promise<string | null> {
  const row = await db
    .selectFrom('sessions')
    .select('organisation_id')
    .where('id', '=', sessionId)
    .executeTakeFirst();
  return row?.organisation_id ?? null;
}

export async function setSessionOrganisation(
  db: DbOrTx,
  sessionId: string,
  organisationId: string | null,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ organisation_id: organisationId })
    .where('id', '=', sessionId)
    .execute();
}
