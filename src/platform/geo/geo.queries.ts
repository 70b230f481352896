import { sql } from 'kysely';
import type { DbOrTx } from '../db/schema.js';
import type { GeoCommune, GeoDepartement, GeoRegion } from './geo.tables.js';

/** A commune with the names of its département and région, as forms and profiles show it. */
export interface CommuneWithParents extends GeoCommune {
  departement_name: string;
  region_name: string;
}

/**
 * Names are sorted on their search key (no accents, lower case) in byte order: 'Île-de-France' sorts
 * with the I, and both engines give the same order whatever their collation.
 */
const byNameKey = sql`geo_name_key(name) COLLATE "C"`;

export function listRegions(db: DbOrTx): Promise<GeoRegion[]> {
  return db.selectFrom('geo_regions').select(['code', 'name']).orderBy(byNameKey).execute();
}

export function findRegion(db: DbOrTx, code: string): Promise<GeoRegion | undefined> {
  return db.selectFrom('geo_regions').select(['code', 'name']).where('code', '=', code).executeTakeFirst();
}

/** Every département, or those of one région; by code ('01'…'95', '2A', '2B', '971'…). */
export function listDepartements(db: DbOrTx, regionCode?: string): Promise<GeoDepartement[]> {
  let query = db.selectFrom('geo_departements').select(['code', 'name', 'region_code']);
  if (regionCode !== undefined) query = query.where('region_code', '=', regionCode);
  return query.orderBy('code').execute();
}

export function findDepartement(db: DbOrTx, code: string): Promise<GeoDepartement | undefined> {
  return db
    .selectFrom('geo_departements')
    .select(['code', 'name', 'region_code'])
    .where('code', '=', code)
    .executeTakeFirst();
}

function communesWithParents(db: DbOrTx) {
  return db
    .selectFrom('geo_communes as c')
    .innerJoin('geo_departements as d', 'd.code', 'c.departement_code')
    .innerJoin('geo_regions as r', 'r.code', 'c.region_code')
    .select([
      'c.code',
      'c.name',
      'c.departement_code',
      'c.region_code',
      'c.population',
      'c.postal_codes',
      'd.name as departement_name',
      'r.name as region_name',
    ]);
}

/** A current commune by its INSEE code ('75056'), with its département and région names. */
export function findCommune(db: DbOrTx, code: string): Promise<CommuneWithParents | undefined> {
  return communesWithParents(db).where('c.code', '=', code).executeTakeFirst();
}

export interface SearchCommunesOptions {
  /** At most this many results (default 10, at most 100). */
  limit?: number;
  /** Only the communes of this département. */
  departementCode?: string;
}

/** Common abbreviations typed in place names: 'st etienne', 'ste foy'. Only before a separator. */
const ABBREVIATIONS = /(^|[^\p{L}\p{N}])(st|ste)(?=[^\p{L}\p{N}])/giu;

/**
 * Communes whose name starts with `query`, ignoring accents, case, hyphens and apostrophes:
 * 'saint etienne', 'St-Étienne' and 'SAINT-ETIENNE' all find Saint-Étienne. The exact name comes first,
 * then the most populous. An empty query (no letter or digit) finds nothing.
 */
export async function searchCommunes(
  db: DbOrTx,
  query: string,
  options: SearchCommunesOptions = {},
): Promise<CommuneWithParents[]> {
  if (!/[\p{L}\p{N}]/u.test(query)) return [];
  const expanded = query.replace(ABBREVIATIONS, (_m, before: string, word: string) =>
    word.toLowerCase() === 'st' ? `${before}saint` : `${before}sainte`,
  );
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 10), 1), 100);
  // The key holds only [a-z0-9 ], so it never contains a LIKE wildcard.
  const key = sql<string>`geo_name_key(${expanded})`;
  let select = communesWithParents(db).where(sql<boolean>`geo_name_key(c.name) LIKE ${key} || '%'`);
  if (options.departementCode !== undefined) {
    select = select.where('c.departement_code', '=', options.departementCode);
  }
  return select
    .orderBy(sql`geo_name_key(c.name) = ${key}`, 'desc')
    .orderBy('c.population', (ob) => ob.desc().nullsLast())
    .orderBy('c.code')
    .limit(limit)
    .execute();
}

export interface GeographyCounts {
  regions: number;
  departements: number;
  communes: number;
}

export async function countGeography(db: DbOrTx): Promise<GeographyCounts> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('geo_regions').select(eb.fn.countAll<string>().as('n')).as('regions'),
      eb.selectFrom('geo_departements').select(eb.fn.countAll<string>().as('n')).as('departements'),
      eb.selectFrom('geo_communes').select(eb.fn.countAll<string>().as('n')).as('communes'),
    ])
    .executeTakeFirstOrThrow();
  return {
    regions: Number(row.regions),
    departements: Number(row.departements),
    communes: Number(row.communes),
  };
}

/** Communes served by a postal code (several communes often share one). */
export function communesByPostalCode(db: DbOrTx, postalCode: string): Promise<CommuneWithParents[]> {
  return communesWithParents(db)
    .where(sql<boolean>`${postalCode} = ANY (c.postal_codes)`)
    .orderBy('c.population', (ob) => ob.desc().nullsLast())
    .orderBy('c.code')
    .limit(50)
    .execute();
}

/** Communes whose name has exactly this search key (Saint-Denis: several). */
export function communesByExactName(db: DbOrTx, name: string): Promise<CommuneWithParents[]> {
  return communesWithParents(db)
    .where(sql<boolean>`geo_name_key(c.name) = geo_name_key(${name})`)
    .orderBy('c.population', (ob) => ob.desc().nullsLast())
    .orderBy('c.code')
    .limit(50)
    .execute();
}
