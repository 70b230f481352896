/** The organisations module's public API: the only file other modules (and src/demo) import. */
export { type BulkOrganisation, type BulkReport, upsertOrganisations } from './organisations.bulk.js';
export { organisationMembersRoutes } from './organisations.members.routes.js';
export type {
  ImpactDomain,
  LegalForm,
  MemberRole,
  OrganisationSource,
} from './organisations.tables.js';
export { MovementBanner } from './views/MovementBanner.js';
