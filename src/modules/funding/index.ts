/** The funding module's public API: the only file other modules (and src/demo) import. */
export { type FundingPartner, findPartnerBySlug, listPartners } from './funding.queries.js';
export { SEED_PARTNERS, type SeedFundingPartnersReport, seedFundingPartners } from './funding.seed.js';
export type { PartnerKind } from './funding.tables.js';
