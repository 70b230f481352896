import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/index.js';

/** Conflicts of interest: what the detectors read, and the declared conflicts. */

/** Which pairs a detection looks at: the dossiers of a call (or one), its évaluateurs (or one). */
export interface ConflictScope {
  callId: string;
  dossierId?: string;
  userId?: string;
}

export interface ConflictPairRow {
  dossier_id: string;
  user_id: string;
}

function dossierFilter(scope: ConflictScope) {
  return scope.dossierId ? sql`AND d.id = ${scope.dossierId}` : sql``;
}

function userFilter(scope: ConflictScope) {
  return scope.userId ? sql`AND ra.user_id = ${scope.userId}` : sql``;
}

/**
 * The organisations of each dossier of the call (its own and its partners), and the organisations each
 * évaluateur of the call belongs to (a role 'member' on the organisation, or a seat in
 * organisation_members), with the SIREN of both: coalesce(siren, left(siret, 9)).
 */
function basis(scope: ConflictScope) {
  return sql`
    reviewers AS (
      SELECT DISTINCT ra.user_id FROM role_assignments ra
      WHERE ra.role = 'reviewer' AND ra.scope_type = 'call' AND ra.scope_id = ${scope.callId}
      ${userFilter(scope)}
    ),
    dossier_orgs AS (
      SELECT d.id AS dossier_id, d.organisation_id FROM dossiers d
      WHERE d.call_id = ${scope.callId} ${dossierFilter(scope)}
      UNION
      SELECT d.id, p.organisation_id FROM dossier_partners p JOIN dossiers d ON d.id = p.dossier_id
      WHERE d.call_id = ${scope.callId} ${dossierFilter(scope)}
    ),
    memberships AS (
      SELECT m.user_id, o.id AS organisation_id, coalesce(o.siren, left(o.siret, 9)) AS siren
      FROM (
        SELECT ra.user_id, ra.scope_id AS organisation_id FROM role_assignments ra
        WHERE ra.role = 'member' AND ra.scope_type = 'organisation'
        UNION
        SELECT om.user_id, om.organisation_id::text FROM organisation_members om
      ) m
      JOIN reviewers r ON r.user_id = m.user_id
      JOIN organisations o ON o.id::text = m.organisation_id
    )`;
}

/** Évaluateurs who belong to the dossier's organisation or to one of its partners. */
export async function membershipConflicts(db: DbOrTx, scope: ConflictScope): Promise<ConflictPairRow[]> {
  const result = await sql<ConflictPairRow>`
    WITH ${basis(scope)}
    SELECT DISTINCT x.dossier_id, m.user_id
    FROM dossier_orgs x JOIN memberships m ON m.organisation_id = x.organisation_id`.execute(db);
  return result.rows;
}

/**
 * Évaluateurs who belong to an organisation sharing a SIREN with the dossier's organisation or a partner
 * (the same legal entity registered under two names).
 */
export async function sirenConflicts(db: DbOrTx, scope: ConflictScope): Promise<ConflictPairRow[]> {
  const result = await sql<ConflictPairRow>`
    WITH ${basis(scope)}
    SELECT DISTINCT x.dossier_id, m.user_id
    FROM dossier_orgs x
    JOIN organisations o ON o.id = x.organisation_id
    JOIN memberships m ON m.siren = coalesce(o.siren, left(o.siret, 9)) AND m.organisation_id <> o.id`.execute(
    db,
  );
  return result.rows;
}

export interface DeclaredConflictRow {
  dossier_id: string;
  user_id: string;
  reason: string;
  declared_at: Date;
}

/** Declared conflicts on the dossiers of a call (or of one dossier, or by one évaluateur). */
export async function listDeclaredConflicts(
  db: DbOrTx,
  scope: ConflictScope,
): Promise<DeclaredConflictRow[]> {
  let query = db
    .selectFrom('declared_conflicts as c')
    .innerJoin('dossiers as d', 'd.id', 'c.dossier_id')
    .select(['c.dossier_id', 'c.user_id', 'c.reason', 'c.declared_at'])
    .where('d.call_id', '=', scope.callId);
  if (scope.dossierId) query = query.where('c.dossier_id', '=', scope.dossierId);
  if (scope.userId) query = query.where('c.user_id', '=', scope.userId);
  return query.execute();
}

/** Records a declaration; false when the évaluateur had already declared this dossier. */
export async function insertDeclaredConflict(
  db: DbOrTx,
  input: { dossierId: string; userId: string; reason: string },
): Promise<boolean> {
  const row = await db
    .insertInto('declared_conflicts')
    .values({ dossier_id: input.dossierId, user_id: input.userId, reason: input.reason })
    .onConflict((oc) => oc.columns(['dossier_id', 'user_id']).doNothing())
    .returning('dossier_id')
    .executeTakeFirst();
  return row !== undefined;
}

export interface DeclarableDossierRow {
  id: string;
  reference: string;
  title: string;
  organisation_name: string;
  status: string;
}

/** The dossiers an évaluateur may declare a conflict on: the call's admissible and in-evaluation ones. */
export async function listDeclarableDossiers(db: DbOrTx, callId: string): Promise<DeclarableDossierRow[]> {
  return db
    .selectFrom('dossiers as d')
    .innerJoin('organisations as o', 'o.id', 'd.organisation_id')
    .select(['d.id', 'd.reference', 'd.title', 'o.name as organisation_name', 'd.status'])
    .where('d.call_id', '=', callId)
    .where('d.status', 'in', ['recevable', 'en_evaluation'])
    .orderBy('d.reference')
    .execute();
}

export async function findDeclarableDossier(
  db: DbOrTx,
  callId: string,
  dossierId: string,
): Promise<DeclarableDossierRow | undefined> {
  return db
    .selectFrom('dossiers as d')
    .innerJoin('organisations as o', 'o.id', 'd.organisation_id')
    .select(['d.id', 'd.reference', 'd.title', 'o.name as organisation_name', 'd.status'])
    .where('d.call_id', '=', callId)
    .where('d.id', '=', dossierId)
    .where('d.status', 'in', ['recevable', 'en_evaluation'])
    .executeTakeFirst();
}

export async function findCallTitle(
  db: DbOrTx,
  callId: string,
): Promise<{ id: string; title: string } | undefined> {
  return db.selectFrom('calls').select(['id', 'title']).where('id', '=', callId).executeTakeFirst();
}
