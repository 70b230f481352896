import { sql } from 'kysely';
import type { JsonValue } from '../../platform/audit/index.js';
import type { DbOrTx } from '../../platform/db/index.js';
import type { ImpactDomain } from '../organisations/index.js';

/** SQL of the jury of a call and of its selection settings. */

export interface SelectionCallRow {
  id: string;
  title: string;
}

export function findSelectionCall(db: DbOrTx, callId: string): Promise<SelectionCallRow | undefined> {
  return db.selectFrom('calls').select(['id', 'title']).where('id', '=', callId).executeTakeFirst();
}

export interface JuryMemberRow {
  user_id: string;
  email: string;
  display_name: string;
  domains: ImpactDomain[];
  capacity: number;
  is_president: boolean;
  assigned: number;
  submitted: number;
}

/** The jury of a call, by name, with the number of dossiers assigned to each (any state) and reviews submitted. */
export async function listJury(db: DbOrTx, callId: string): Promise<JuryMemberRow[]> {
  const rows = await db
    .selectFrom('jury_members as j')
    .innerJoin('users as u', 'u.id', 'j.user_id')
    .select((eb) => [
      'j.user_id',
      'u.email',
      'u.display_name',
      'j.domains',
      'j.capacity',
      'j.is_president',
      eb
        .selectFrom('review_assignments as a')
        .select(sql<string>`count(*)::text`.as('n'))
        .whereRef('a.call_id', '=', 'j.call_id')
        .whereRef('a.user_id', '=', 'j.user_id')
        .as('assigned'),
      eb
        .selectFrom('reviews as r')
        .select(sql<string>`count(*)::text`.as('n'))
        .whereRef('r.call_id', '=', 'j.call_id')
        .whereRef('r.user_id', '=', 'j.user_id')
        .where('r.submitted_at', 'is not', null)
        .as('submitted'),
    ])
    .where('j.call_id', '=', callId)
    .orderBy('u.display_name')
    .orderBy('u.email')
    .execute();
  return rows.map((r) => ({
    user_id: r.user_id,
    email: r.email,
    display_name: r.display_name,
    domains: r.domains,
    capacity: r.capacity,
    is_president: r.is_president,
    assigned: Number(r.assigned ?? 0),
    submitted: Number(r.submitted ?? 0),
  }));
}

/** What the appointment e-mail says: the call, the address, the seat (undefined once the seat is gone). */
export function findAppointmentNotice(
  db: DbOrTx,
  input: { callId: string; userId: string },
): Promise<{ call_title: string; email: string; domains: ImpactDomain[]; capacity: number } | undefined> {
  return db
    .selectFrom('jury_members as j')
    .innerJoin('calls as c', 'c.id', 'j.call_id')
    .innerJoin('users as u', 'u.id', 'j.user_id')
    .select(['c.title as call_title', 'u.email', 'j.domains', 'j.capacity'])
    .where('j.call_id', '=', input.callId)
    .where('j.user_id', '=', input.userId)
    .executeTakeFirst();
}

export function findJuryMember(
  db: DbOrTx,
  callId: string,
  userId: string,
  lock = false,
): Promise<
  { user_id: string; domains: ImpactDomain[]; capacity: number; is_president: boolean } | undefined
> {
  const q = db
    .selectFrom('jury_members')
    .select(['user_id', 'domains', 'capacity', 'is_president'])
    .where('call_id', '=', callId)
    .where('user_id', '=', userId);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

export async function insertJuryMember(
  db: DbOrTx,
  input: { callId: string; userId: string; domains: ImpactDomain[]; capacity: number; createdBy: string },
): Promise<boolean> {
  const row = await db
    .insertInto('jury_members')
    .values({
      call_id: input.callId,
      user_id: input.userId,
      domains: input.domains,
      capacity: input.capacity,
      created_by: input.createdBy,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function updateJuryMember(
  db: DbOrTx,
  callId: string,
  userId: string,
  input: { domains: ImpactDomain[]; capacity: number; president: boolean },
): Promise<void> {
  await db
    .updateTable('jury_members')
    .set({
      domains: input.domains,
      capacity: input.capacity,
      is_president: input.president,
      updated_at: new Date(),
    })
    .where('call_id', '=', callId)
    .where('user_id', '=', userId)
    .execute();
}

/** Takes the presidency from whoever holds it on this call (but `except`). */
export async function clearPresident(db: DbOrTx, callId: string, except: string): Promise<void> {
  await db
    .updateTable('jury_members')
    .set({ is_president: false, updated_at: new Date() })
    .where('call_id', '=', callId)
    .where('user_id', '<>', except)
    .where('is_president', '=', true)
    .execute();
}

/** Locks the call's jury rows, so that two changes of the presidency are serialised. */
export async function lockJury(db: DbOrTx, callId: string): Promise<void> {
  await db.selectFrom('jury_members').select('user_id').where('call_id', '=', callId).forUpdate().execute();
}

export async function countSubmittedReviewsOf(db: DbOrTx, callId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom('reviews')
    .select(sql<string>`count(*)::text`.as('n'))
    .where('call_id', '=', callId)
    .where('user_id', '=', userId)
    .where('submitted_at', 'is not', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Removes the member's unpublished assignments (with their draft reviews) and their jury row. */
export async function deleteJuryMember(db: DbOrTx, callId: string, userId: string): Promise<number> {
  const removed = await db
    .deleteFrom('review_assignments')
    .where('call_id', '=', callId)
    .where('user_id', '=', userId)
    .where('state', '=', 'propose')
    .executeTakeFirst();
  await db.deleteFrom('jury_members').where('call_id', '=', callId).where('user_id', '=', userId).execute();
  return Number(removed.numDeletedRows ?? 0);
}

export async function grantReviewerRole(
  db: DbOrTx,
  input: { userId: string; callId: string; grantedBy: string },
): Promise<string | null> {
  const row = await db
    .insertInto('role_assignments')
    .values({
      user_id: input.userId,
      role: 'reviewer',
      scope_type: 'call',
      scope_id: input.callId,
      granted_by: input.grantedBy,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function revokeReviewerRole(db: DbOrTx, callId: string, userId: string): Promise<number> {
  const result = await db
    .deleteFrom('role_assignments')
    .where('user_id', '=', userId)
    .where('role', '=', 'reviewer')
    .where('scope_type', '=', 'call')
    .where('scope_id', '=', callId)
    .executeTakeFirst();
  return Number(result.numDeletedRows ?? 0);
}

export interface SettingsRow {
  call_id: string;
  reviewers_per_dossier: number;
  grid: JsonValue;
  show_other_reviews: boolean;
  quota_min: number | null;
  quota_max: number | null;
  disagreement_threshold: string;
}

/** The call's selection settings, created with their defaults when missing. */
export async function ensureSettings(db: DbOrTx, callId: string, lock = false): Promise<SettingsRow> {
  await db
    .insertInto('selection_settings')
    .values({ call_id: callId })
    .onConflict((oc) => oc.column('call_id').doNothing())
    .execute();
  const q = db
    .selectFrom('selection_settings')
    .select([
      'call_id',
      'reviewers_per_dossier',
      'grid',
      'show_other_reviews',
      'quota_min',
      'quota_max',
      'disagreement_threshold',
    ])
    .where('call_id', '=', callId);
  return (lock ? q.forUpdate() : q).executeTakeFirstOrThrow();
}

/** The call's selection settings as stored (undefined: never set). */
export function findSettings(db: DbOrTx, callId: string): Promise<SettingsRow | undefined> {
  return db
    .selectFrom('selection_settings')
    .select([
      'call_id',
      'reviewers_per_dossier',
      'grid',
      'show_other_reviews',
      'quota_min',
      'quota_max',
      'disagreement_threshold',
    ])
    .where('call_id', '=', callId)
    .executeTakeFirst();
}

export async function updateSettings(
  db: DbOrTx,
  callId: string,
  input: {
    reviewersPerDossier: number;
    showOtherReviews: boolean;
    quotaMin: number | null;
    quotaMax: number | null;
    disagreementThreshold: number;
    updatedBy: string;
  },
): Promise<void> {
  await db
    .updateTable('selection_settings')
    .set({
      reviewers_per_dossier: input.reviewersPerDossier,
      show_other_reviews: input.showOtherReviews,
      quota_min: input.quotaMin,
      quota_max: input.quotaMax,
      disagreement_threshold: input.disagreementThreshold,
      updated_by: input.updatedBy,
      updated_at: new Date(),
    })
    .where('call_id', '=', callId)
    .execute();
}

export async function updateGrid(
  db: DbOrTx,
  callId: string,
  grid: JsonValue,
  updatedBy: string,
): Promise<void> {
  await db
    .updateTable('selection_settings')
    .set({ grid: JSON.stringify(grid), updated_by: updatedBy, updated_at: new Date() })
    .where('call_id', '=', callId)
    .execute();
}

export async function countSubmittedReviewsOfCall(db: DbOrTx, callId: string): Promise<number> {
  const row = await db
    .selectFrom('reviews')
    .select(sql<string>`count(*)::text`.as('n'))
    .where('call_id', '=', callId)
    .where('submitted_at', 'is not', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
