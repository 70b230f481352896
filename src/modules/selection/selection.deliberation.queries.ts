import type { DbOrTx } from '../../platform/db/index.js';
import type { DossierStatus } from '../dossiers/index.js';
import { OPEN_STATUSES } from './selection.ranking.queries.js';
import type { Decision } from './selection.tables.js';

export interface DecisionRow {
  dossier_id: string;
  decision: Decision;
  motivation: string;
  updated_at: Date;
}

/** The decisions the deliberation prepared for the call's dossiers. */
export function listDecisions(db: DbOrTx, callId: string): Promise<DecisionRow[]> {
  return db
    .selectFrom('deliberation_decisions')
    .select(['dossier_id', 'decision', 'motivation', 'updated_at'])
    .where('call_id', '=', callId)
    .execute();
}

export async function upsertDecision(
  trx: DbOrTx,
  input: { callId: string; dossierId: string; decision: Decision; motivation: string; userId: string },
): Promise<void> {
  await trx
    .insertInto('deliberation_decisions')
    .values({
      dossier_id: input.dossierId,
      call_id: input.callId,
      decision: input.decision,
      motivation: input.motivation,
      updated_by: input.userId,
    })
    .onConflict((oc) =>
      oc.column('dossier_id').doUpdateSet({
        decision: input.decision,
        motivation: input.motivation,
        updated_by: input.userId,
        updated_at: new Date(),
      }),
    )
    .execute();
}

/**
 * Locks the call's selection settings (created with their defaults when missing): decisions and the
 * publication of results run one at a time per call.
 */
export async function lockSelectionSettings(
  trx: DbOrTx,
  callId: string,
): Promise<{ results_published_at: Date | null }> {
  await trx
    .insertInto('selection_settings')
    .values({ call_id: callId })
    .onConflict((oc) => oc.column('call_id').doNothing())
    .execute();
  return trx
    .selectFrom('selection_settings')
    .select('results_published_at')
    .where('call_id', '=', callId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function markResultsPublished(
  trx: DbOrTx,
  input: { callId: string; at: Date; userId: string },
): Promise<void> {
  await trx
    .updateTable('selection_settings')
    .set({ results_published_at: input.at, updated_by: input.userId, updated_at: input.at })
    .where('call_id', '=', input.callId)
    .execute();
}

/** A dossier of the call and its status (undefined when it belongs to another call). */
export function findCallDossier(
  db: DbOrTx,
  callId: string,
  dossierId: string,
): Promise<{ id: string; reference: string; status: DossierStatus } | undefined> {
  return db
    .selectFrom('dossiers')
    .select(['id', 'reference', 'status'])
    .where('call_id', '=', callId)
    .where('id', '=', dossierId)
    .executeTakeFirst();
}

/** References of the call's dossiers still waiting for a decision that has not been prepared. */
export async function listUndecided(db: DbOrTx, callId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('dossiers as d')
    .leftJoin('deliberation_decisions as x', 'x.dossier_id', 'd.id')
    .select('d.reference')
    .where('d.call_id', '=', callId)
    .where('d.status', 'in', [...OPEN_STATUSES])
    .where('x.dossier_id', 'is', null)
    .orderBy('d.reference')
    .execute();
  return rows.map((r) => r.reference);
}

export interface PublicationRow {
  dossier_id: string;
  reference: string;
  decision: Decision;
  motivation: string;
  organisation_id: string;
  organisation_name: string;
  call_title: string;
}

/** Every prepared decision of the call with what its e-mail and story need, by reference. */
export function listPublication(db: DbOrTx, callId: string): Promise<PublicationRow[]> {
  return db
    .selectFrom('deliberation_decisions as x')
    .innerJoin('dossiers as d', 'd.id', 'x.dossier_id')
    .innerJoin('organisations as o', 'o.id', 'd.organisation_id')
    .innerJoin('calls as c', 'c.id', 'd.call_id')
    .select([
      'x.dossier_id',
      'd.reference',
      'x.decision',
      'x.motivation',
      'd.organisation_id',
      'o.name as organisation_name',
      'c.title as call_title',
    ])
    .where('x.call_id', '=', callId)
    .orderBy('d.reference')
    .execute();
}

/** The slugs of the call's laureate stories. */
export async function listStorySlugs(db: DbOrTx, callId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('laureate_stories').select('slug').where('call_id', '=', callId).execute();
  return new Set(rows.map((r) => r.slug));
}

/** The laureate's story (summary empty, not approved), unless it already exists. */
export async function insertLaureateStory(
  trx: DbOrTx,
  input: { dossierId: string; callId: string; organisationId: string; slug: string; userId: string },
): Promise<void> {
  await trx
    .insertInto('laureate_stories')
    .values({
      dossier_id: input.dossierId,
      call_id: input.callId,
      organisation_id: input.organisationId,
      slug: input.slug,
      updated_by: input.userId,
    })
    .onConflict((oc) => oc.column('dossier_id').doNothing())
    .execute();
}
