/** The organisations module's public API: the only file other modules (and src/demo) import. */
export { type BulkOrganisation, type BulkReport, upsertOrganisations } from './organisations.bulk.js';
export { organisationMembersRoutes } from './organisations.members.routes.js';
export {
  type CurrentOrganisation,
  currentOrganisationOf,
} from './organisations.members.service.js';
export {
  type ProfileSection,
  type ProfileSectionContext,
  registerProfileSection,
} from './organisations.profile.js';
export { type OrganisationsRoutesOptions, organisationsRoutes } from './organisations.routes.js';
export type {
  ImpactDomain,
  LegalForm,
  MemberRole,
  OrganisationSource,
} from './organisations.tables.js';
export {
  CATEGORIES_JURIDIQUES,
  type CategorieJuridique,
  categorieFitsForm,
  IMPACT_DOMAIN_LABELS,
  IMPACT_DOMAINS,
  LEGAL_FORM_LABELS,
  LEGAL_FORMS,
  SIZE_BAND_CODES,
  SIZE_BANDS,
  type SizeBand,
} from './organisations.vocabulary.js';
export { MovementBanner } from './views/MovementBanner.js';
