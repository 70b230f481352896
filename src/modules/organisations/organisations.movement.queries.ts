import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/index.js';
import './organisations.tables.js';

export interface CharterVersion {
  version: number;
  title: string;
  body: string;
  published_at: Date;
}

/** Every version of the charter, the current (highest) first. */
export function listCharterVersions(db: DbOrTx): Promise<CharterVersion[]> {
  return db
    .selectFrom('charter_versions')
    .select(['version', 'title', 'body', 'published_at'])
    .orderBy('version', 'desc')
    .execute();
}

export function currentCharter(db: DbOrTx): Promise<CharterVersion | undefined> {
  return db
    .selectFrom('charter_versions')
    .select(['version', 'title', 'body', 'published_at'])
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export interface MovementMembershipRow {
  id: string;
  charter_version: number;
  accepted_at: Date;
  accepted_by_name: string | null;
}

/** The organisation's current membership of the movement (not left), if any. */
export function currentMembership(
  db: DbOrTx,
  organisationId: string,
): Promise<MovementMembershipRow | undefined> {
  return db
    .selectFrom('movement_memberships as mm')
    .leftJoin('users as u', 'u.id', 'mm.accepted_by')
    .select(['mm.id', 'mm.charter_version', 'mm.accepted_at', 'u.display_name as accepted_by_name'])
    .where('mm.organisation_id', '=', organisationId)
    .where('mm.left_at', 'is', null)
    .executeTakeFirst();
}

/** Locks the organisation's row for a change of its movement status; undefined when it does not exist. */
export function lockOrganisation(
  trx: DbOrTx,
  organisationId: string,
): Promise<{ id: string; closed_at: Date | null } | undefined> {
  return trx
    .selectFrom('organisations')
    .select(['id', 'closed_at'])
    .where('id', '=', organisationId)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertMembership(
  trx: DbOrTx,
  row: { organisationId: string; version: number; acceptedBy: string | null },
): Promise<string> {
  const inserted = await trx
    .insertInto('movement_memberships')
    .values({
      organisation_id: row.organisationId,
      charter_version: row.version,
      accepted_by: row.acceptedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export function endMembership(
  trx: DbOrTx,
  organisationId: string,
  leftBy: string | null,
): Promise<{ id: string; charter_version: number } | undefined> {
  return trx
    .updateTable('movement_memberships')
    .set({ left_at: sql<Date>`now()`, left_by: leftBy })
    .where('organisation_id', '=', organisationId)
    .where('left_at', 'is', null)
    .returning(['id', 'charter_version'])
    .executeTakeFirst();
}

/** The directory follows change_seq: every change of the banner bumps it. */
export async function setMovementJoinedAt(trx: DbOrTx, organisationId: string, joined: boolean) {
  await trx
    .updateTable('organisations')
    .set({
      movement_joined_at: joined ? sql<Date>`now()` : null,
      updated_at: sql<Date>`now()`,
      change_seq: sql`nextval('organisations_change_seq')`,
    })
    .where('id', '=', organisationId)
    .execute();
}
