import type { Db } from '../../platform/db/schema.js';
import { countPartners, insertMissingPartners, type NewFundingPartner } from './funding.queries.js';

/**
 * The partners named at the launch of French Impact (18 January 2018) for the national seed fund,
 * plus the State. Facts only: full name, public or private, official website, one sentence.
 */
export const SEED_PARTNERS: readonly NewFundingPartner[] = [
  {
    slug: 'caisse-des-depots',
    name: 'Caisse des dépôts et consignations',
    short_name: 'Caisse des Dépôts',
    kind: 'public',
    website: 'https://www.caissedesdepots.fr',
    description:
      "Institution financière publique créée en 1816, la Caisse des Dépôts et ses filiales servent l'intérêt général et le développement économique des territoires.",
  },
  {
    slug: 'bpifrance',
    name: 'Bpifrance',
    short_name: 'Bpifrance',
    kind: 'public',
    website: 'https://www.bpifrance.fr',
    description:
      "Banque publique d'investissement détenue par l'État et la Caisse des Dépôts, Bpifrance finance les entreprises en prêt, en garantie et en fonds propres et les accompagne dans leur développement.",
  },
  {
    slug: 'credit-cooperatif',
    name: 'Crédit Coopératif',
    short_name: 'Crédit Coopératif',
    kind: 'private',
    website: 'https://www.credit-cooperatif.coop',
    description:
      "Banque coopérative du groupe BPCE, le Crédit Coopératif finance les associations, coopératives, mutuelles et entreprises de l'économie sociale et solidaire.",
  },
  {
    slug: 'bnp-paribas',
    name: 'BNP Paribas',
    short_name: 'BNP Paribas',
    kind: 'private',
    website: 'https://group.bnpparibas',
    description:
      'Groupe bancaire international dont le siège est à Paris, BNP Paribas finance et accompagne des entreprises sociales en France.',
  },
  {
    slug: 'france-active',
    name: 'France Active',
    short_name: 'France Active',
    kind: 'private',
    website: 'https://www.franceactive.org',
    description:
      'Réseau associatif créé en 1988, France Active accompagne et finance les entrepreneurs engagés par des garanties bancaires, des prêts solidaires et des investissements en fonds propres.',
  },
  {
    slug: 'etat',
    name: 'État',
    short_name: 'État',
    kind: 'public',
    website: 'https://www.info.gouv.fr',
    description:
      "L'État soutient l'économie sociale et solidaire et l'innovation sociale par ses crédits budgétaires, ses ministères et ses services déconcentrés en région.",
  },
];

export interface SeedFundingPartnersReport {
  /** Partners inserted by this run (0 when they were all there). */
  inserted: number;
  /** Partners in the table after the run. */
  total: number;
  durationMs: number;
}

/** Inserts the partners of the seed that are missing; never overwrites a partner already there. */
export async function seedFundingPartners(db: Db): Promise<SeedFundingPartnersReport> {
  const started = performance.now();
  const inserted = await insertMissingPartners(db, SEED_PARTNERS);
  const total = await countPartners(db);
  return { inserted, total, durationMs: Math.round(performance.now() - started) };
}
