export {
  type GeneratedOrganisation,
  type GenerateOrganisationsOptions,
  type GeneratorCommune,
  generateOrganisations,
  LATEST_FOUNDING_YEAR,
  MAX_GENERATED_ORGANISATIONS,
} from './organisations.js';
export {
  CATEGORIES_JURIDIQUES,
  type CategorieJuridique,
  IMPACT_DOMAIN_LABELS,
  IMPACT_DOMAINS,
  type ImpactDomain,
  LEGAL_FORM_LABELS,
  LEGAL_FORMS,
  type LegalForm,
  SIZE_BANDS,
  type SizeBand,
} from './vocabulary.js';
