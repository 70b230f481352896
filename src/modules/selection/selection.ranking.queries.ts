import type { DbOrTx } from '../../platform/db/index.js';
import type { DossierStatus } from '../dossiers/index.js';
import type { ImpactDomain } from '../organisations/index.js';
import type { Recommendation } from './selection.tables.js';

/** The statuses the ranking shows: under evaluation, shortlisted, and decided ones once published. */
export const RANKED_STATUSES = ['en_evaluation', 'auditionne', 'laureat', 'non_retenu'] as const;
/** The statuses still waiting for the deliberation's decision. */
export const OPEN_STATUSES = ['en_evaluation', 'auditionne'] as const;

export interface SelectionCall {
  id: string;
  title: string;
  quota_min: number | null;
  quota_max: number | null;
  /** numeric, as a string (1.5 when the call has no settings yet). */
  disagreement_threshold: string;
  results_published_at: Date | null;
}

/** The call with its selection settings (defaults when none were saved). */
export async function findSelectionCall(db: DbOrTx, callId: string): Promise<SelectionCall | undefined> {
  const row = await db
    .selectFrom('calls as c')
    .leftJoin('selection_settings as s', 's.call_id', 'c.id')
    .select([
      'c.id',
      'c.title',
      's.quota_min',
      's.quota_max',
      's.disagreement_threshold',
      's.results_published_at',
    ])
    .where('c.id', '=', callId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    title: row.title,
    quota_min: row.quota_min ?? null,
    quota_max: row.quota_max ?? null,
    disagreement_threshold: row.disagreement_threshold ?? '1.5',
    results_published_at: row.results_published_at ?? null,
  };
}

export interface RankingDossierRow {
  id: string;
  reference: string;
  status: DossierStatus;
  organisation_id: string;
  organisation_name: string;
  domains: ImpactDomain[];
  region_code: string | null;
  assigned: number;
}

/** The call's dossiers the ranking shows, with their organisation and published assignments. */
export async function listRankingDossiers(
  db: DbOrTx,
  callId: string,
  statuses: readonly DossierStatus[] = RANKED_STATUSES,
): Promise<RankingDossierRow[]> {
  const rows = await db
    .selectFrom('dossiers as d')
    .innerJoin('organisations as o', 'o.id', 'd.organisation_id')
    .select((eb) => [
      'd.id',
      'd.reference',
      'd.status',
      'd.organisation_id',
      'o.name as organisation_name',
      'o.domains',
      'o.region_code',
      eb
        .selectFrom('review_assignments as a')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('a.dossier_id', '=', 'd.id')
        .where('a.state', '=', 'publie')
        .as('assigned'),
    ])
    .where('d.call_id', '=', callId)
    .where('d.status', 'in', [...statuses])
    .orderBy('d.reference')
    .execute();
  return rows.map((r) => ({ ...r, assigned: Number(r.assigned ?? 0) }));
}

export interface SubmittedReviewRow {
  dossier_id: string;
  user_id: string;
  weighted_score: string;
  recommendation: Recommendation | null;
}

/** Every submitted review of the call (the normalisation reads all of an évaluateur's scores). */
export async function listSubmittedReviews(db: DbOrTx, callId: string): Promise<SubmittedReviewRow[]> {
  const rows = await db
    .selectFrom('reviews')
    .select(['dossier_id', 'user_id', 'weighted_score', 'recommendation'])
    .where('call_id', '=', callId)
    .where('submitted_at', 'is not', null)
    .where('weighted_score', 'is not', null)
    .orderBy('dossier_id')
    .orderBy('user_id')
    .execute();
  return rows.map((r) => ({ ...r, weighted_score: r.weighted_score ?? '0' }));
}

/** The dossiers among `ids` that belong to the call (and their status). */
export function findCallDossiers(
  db: DbOrTx,
  callId: string,
  ids: readonly string[],
): Promise<{ id: string; reference: string; status: DossierStatus }[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('dossiers')
    .select(['id', 'reference', 'status'])
    .where('call_id', '=', callId)
    .where('id', 'in', [...ids])
    .orderBy('reference')
    .execute();
}
