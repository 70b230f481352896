import type { JsonValue } from '../../platform/audit/index.js';
import type { DbOrTx } from '../../platform/db/index.js';
import type { Recommendation } from './selection.tables.js';

/** SQL of the évaluateurs' side: their published assignments, the frozen dossier they read, their reviews. */

export interface MyAssignmentRow {
  call_id: string;
  call_title: string;
  dossier_id: string;
  reference: string;
  title: string;
  organisation_name: string;
  submitted_at: Date | null;
  has_review: boolean;
}

export interface MyAuditionRow {
  call_id: string;
  call_title: string;
  dossier_id: string;
  reference: string;
  organisation_name: string;
  starts_at: Date;
}

/** The scheduled auditions of these calls (their jury takes notes on each), earliest first. */
export function listAuditionsOfCalls(db: DbOrTx, callIds: readonly string[]): Promise<MyAuditionRow[]> {
  if (callIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('auditions as a')
    .innerJoin('dossiers as d', 'd.id', 'a.dossier_id')
    .innerJoin('calls as c', 'c.id', 'd.call_id')
    .innerJoin('organisations as o', 'o.id', 'd.organisation_id')
    .select([
      'd.call_id',
      'c.title as call_title',
      'a.dossier_id',
      'd.reference',
      'o.name as organisation_name',
      'a.starts_at',
    ])
    .where('d.call_id', 'in', callIds)
    .orderBy('a.starts_at')
    .orderBy('d.reference')
    .execute();
}

/** The PUBLISHED assignments of `userId` on these calls, with the state of their review. */
export async function listMyAssignments(
  db: DbOrTx,
  userId: string,
  callIds: readonly string[],
): Promise<MyAssignmentRow[]> {
  if (callIds.length === 0) return [];
  const rows = await db
    .selectFrom('review_assignments as a')
    .innerJoin('dossiers as d', 'd.id', 'a.dossier_id')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .innerJoin('organisations as o', 'o.id', 'd.organisation_id')
    .leftJoin('reviews as r', (j) =>
      j.onRef('r.dossier_id', '=', 'a.dossier_id').onRef('r.user_id', '=', 'a.user_id'),
    )
    .select([
      'a.call_id',
      'c.title as call_title',
      'a.dossier_id',
      'd.reference',
      'd.title',
      'o.name as organisation_name',
      'r.submitted_at',
      'r.user_id as review_user',
    ])
    .where('a.user_id', '=', userId)
    .where('a.state', '=', 'publie')
    .where('a.call_id', 'in', callIds)
    .orderBy('c.title')
    .orderBy('d.reference')
    .execute();
  return rows.map(({ review_user, ...r }) => ({ ...r, has_review: review_user !== null }));
}

export interface AssignedDossierRow {
  id: string;
  reference: string;
  title: string;
  call_id: string;
  call_title: string;
  organisation_name: string;
}

export function findAssignedDossier(
  db: DbOrTx,
  dossierId: string,
  userId: string,
): Promise<AssignedDossierRow | undefined> {
  return db
    .selectFrom('review_assignments as a')
    .innerJoin('dossiers as d', 'd.id', 'a.dossier_id')
    .innerJoin('calls as c', 'c.id', 'd.call_id')
    .innerJoin('organisations as o', 'o.id', 'd.organisation_id')
    .select([
      'd.id',
      'd.reference',
      'd.title',
      'd.call_id',
      'c.title as call_title',
      'o.name as organisation_name',
    ])
    .where('a.dossier_id', '=', dossierId)
    .where('a.user_id', '=', userId)
    .where('a.state', '=', 'publie')
    .executeTakeFirst();
}

export interface FrozenVersionRow {
  version: number;
  form_version: number;
  answers: JsonValue;
  submitted_at: Date;
}

/** The last submitted (frozen) version of a dossier. */
export function findLastVersion(db: DbOrTx, dossierId: string): Promise<FrozenVersionRow | undefined> {
  return db
    .selectFrom('dossier_versions')
    .select(['version', 'form_version', 'answers', 'submitted_at'])
    .where('dossier_id', '=', dossierId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export interface VersionFileRow {
  id: string;
  name: string;
  content_type: string;
  size: number;
  storage_key: string;
}

/** Files of the dossier among `ids` (the ones its frozen version names). */
export async function listDossierFiles(
  db: DbOrTx,
  dossierId: string,
  ids: readonly string[],
): Promise<VersionFileRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('dossier_files')
    .select(['id', 'name', 'content_type', 'size', 'storage_key'])
    .where('dossier_id', '=', dossierId)
    .where('id', 'in', ids)
    .orderBy('name')
    .execute();
}

export interface ReviewRow {
  dossier_id: string;
  user_id: string;
  scores: JsonValue;
  overall_comment: string;
  recommendation: Recommendation | null;
  weighted_score: string | null;
  lock_version: number;
  submitted_at: Date | null;
}

const REVIEW_COLUMNS = [
  'dossier_id',
  'user_id',
  'scores',
  'overall_comment',
  'recommendation',
  'weighted_score',
  'lock_version',
  'submitted_at',
] as const;

export function findReview(db: DbOrTx, dossierId: string, userId: string): Promise<ReviewRow | undefined> {
  return db
    .selectFrom('reviews')
    .select([...REVIEW_COLUMNS])
    .where('dossier_id', '=', dossierId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** The review of `userId` on the dossier, created empty if missing, locked for this transaction. */
export async function lockReview(
  db: DbOrTx,
  input: { dossierId: string; userId: string; callId: string },
): Promise<ReviewRow> {
  await db
    .insertInto('reviews')
    .values({ dossier_id: input.dossierId, user_id: input.userId, call_id: input.callId, scores: '{}' })
    .onConflict((oc) => oc.columns(['dossier_id', 'user_id']).doNothing())
    .execute();
  return db
    .selectFrom('reviews')
    .select([...REVIEW_COLUMNS])
    .where('dossier_id', '=', input.dossierId)
    .where('user_id', '=', input.userId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function saveReview(
  db: DbOrTx,
  input: {
    dossierId: string;
    userId: string;
    scores: JsonValue;
    overallComment: string;
    recommendation: Recommendation | null;
    weightedScore: number | null;
    submit: boolean;
  },
): Promise<void> {
  const now = new Date();
  await db
    .updateTable('reviews')
    .set((eb) => ({
      scores: JSON.stringify(input.scores),
      overall_comment: input.overallComment,
      recommendation: input.recommendation,
      weighted_score: input.weightedScore,
      lock_version: eb('lock_version', '+', 1),
      updated_at: now,
      ...(input.submit ? { submitted_at: now } : {}),
    }))
    .where('dossier_id', '=', input.dossierId)
    .where('user_id', '=', input.userId)
    .execute();
}

export interface OtherReviewRow {
  user_id: string;
  display_name: string;
  scores: JsonValue;
  overall_comment: string;
  recommendation: Recommendation | null;
  weighted_score: string | null;
  submitted_at: Date | null;
}

/** The SUBMITTED reviews of the dossier by others than `userId`, with their authors' names. */
export function listOtherSubmittedReviews(
  db: DbOrTx,
  dossierId: string,
  userId: string,
): Promise<OtherReviewRow[]> {
  return db
    .selectFrom('reviews as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select([
      'r.user_id',
      'u.display_name',
      'r.scores',
      'r.overall_comment',
      'r.recommendation',
      'r.weighted_score',
      'r.submitted_at',
    ])
    .where('r.dossier_id', '=', dossierId)
    .where('r.user_id', '<>', userId)
    .where('r.submitted_at', 'is not', null)
    .orderBy('r.submitted_at')
    .execute();
}

export async function findReviewSettings(
  db: DbOrTx,
  callId: string,
): Promise<{ grid: JsonValue; show_other_reviews: boolean } | undefined> {
  return db
    .selectFrom('selection_settings')
    .select(['grid', 'show_other_reviews'])
    .where('call_id', '=', callId)
    .executeTakeFirst();
}
