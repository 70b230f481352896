import { type ExpressionBuilder, sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/index.js';
import type { Tables } from '../../platform/db/schema.js';
import type { ImpactDomain } from '../organisations/index.js';

/**
 * SQL of the showcase (vitrine). A call's results are public once the deliberation published them
 * (`selection_settings.results_published_at`), or, for a call decided without the platform's deliberation
 * (no selection settings), as soon as it has laureates. Only dossiers in status `laureat` with a story row
 * are shown; a story's text only once approved.
 */

type Eb = ExpressionBuilder<Tables, 'calls'>;

function resultsPublished(eb: Eb) {
  return eb.or([
    eb.exists(
      eb
        .selectFrom('selection_settings as ss')
        .select('ss.call_id')
        .whereRef('ss.call_id', '=', 'calls.id')
        .where('ss.results_published_at', 'is not', null),
    ),
    eb.and([
      eb.not(
        eb.exists(
          eb
            .selectFrom('selection_settings as s2')
            .select('s2.call_id')
            .whereRef('s2.call_id', '=', 'calls.id'),
        ),
      ),
      eb.exists(
        eb
          .selectFrom('dossiers as d0')
          .select('d0.id')
          .whereRef('d0.call_id', '=', 'calls.id')
          .where('d0.status', '=', 'laureat'),
      ),
    ]),
  ]);
}

export interface CohortRow {
  id: string;
  slug: string;
  title: string;
  results_published_at: Date | null;
  laureates: number;
}

/** Calls whose results are public, with their number of laureates (newest first). */
export async function listCohorts(db: DbOrTx): Promise<CohortRow[]> {
  const rows = await db
    .selectFrom('calls')
    .leftJoin('selection_settings', 'selection_settings.call_id', 'calls.id')
    .select((eb) => [
      'calls.id',
      'calls.slug',
      'calls.title',
      'selection_settings.results_published_at',
      eb
        .selectFrom('laureate_stories as ls')
        .innerJoin('dossiers as d', 'd.id', 'ls.dossier_id')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('ls.call_id', '=', 'calls.id')
        .where('d.status', '=', 'laureat')
        .as('laureates'),
    ])
    .where('calls.status', '<>', 'draft')
    .where(resultsPublished)
    .orderBy('calls.opens_at', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, laureates: Number(r.laureates ?? 0) }));
}

/** A call whose results are public, by slug. */
export function findCohort(db: DbOrTx, slug: string) {
  return db
    .selectFrom('calls')
    .select(['calls.id', 'calls.slug', 'calls.title', 'calls.summary'])
    .where('calls.slug', '=', slug)
    .where('calls.status', '<>', 'draft')
    .where(resultsPublished)
    .executeTakeFirst();
}

export interface LaureateRow {
  dossier_id: string;
  call_id: string;
  slug: string;
  organisation_id: string;
  organisation_name: string;
  domains: ImpactDomain[];
  commune_name: string | null;
  departement_code: string | null;
  departement_name: string | null;
  region_code: string | null;
  region_name: string | null;
  /** The approved summary; '' when not approved. */
  summary: string;
}

function laureatesQuery(db: DbOrTx, callId: string) {
  return db
    .selectFrom('laureate_stories as ls')
    .innerJoin('dossiers as d', 'd.id', 'ls.dossier_id')
    .innerJoin('organisations as o', 'o.id', 'ls.organisation_id')
    .leftJoin('geo_departements as gd', 'gd.code', 'o.departement_code')
    .leftJoin('geo_regions as gr', 'gr.code', 'o.region_code')
    .select([
      'ls.dossier_id',
      'ls.call_id',
      'ls.slug',
      'o.id as organisation_id',
      'o.name as organisation_name',
      'o.domains',
      'o.commune_name',
      'o.departement_code',
      'gd.name as departement_name',
      'o.region_code',
      'gr.name as region_name',
      sql<string>`CASE WHEN ls.approved_at IS NULL THEN '' ELSE ls.summary END`.as('summary'),
    ])
    .where('ls.call_id', '=', callId)
    .where('d.status', '=', 'laureat');
}

/** The laureates of a call, filtered by a domain and a région, by name. */
export async function listLaureates(
  db: DbOrTx,
  callId: string,
  filter: { domain?: ImpactDomain | undefined; region?: string | undefined } = {},
): Promise<LaureateRow[]> {
  let q = laureatesQuery(db, callId);
  if (filter.domain) q = q.where(sql<boolean>`${filter.domain} = ANY(o.domains)`);
  if (filter.region) q = q.where('o.region_code', '=', filter.region);
  return (await q.orderBy('o.name').orderBy('ls.slug').execute()) as LaureateRow[];
}

export async function findLaureate(
  db: DbOrTx,
  callId: string,
  slug: string,
): Promise<LaureateRow | undefined> {
  return (await laureatesQuery(db, callId).where('ls.slug', '=', slug).executeTakeFirst()) as
    | LaureateRow
    | undefined;
}

/** The laureate stories of an organisation in calls whose results are public. */
export function laureateStoriesOfOrganisation(db: DbOrTx, organisationId: string) {
  return db
    .selectFrom('laureate_stories as ls')
    .innerJoin('dossiers as d', 'd.id', 'ls.dossier_id')
    .innerJoin('calls', 'calls.id', 'ls.call_id')
    .select(['calls.slug as call_slug', 'calls.title as call_title', 'ls.slug'])
    .where('ls.organisation_id', '=', organisationId)
    .where('d.status', '=', 'laureat')
    .where('calls.status', '<>', 'draft')
    .where(resultsPublished)
    .orderBy('calls.opens_at', 'desc')
    .execute();
}

/** For the directory's cards: the public laureate titles (call titles) of each of these organisations. */
export async function laureateCallsOf(
  db: DbOrTx,
  organisationIds: readonly string[],
): Promise<{ organisation_id: string; call_title: string }[]> {
  if (organisationIds.length === 0) return [];
  return db
    .selectFrom('laureate_stories as ls')
    .innerJoin('dossiers as d', 'd.id', 'ls.dossier_id')
    .innerJoin('calls', 'calls.id', 'ls.call_id')
    .select(['ls.organisation_id', 'calls.title as call_title'])
    .where('ls.organisation_id', 'in', [...organisationIds])
    .where('d.status', '=', 'laureat')
    .where('calls.status', '<>', 'draft')
    .where(resultsPublished)
    .orderBy('calls.opens_at', 'desc')
    .execute();
}

// --- Editing ------------------------------------------------------------------------------------

export interface StoryRow {
  dossier_id: string;
  call_id: string;
  call_slug: string;
  call_title: string;
  organisation_id: string;
  organisation_name: string;
  slug: string;
  summary: string;
  approved_at: Date | null;
  status: string;
}

function storiesQuery(db: DbOrTx) {
  return db
    .selectFrom('laureate_stories as ls')
    .innerJoin('dossiers as d', 'd.id', 'ls.dossier_id')
    .innerJoin('calls', 'calls.id', 'ls.call_id')
    .innerJoin('organisations as o', 'o.id', 'ls.organisation_id')
    .select([
      'ls.dossier_id',
      'ls.call_id',
      'calls.slug as call_slug',
      'calls.title as call_title',
      'ls.organisation_id',
      'o.name as organisation_name',
      'ls.slug',
      'ls.summary',
      'ls.approved_at',
      'd.status',
    ])
    .where('d.status', '=', 'laureat');
}

/** The story of a laureate dossier (locked for update inside a transaction when `lock`). */
export async function findStory(db: DbOrTx, dossierId: string, lock = false): Promise<StoryRow | undefined> {
  let q = storiesQuery(db).where('ls.dossier_id', '=', dossierId);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function listStoriesOfCall(db: DbOrTx, callId: string): Promise<StoryRow[]> {
  return storiesQuery(db).where('ls.call_id', '=', callId).orderBy('o.name').execute();
}

export function findCall(db: DbOrTx, callId: string) {
  return db.selectFrom('calls').select(['id', 'slug', 'title']).where('id', '=', callId).executeTakeFirst();
}

/** Changes a story's text; its approval is given (by a user), kept, or withdrawn. */
export async function updateStory(
  db: DbOrTx,
  dossierId: string,
  values: { summary: string; approval: { by: string } | 'keep' | 'clear'; updatedBy: string },
): Promise<void> {
  const approval =
    values.approval === 'keep'
      ? {}
      : values.approval === 'clear'
        ? { approved_at: null, approved_by: null }
        : { approved_at: sql<Date>`now()`, approved_by: values.approval.by };
  await db
    .updateTable('laureate_stories')
    .set({
      summary: values.summary,
      ...approval,
      updated_by: values.updatedBy,
      updated_at: sql<Date>`now()`,
    })
    .where('dossier_id', '=', dossierId)
    .execute();
}

/** Names of the régions (for the filter and its validation). */
export function listRegionNames(db: DbOrTx) {
  return db.selectFrom('geo_regions').select(['code', 'name']).orderBy('name').execute();
}

export function listDepartementNames(db: DbOrTx) {
  return db.selectFrom('geo_departements').select(['code', 'name', 'region_code']).execute();
}
