import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/index.js';
import type { ImpactDomain } from '../organisations/index.js';
import type { AssignmentSource, AssignmentState } from './selection.tables.js';

/** The assignment's reads and writes (review_assignments, with the jury, the dossiers and the settings). */

export interface AssignmentSettingsRow {
  reviewers_per_dossier: number;
  assignment_published_at: Date | null;
}

export async function findAssignmentSettings(
  db: DbOrTx,
  callId: string,
): Promise<AssignmentSettingsRow | undefined> {
  return db
    .selectFrom('selection_settings')
    .select(['reviewers_per_dossier', 'assignment_published_at'])
    .where('call_id', '=', callId)
    .executeTakeFirst();
}

/** Serialises the changes of a call's assignment (computing, adjusting, publishing, replacing). */
export async function lockCallForAssignment(db: DbOrTx, callId: string): Promise<boolean> {
  const row = await db
    .selectFrom('calls')
    .select('id')
    .where('id', '=', callId)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

export interface CandidateDossierRow {
  id: string;
  reference: string;
  title: string;
  status: string;
  organisation_name: string;
  domains: ImpactDomain[];
}

/**
 * The dossiers to assign: admissible (recevable), or in evaluation with at least one assignment of the call
 * (or `dossierId` only).
 */
export async function listCandidateDossiers(
  db: DbOrTx,
  callId: string,
  dossierId?: string,
): Promise<CandidateDossierRow[]> {
  let query = db
    .selectFrom('dossiers as d')
    .innerJoin('organisations as o', 'o.id', 'd.organisation_id')
    .select(['d.id', 'd.reference', 'd.title', 'd.status', 'o.name as organisation_name', 'o.domains'])
    .where('d.call_id', '=', callId)
    .where((eb) =>
      eb.or([
        eb('d.status', '=', 'recevable'),
        eb.and([
          eb('d.status', '=', 'en_evaluation'),
          eb.exists(
            eb
              .selectFrom('review_assignments as a')
              .select('a.dossier_id')
              .whereRef('a.dossier_id', '=', 'd.id')
              .where('a.call_id', '=', callId),
          ),
        ]),
      ]),
    );
  if (dossierId) query = query.where('d.id', '=', dossierId);
  return query.orderBy('d.reference').execute() as Promise<CandidateDossierRow[]>;
}

export interface JuryRow {
  user_id: string;
  display_name: string;
  email: string;
  domains: ImpactDomain[];
  capacity: number;
}

/** The jury: members of the call's jury whose account still holds the reviewer role on the call. */
export async function listJury(db: DbOrTx, callId: string): Promise<JuryRow[]> {
  return db
    .selectFrom('jury_members as j')
    .innerJoin('users as u', 'u.id', 'j.user_id')
    .select(['j.user_id', 'u.display_name', 'u.email', 'j.domains', 'j.capacity'])
    .where('j.call_id', '=', callId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('role_assignments as r')
          .select('r.user_id')
          .whereRef('r.user_id', '=', 'j.user_id')
          .where('r.role', '=', 'reviewer')
          .where('r.scope_type', '=', 'call')
          .where('r.scope_id', '=', callId),
      ),
    )
    .orderBy('u.display_name')
    .orderBy('j.user_id')
    .execute() as Promise<JuryRow[]>;
}

export interface AssignmentRow {
  dossier_id: string;
  user_id: string;
  state: AssignmentState;
  source: AssignmentSource;
}

export async function listAssignments(db: DbOrTx, callId: string): Promise<AssignmentRow[]> {
  return db
    .selectFrom('review_assignments')
    .select(['dossier_id', 'user_id', 'state', 'source'])
    .where('call_id', '=', callId)
    .execute() as Promise<AssignmentRow[]>;
}

export async function findAssignment(
  db: DbOrTx,
  dossierId: string,
  userId: string,
): Promise<AssignmentRow | undefined> {
  return db
    .selectFrom('review_assignments')
    .select(['dossier_id', 'user_id', 'state', 'source'])
    .where('dossier_id', '=', dossierId)
    .where('user_id', '=', userId)
    .executeTakeFirst() as Promise<AssignmentRow | undefined>;
}

/** Drops the call's computed proposal that is not published yet; returns how many pairs. */
export async function deleteComputedProposal(db: DbOrTx, callId: string): Promise<number> {
  const result = await db
    .deleteFrom('review_assignments')
    .where('call_id', '=', callId)
    .where('state', '=', 'propose')
    .where('source', '=', 'calcul')
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Inserts pairs in chunks (a large call gives thousands). */
export async function insertAssignments(
  db: DbOrTx,
  rows: readonly {
    callId: string;
    dossierId: string;
    userId: string;
    state: AssignmentState;
    source: AssignmentSource;
    createdBy: string | null;
  }[],
): Promise<void> {
  const CHUNK = 2000;
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('review_assignments')
      .values(
        rows.slice(i, i + CHUNK).map((r) => ({
          call_id: r.callId,
          dossier_id: r.dossierId,
          user_id: r.userId,
          state: r.state,
          source: r.source,
          created_by: r.createdBy,
        })),
      )
      .execute();
  }
}

/** Removes one pair (its draft review goes with it, by cascade); returns what it was. */
export async function deleteAssignment(
  db: DbOrTx,
  dossierId: string,
  userId: string,
): Promise<AssignmentRow | undefined> {
  return db
    .deleteFrom('review_assignments')
    .where('dossier_id', '=', dossierId)
    .where('user_id', '=', userId)
    .returning(['dossier_id', 'user_id', 'state', 'source'])
    .executeTakeFirst() as Promise<AssignmentRow | undefined>;
}

/** Publishes every proposed pair of the call; returns them. */
export async function publishProposals(
  db: DbOrTx,
  callId: string,
): Promise<{ dossier_id: string; user_id: string }[]> {
  return db
    .updateTable('review_assignments')
    .set({ state: 'publie' })
    .where('call_id', '=', callId)
    .where('state', '=', 'propose')
    .returning(['dossier_id', 'user_id'])
    .execute();
}

export async function markAssignmentPublished(db: DbOrTx, callId: string, userId: string): Promise<void> {
  await db
    .insertInto('selection_settings')
    .values({ call_id: callId, assignment_published_at: sql<Date>`now()`, updated_by: userId })
    .onConflict((oc) =>
      oc.column('call_id').doUpdateSet({
        assignment_published_at: sql<Date>`now()`,
        updated_by: userId,
        updated_at: sql<Date>`now()`,
      }),
    )
    .execute();
}

export interface NoticeRow {
  call_title: string;
  email: string;
  display_name: string;
  dossiers: { id: string; reference: string; title: string }[];
}

/** What the assignment e-mail of `userId` lists: the given dossiers still published to them. */
export async function findAssignmentNotice(
  db: DbOrTx,
  input: { callId: string; userId: string; dossierIds: readonly string[] },
): Promise<NoticeRow | undefined> {
  const call = await db.selectFrom('calls').select('title').where('id', '=', input.callId).executeTakeFirst();
  const user = await db
    .selectFrom('users')
    .select(['email', 'display_name'])
    .where('id', '=', input.userId)
    .executeTakeFirst();
  if (!call || !user || input.dossierIds.length === 0) return undefined;
  const dossiers = await db
    .selectFrom('review_assignments as a')
    .innerJoin('dossiers as d', 'd.id', 'a.dossier_id')
    .select(['d.id', 'd.reference', 'd.title'])
    .where('a.user_id', '=', input.userId)
    .where('a.call_id', '=', input.callId)
    .where('a.state', '=', 'publie')
    .where('a.dossier_id', 'in', [...input.dossierIds])
    .orderBy('d.reference')
    .execute();
  return { call_title: call.title, email: user.email, display_name: user.display_name, dossiers };
}

/** The domains of a dossier (its organisation's), for the expertise match. */
export async function findDossierDomains(db: DbOrTx, dossierId: string): Promise<ImpactDomain[]> {
  const row = await db
    .selectFrom('dossiers as d')
    .innerJoin('organisations as o', 'o.id', 'd.organisation_id')
    .select('o.domains')
    .where('d.id', '=', dossierId)
    .executeTakeFirst();
  return (row?.domains ?? []) as ImpactDomain[];
}
