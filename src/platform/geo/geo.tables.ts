/**
 * The official geography (COG) tables as Kysely sees them (see migrations/0004_geo_reference.sql).
 * Reference data: written only by `seedGeography`, read by everyone.
 */
export interface GeoRegionsTable {
  /** INSEE code, two digits: '11' Île-de-France, '04' La Réunion. */
  code: string;
  name: string;
}

export interface GeoDepartementsTable {
  /** INSEE code: '01'…'95', '2A', '2B', '971'…'976'. */
  code: string;
  name: string;
  region_code: string;
}

export interface GeoCommunesTable {
  /** INSEE code (code officiel géographique), five characters: '75056' Paris, '2A004' Ajaccio. */
  code: string;
  name: string;
  departement_code: string;
  region_code: string;
  /** Municipal population (INSEE); unknown for a handful of communes. */
  population: number | null;
  /** La Poste postal codes; a commune may have several, a few have none. */
  postal_codes: string[];
}

export type GeoRegion = GeoRegionsTable;
export type GeoDepartement = GeoDepartementsTable;
export type GeoCommune = GeoCommunesTable;

declare module '../db/schema.js' {
  interface Tables {
    geo_regions: GeoRegionsTable;
    geo_departements: GeoDepartementsTable;
    geo_communes: GeoCommunesTable;
  }
}
