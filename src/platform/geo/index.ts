export { type CogReference, cogDataVersion, readCogCommunes, readCogReference } from './geo.data.js';
export {
  type CommuneWithParents,
  communesByExactName,
  communesByPostalCode,
  countGeography,
  findCommune,
  findDepartement,
  findRegion,
  type GeographyCounts,
  listDepartements,
  listRegions,
  type SearchCommunesOptions,
  searchCommunes,
} from './geo.queries.js';
export { type SeedGeographyReport, seedGeography } from './geo.seed.js';
export type { GeoCommune, GeoDepartement, GeoRegion } from './geo.tables.js';
