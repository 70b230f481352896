import type { ImpactDomain, LegalForm } from '../organisations/organisations.tables.js';

/**
 * The contract between the directory's search engine (directory.service.ts) and its pages
 * (directory.routes.tsx): what is asked, what comes back.
 */

export const DIRECTORY_SORTS = ['relevance', 'name'] as const;
export type DirectorySort = (typeof DIRECTORY_SORTS)[number];

/** Results per page, and the deepest result a visitor can page to (refine the search beyond it). */
export const DIRECTORY_PER_PAGE = 20;
export const DIRECTORY_MAX_RESULTS = 10_000;

export interface DirectoryQuery {
  /** Free text as typed ('' lists everything): words, a name, a commune, a SIREN, a SIRET or an RNA number. */
  q: string;
  /** Within a facet, values are alternatives (OR); facets combine with AND. Empty: no filter. */
  legalForms: readonly LegalForm[];
  domains: readonly ImpactDomain[];
  regions: readonly string[];
  departements: readonly string[];
  /** true: members of the movement only. */
  movementOnly: boolean;
  /** Without words, 'relevance' reads as 'name'. */
  sort: DirectorySort;
  /** 1-based. */
  page: number;
  /** true: the words as typed, never read as a close name word (the « search instead for » link). */
  exact?: boolean;
}

export interface DirectoryHit {
  id: string;
  name: string;
  legal_form: LegalForm;
  siren: string | null;
  rna: string | null;
  commune_name: string | null;
  departement_code: string | null;
  region_code: string | null;
  domains: ImpactDomain[];
  /** The description, cut to about 240 characters on a word boundary. */
  excerpt: string;
  /** Member of the French Impact movement (shows the banner). */
  movementMember: boolean;
  hasLogo: boolean;
}

export interface FacetCount {
  value: string;
  count: number;
}

/**
 * Facet counts are "disjunctive": each facet is counted over the results filtered by the words and by
 * every other facet, but not by itself, so that its other values stay visible with their counts. A
 * value with no result is left out. `movement` counts the members of the movement under all filters
 * except movementOnly.
 */
export interface DirectoryFacets {
  legal_form: FacetCount[];
  domain: FacetCount[];
  region: FacetCount[];
  departement: FacetCount[];
  movement: number;
}

export interface DirectoryResult {
  /** Exact number of organisations matching the query and every filter. */
  total: number;
  hits: DirectoryHit[];
  facets: DirectoryFacets;
  page: number;
  /** Pages a visitor can reach (results beyond DIRECTORY_MAX_RESULTS are not paged). */
  pageCount: number;
  /** Query words that matched nothing and were read as a close name word ('wimov' → 'wimoov'). */
  corrections: { from: string; to: string }[];
  /** The query was a SIREN, SIRET or RNA number: hits are the organisations carrying it. */
  identifier: 'siren' | 'siret' | 'rna' | null;
}
