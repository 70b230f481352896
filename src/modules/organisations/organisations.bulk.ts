import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/index.js';
import type { ImpactDomain, LegalForm, OrganisationSource } from './organisations.tables.js';

/**
 * One organisation from an outside source (open-data import, demo generator), already validated. The
 * commune's name, département and région are derived here from `commune_code` (a code unknown to the COG
 * leaves them null, and the commune too).
 */
export interface BulkOrganisation {
  source_key: string;
  name: string;
  legal_form: LegalForm;
  categorie_juridique?: string | null;
  siren?: string | null;
  siret?: string | null;
  rna?: string | null;
  naf_code?: string | null;
  address?: string | null;
  postal_code?: string | null;
  commune_code?: string | null;
  domains?: ImpactDomain[];
  description?: string;
  website?: string | null;
  size_band?: string | null;
  founded_year?: number | null;
  /** Closed in the source (SIRENE 'C', RNA dissolved): kept, but out of the directory. */
  closed?: boolean;
}

export interface BulkReport {
  inserted: number;
  updated: number;
  /** Rows identical to what was stored: not rewritten (a re-run writes nothing). */
  unchanged: number;
}

/**
 * Inserts or updates `rows` of one `source`, keyed by (source, source_key): re-running with the same
 * rows never duplicates and rewrites nothing that did not change. One statement per call (send a few
 * thousand rows at a time); rows changed get a new `change_seq`, so the directory picks them up.
 * Fields a member edited on the platform are not protected here: imports only touch rows of their own
 * source (a platform profile is never a `sirene` or `rna` row).
 */
export async function upsertOrganisations(
  db: DbOrTx,
  source: Exclude<OrganisationSource, 'platform'>,
  rows: readonly BulkOrganisation[],
): Promise<BulkReport> {
  if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const payload = rows.map((r) => ({
    source_key: r.source_key,
    name: r.name,
    legal_form: r.legal_form,
    categorie_juridique: r.categorie_juridique ?? null,
    siren: r.siren ?? null,
    siret: r.siret ?? null,
    rna: r.rna ?? null,
    naf_code: r.naf_code ?? null,
    address: r.address ?? null,
    postal_code: r.postal_code ?? null,
    commune_code: r.commune_code ?? null,
    domains: r.domains ?? [],
    description: r.description ?? '',
    website: r.website ?? null,
    size_band: r.size_band ?? null,
    founded_year: r.founded_year ?? null,
    closed: r.closed ?? false,
  }));
  const { rows: result } = await sql<{ inserted: boolean }>`
    INSERT INTO organisations AS o (
      source, source_key, name, legal_form, categorie_juridique, siren, siret, rna, naf_code, address,
      postal_code, commune_code, commune_name, departement_code, region_code, domains, description, website,
      size_band, founded_year, closed_at)
    SELECT ${source}, r.source_key, r.name, r.legal_form, r.categorie_juridique, r.siren, r.siret, r.rna,
      r.naf_code, r.address, r.postal_code, c.code, c.name, c.departement_code, c.region_code, r.domains,
      r.description, r.website, r.size_band, r.founded_year, CASE WHEN r.closed THEN now() END
    FROM jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) AS r(
      source_key text, name text, legal_form text, categorie_juridique text, siren text, siret text, rna text,
      naf_code text, address text, postal_code text, commune_code text, domains text[], description text,
      website text, size_band text, founded_year smallint, closed boolean)
    LEFT JOIN geo_communes c ON c.code = r.commune_code
    ON CONFLICT (source, source_key) WHERE source_key IS NOT NULL DO UPDATE SET
      name = excluded.name, legal_form = excluded.legal_form,
      categorie_juridique = excluded.categorie_juridique, siren = excluded.siren, siret = excluded.siret,
      rna = excluded.rna, naf_code = excluded.naf_code, address = excluded.address,
      postal_code = excluded.postal_code, commune_code = excluded.commune_code,
      commune_name = excluded.commune_name, departement_code = excluded.departement_code,
      region_code = excluded.region_code, domains = excluded.domains, description = excluded.description,
      website = excluded.website, size_band = excluded.size_band, founded_year = excluded.founded_year,
      closed_at = CASE WHEN excluded.closed_at IS NULL THEN NULL ELSE coalesce(o.closed_at, excluded.closed_at) END,
      updated_at = now(), change_seq = nextval('organisations_change_seq')
    WHERE (o.name, o.legal_form, o.categorie_juridique, o.siren, o.siret, o.rna, o.naf_code, o.address,
           o.postal_code, o.commune_code, o.domains, o.description, o.website, o.size_band, o.founded_year,
           o.closed_at IS NULL)
      IS DISTINCT FROM
          (excluded.name, excluded.legal_form, excluded.categorie_juridique, excluded.siren, excluded.siret,
           excluded.rna, excluded.naf_code, excluded.address, excluded.postal_code, excluded.commune_code,
           excluded.domains, excluded.description, excluded.website, excluded.size_band,
           excluded.founded_year, excluded.closed_at IS NULL)
    RETURNING (xmax = 0) AS inserted`.execute(db);
  const inserted = result.filter((r) => r.inserted).length;
  return { inserted, updated: result.length - inserted, unchanged: rows.length - result.length };
}
