import type { BulkOrganisation } from '../organisations/index.js';

/** How many « Théâtre numéro NN » (culture), one in two in Paris, the others in Marseille. */
export const DIRECTORY_FIXTURE_CULTURE = 23;

/**
 * A small directory for tests of the pages (route tests and the browser journey): Wimoov (SIREN
 * 775672272, Lyon), a cooperative in Rennes, a foundation in Paris, and the theatres.
 */
export const DIRECTORY_FIXTURE: BulkOrganisation[] = [
  {
    source_key: 'wimoov',
    name: 'Wimoov',
    legal_form: 'association',
    siren: '775672272',
    commune_code: '69123',
    domains: ['economie_inclusive'],
    description: 'Plateformes de mobilité solidaire pour l’accès à l’emploi des personnes fragiles.',
  },
  {
    source_key: 'velos',
    name: 'Coopérative des vélos bretons',
    legal_form: 'cooperative',
    commune_code: '35238',
    domains: ['transition_ecologique'],
    description: 'Ateliers de réparation de bicyclettes et apprentissage de la mécanique.',
  },
  {
    source_key: 'sante',
    name: 'Fondation Santé pour tous',
    legal_form: 'fondation',
    commune_code: '75056',
    domains: ['sante'],
    description: 'Centres de santé de quartier ouverts à tous.',
  },
  ...Array.from(
    { length: DIRECTORY_FIXTURE_CULTURE },
    (_, i): BulkOrganisation => ({
      source_key: `culture-${i}`,
      name: `Théâtre numéro ${String(i + 1).padStart(2, '0')}`,
      legal_form: 'association',
      commune_code: i % 2 === 0 ? '75056' : '13055',
      domains: ['culture'],
      description: 'Une compagnie de théâtre de quartier.',
    }),
  ),
];
