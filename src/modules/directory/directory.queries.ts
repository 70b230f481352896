import { type RawBuilder, sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/index.js';
import type { ImpactDomain, LegalForm } from '../organisations/organisations.tables.js';
import { INDEX_DOMAINS, type IndexRow } from './directory.index.js';
import type { DirectoryHit, DirectoryQuery, FacetCount } from './directory.types.js';

/** The directory's SQL: what the index reads, the page's display fields, and the SQL-only search. */

export type IdentifierKind = 'siren' | 'siret' | 'rna';

/** The query's lexemes (space-separated) as the database stems them, and its name key. */
export async function analyseText(db: DbOrTx, q: string): Promise<{ lexemes: string[]; nameKey: string }> {
  const { rows } = await sql<{ lexemes: string; key: string | null }>`
    SELECT array_to_string(tsvector_to_array(to_tsvector('fr_unaccent', ${q}::text)), ' ') AS lexemes,
      geo_name_key(${q}::text) AS key`.execute(db);
  const lexemes = rows[0]?.lexemes ?? '';
  return {
    lexemes: lexemes === '' ? [] : lexemes.split(' '),
    nameKey: rows[0]?.key ?? '',
  };
}

const DOMAIN_MASK = sql.raw(
  INDEX_DOMAINS.map((d, i) => `((('${d}' = ANY(domains))::int) << ${i})`).join(' | '),
);

/** What the index keeps of a row (see IndexRow). */
const INDEX_COLUMNS = sql`id, change_seq::float8 AS seq, legal_form, region_code, departement_code,
  (${DOMAIN_MASK}) AS domains, movement_joined_at IS NOT NULL AS movement, closed_at IS NOT NULL AS closed,
  name_key,
  array_to_string(tsvector_to_array(search_vector), ' ') AS lexemes,
  array_to_string(tsvector_to_array(ts_filter(search_vector, '{a}')), ' ') AS name_lexemes,
  array_to_string(tsvector_to_array(ts_filter(search_vector, '{b}')), ' ') AS commune_lexemes`;

/** Highest change_seq so far (0 on an empty table). */
export async function maxChangeSeq(db: DbOrTx): Promise<number> {
  const { rows } = await sql<{ seq: number }>`
    SELECT coalesce(max(change_seq), 0)::float8 AS seq FROM organisations`.execute(db);
  return rows[0]?.seq ?? 0;
}

/**
 * One batch of open organisations in name order (name_key, id), after `after`: the initial load walks
 * the index organisations_name_key_idx, so that document numbers follow the name order.
 */
export async function readIndexBatch(
  db: DbOrTx,
  after: { nameKey: string; id: string } | null,
  limit: number,
): Promise<IndexRow[]> {
  const where = after
    ? sql`WHERE (name_key COLLATE "C", id) > (${after.nameKey}::text COLLATE "C", ${after.id}::uuid)
        AND closed_at IS NULL`
    : sql`WHERE closed_at IS NULL`;
  const { rows } = await sql<IndexRow>`
    SELECT ${INDEX_COLUMNS} FROM organisations ${where}
    ORDER BY name_key COLLATE "C", id LIMIT ${limit}`.execute(db);
  return rows;
}

/** (id, change_seq) of the rows changed after `afterSeq`, oldest change first. */
export async function readChangesSince(
  db: DbOrTx,
  afterSeq: number,
  limit: number,
): Promise<{ id: string; seq: number }[]> {
  const { rows } = await sql<{ id: string; seq: number }>`
    SELECT id, change_seq::float8 AS seq FROM organisations
    WHERE change_seq > ${afterSeq}::bigint ORDER BY change_seq LIMIT ${limit}`.execute(db);
  return rows;
}

/** The index's view of these organisations (closed ones included: they leave the index). */
export async function readIndexRows(db: DbOrTx, ids: readonly string[]): Promise<IndexRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<IndexRow>`
    SELECT ${INDEX_COLUMNS} FROM organisations WHERE id = ANY(${ids}::uuid[])
    ORDER BY change_seq`.execute(db);
  return rows;
}

/** A SIREN (9 digits), SIRET (14 digits) or RNA number (W + 9), spaces and dots allowed; else null. */
export function parseIdentifier(q: string): { kind: IdentifierKind; value: string } | null {
  const compact = q.replace(/[\s.\u00a0\u202f]/g, '').toUpperCase();
  if (/^[0-9]{9}$/.test(compact)) return { kind: 'siren', value: compact };
  if (/^[0-9]{14}$/.test(compact)) return { kind: 'siret', value: compact };
  if (/^W[0-9][0-9AB][0-9]{7}$/.test(compact)) return { kind: 'rna', value: compact };
  return null;
}

/** Open organisations carrying this identifier. */
export async function findByIdentifier(
  db: DbOrTx,
  identifier: { kind: IdentifierKind; value: string },
): Promise<string[]> {
  const column = sql.ref(identifier.kind);
  const { rows } = await sql<{ id: string }>`
    SELECT id FROM organisations WHERE ${column} = ${identifier.value} AND closed_at IS NULL`.execute(db);
  return rows.map((r) => r.id);
}

/** The description cut to about 240 characters on a word boundary. */
export function excerpt(description: string, length = 240): string {
  const text = description.replace(/\s+/g, ' ').trim();
  if (text.length <= length) return text;
  const cut = text.slice(0, length + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > length / 2 ? cut.slice(0, space) : text.slice(0, length)).replace(/[\s,;:.]+$/, '')}…`;
}

/** Display fields of the page's organisations, in the order of `ids` (ids no longer found are left out). */
export async function readHits(db: DbOrTx, ids: readonly string[]): Promise<DirectoryHit[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<{
    id: string;
    name: string;
    legal_form: LegalForm;
    siren: string | null;
    rna: string | null;
    commune_name: string | null;
    departement_code: string | null;
    region_code: string | null;
    domains: ImpactDomain[];
    description: string;
    movement: boolean;
    has_logo: boolean;
  }>`
    SELECT o.id, o.name, o.legal_form, o.siren, o.rna, o.commune_name, o.departement_code, o.region_code,
      o.domains, left(o.description, 400) AS description, o.movement_joined_at IS NOT NULL AS movement,
      EXISTS (SELECT 1 FROM organisation_logos l WHERE l.organisation_id = o.id) AS has_logo
    FROM organisations o WHERE o.id = ANY(${ids}::uuid[])`.execute(db);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const hits: DirectoryHit[] = [];
  for (const id of ids) {
    const r = byId.get(id);
    if (!r) continue;
    hits.push({
      id: r.id,
      name: r.name,
      legal_form: r.legal_form,
      siren: r.siren,
      rna: r.rna,
      commune_name: r.commune_name,
      departement_code: r.departement_code,
      region_code: r.region_code,
      domains: r.domains,
      excerpt: excerpt(r.description),
      movementMember: r.movement,
      hasLogo: r.has_logo,
    });
  }
  return hits;
}

/** The name key closest to `key` among open organisations (pg_trgm word similarity), or null. */
export async function closestNameKey(db: DbOrTx, key: string): Promise<string | null> {
  const { rows } = await sql<{ name_key: string }>`
    SELECT name_key FROM organisations WHERE closed_at IS NULL AND ${key}::text <% name_key
    ORDER BY word_similarity(${key}::text, name_key) DESC, name_key COLLATE "C" LIMIT 1`.execute(db);
  return rows[0]?.name_key ?? null;
}

// ---------------------------------------------------------------------------------------------------
// The SQL-only search: the benchmark's naive baseline, and the fallback while the index loads.

type Facet = 'legal_form' | 'domain' | 'region' | 'departement' | 'movement';

export interface SqlSearch {
  query: DirectoryQuery;
  /** Lexemes of the words (none: every organisation). */
  lexemes: readonly string[];
  identifier: { kind: IdentifierKind; value: string } | null;
  /** Names close to this name key (pg_trgm word similarity) instead of the words: typo tolerance. */
  closeToName?: string;
  offset: number;
  limit: number;
}

export interface SqlSearchResult {
  total: number;
  ids: string[];
  facets: Record<Exclude<Facet, 'movement'>, FacetCount[]> & {
    movement: number;
  };
}

/**
 * GIN index + ts_rank over every match, facet counts by count(*) … GROUP BY: each facet counted under
 * every filter but its own.
 */
export async function searchSql(db: DbOrTx, search: SqlSearch): Promise<SqlSearchResult> {
  const { query, identifier, lexemes } = search;
  // The same AND of lexemes as the index (each lexeme quoted: no tsquery syntax from the visitor).
  const tsquery =
    lexemes.length > 0
      ? sql`${lexemes.map((l) => `'${l.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`).join(' & ')}::tsquery`
      : null;
  const base: RawBuilder<unknown>[] = [sql`closed_at IS NULL`];
  const close = search.closeToName;
  if (identifier) base.push(sql`${sql.ref(identifier.kind)} = ${identifier.value}`);
  else if (close !== undefined) base.push(sql`${close}::text <% name_key`);
  else if (tsquery) base.push(sql`search_vector @@ ${tsquery}`);
  const filters: Record<Facet, RawBuilder<unknown> | null> = {
    legal_form: query.legalForms.length > 0 ? sql`legal_form = ANY(${[...query.legalForms]}::text[])` : null,
    domain: query.domains.length > 0 ? sql`domains && ${[...query.domains]}::text[]` : null,
    region: query.regions.length > 0 ? sql`region_code = ANY(${[...query.regions]}::text[])` : null,
    departement:
      query.departements.length > 0 ? sql`departement_code = ANY(${[...query.departements]}::text[])` : null,
    movement: query.movementOnly ? sql`movement_joined_at IS NOT NULL` : null,
  };
  const where = (except: Facet | null) => {
    const parts = [...base];
    for (const [facet, filter] of Object.entries(filters) as [Facet, RawBuilder<unknown> | null][]) {
      if (filter && facet !== except) parts.push(filter);
    }
    return sql.join(parts, sql` AND `);
  };
  const counts = async (column: RawBuilder<unknown>, facet: Facet, from = sql``) => {
    const { rows } = await sql<{ value: string; count: number }>`
      SELECT ${column} AS value, count(*)::int AS count FROM organisations ${from}
      WHERE ${where(facet)} AND ${column} IS NOT NULL GROUP BY 1`.execute(db);
    return rows.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  };
  const byName = query.sort === 'name' || (!tsquery && !identifier) || identifier !== null;
  const order = byName
    ? sql`name_key COLLATE "C", id`
    : close !== undefined
      ? sql`word_similarity(${close}::text, name_key) DESC, name_key COLLATE "C", id`
      : sql`ts_rank(search_vector, ${tsquery}) DESC, name_key COLLATE "C", id`;
  const [total, page, legal_form, domain, region, departement, movement] = await Promise.all([
    sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM organisations WHERE ${where(null)}`.execute(db),
    sql<{ id: string }>`SELECT id FROM organisations WHERE ${where(null)}
      ORDER BY ${order} LIMIT ${search.limit} OFFSET ${search.offset}`.execute(db),
    counts(sql`legal_form`, 'legal_form'),
    counts(sql`d`, 'domain', sql`CROSS JOIN LATERAL unnest(domains) AS d`),
    counts(sql`region_code`, 'region'),
    counts(sql`departement_code`, 'departement'),
    sql<{ n: number }>`SELECT count(*)::int AS n FROM organisations
      WHERE ${where('movement')} AND movement_joined_at IS NOT NULL`.execute(db),
  ]);
  return {
    total: total.rows[0]?.n ?? 0,
    ids: page.rows.map((r) => r.id),
    facets: {
      legal_form,
      domain,
      region,
      departement,
      movement: movement.rows[0]?.n ?? 0,
    },
  };
}
