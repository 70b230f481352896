import { sql } from 'kysely';
import type { Db, DbOrTx } from '../db/schema.js';
import { cogDataVersion, readCogReference } from './geo.data.js';
import { countGeography } from './geo.queries.js';
import type { GeoCommune, GeoDepartement, GeoRegion } from './geo.tables.js';

export interface SeedGeographyReport {
  /** Rows of each table after the seed. */
  regions: number;
  departements: number;
  communes: number;
  /** Rows inserted or updated by this run (0 when the reference was already up to date). */
  changed: number;
  /** Version of @etalab/decoupage-administratif whose data was loaded. */
  dataVersion: string;
  durationMs: number;
}

/** Rows sent per statement, as one JSON parameter (measured: larger batches gain nothing on PGlite). */
const BATCH_SIZE = 5_000;
/** Any fixed number, distinct from the migrations' lock. */
const SEED_LOCK_KEY = 7_102_020;

/**
 * Loads (or refreshes) régions, départements and current communes from the official geography, in one
 * transaction. Idempotent: rows are upserted by code, and a row that did not change is not rewritten,
 * so a second run writes nothing. Communes that left the COG are kept (organisations may point at them).
 */
export async function seedGeography(db: Db): Promise<SeedGeographyReport> {
  const started = performance.now();
  const reference = readCogReference();
  const changed = await db.transaction().execute(async (trx) => {
    // Instances started together on one PostgreSQL database seed one after the other.
    await sql`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`.execute(trx);
    let n = await upsertRegions(trx, reference.regions);
    n += await upsertDepartements(trx, reference.departements);
    // First load: building the secondary indexes once afterwards is faster than updating them row by row
    // (measured on PGlite: about a third less time, mostly the trigram index).
    const first =
      (await trx.selectFrom('geo_communes').select('code').limit(1).executeTakeFirst()) === undefined;
    const deferred = first ? await dropSecondaryIndexes(trx, 'geo_communes') : [];
    for (let i = 0; i < reference.communes.length; i += BATCH_SIZE) {
      n += await upsertCommunes(trx, reference.communes.slice(i, i + BATCH_SIZE));
    }
    for (const definition of deferred) await sql.raw(definition).execute(trx);
    return n;
  });
  const counts = await countGeography(db);
  return {
    ...counts,
    changed,
    dataVersion: cogDataVersion(),
    durationMs: Math.round(performance.now() - started),
  };
}

/**
 * Drops the indexes of `table` that back no constraint and returns their definitions, to run again once
 * the rows are in (the same transaction: nobody sees the table without them).
 */
async function dropSecondaryIndexes(db: DbOrTx, table: string): Promise<string[]> {
  const { rows } = await sql<{ name: string; definition: string }>`
    SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
    WHERE x.indrelid = ${table}::regclass AND NOT x.indisunique AND NOT x.indisprimary
    ORDER BY i.relname`.execute(db);
  for (const { name } of rows) await sql`DROP INDEX ${sql.id(name)}`.execute(db);
  return rows.map((r) => r.definition);
}

async function upsertRegions(db: DbOrTx, rows: GeoRegion[]): Promise<number> {
  const result = await sql`
    INSERT INTO geo_regions (code, name)
    SELECT code, name FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(code text, name text)
    ON CONFLICT (code) DO UPDATE SET name = excluded.name
    WHERE geo_regions.name IS DISTINCT FROM excluded.name`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

async function upsertDepartements(db: DbOrTx, rows: GeoDepartement[]): Promise<number> {
  const result = await sql`
    INSERT INTO geo_departements (code, name, region_code)
    SELECT code, name, region_code
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(code text, name text, region_code text)
    ON CONFLICT (code) DO UPDATE SET name = excluded.name, region_code = excluded.region_code
    WHERE (geo_departements.name, geo_departements.region_code)
      IS DISTINCT FROM (excluded.name, excluded.region_code)`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

async function upsertCommunes(db: DbOrTx, rows: GeoCommune[]): Promise<number> {
  const result = await sql`
    INSERT INTO geo_communes (code, name, departement_code, region_code, population, postal_codes)
    SELECT code, name, departement_code, region_code, population, postal_codes
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
      code text, name text, departement_code text, region_code text, population integer, postal_codes text[])
    ON CONFLICT (code) DO UPDATE SET
      name = excluded.name,
      departement_code = excluded.departement_code,
      region_code = excluded.region_code,
      population = excluded.population,
      postal_codes = excluded.postal_codes
    WHERE (geo_communes.name, geo_communes.departement_code, geo_communes.region_code,
           geo_communes.population, geo_communes.postal_codes)
      IS DISTINCT FROM (excluded.name, excluded.departement_code, excluded.region_code,
                        excluded.population, excluded.postal_codes)`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
