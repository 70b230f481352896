import type { DirectoryMessages } from './directory.fr.js';

const IDENTIFIER_NAMES = {
  siren: 'SIREN',
  siret: 'SIRET',
  rna: 'RNA number',
} as const;

/** The words of the directory pages, in English (same shape as the French reference). */
export const directoryEn: DirectoryMessages = {
  home: 'Home',
  title: 'Directory',
  heading: 'Directory of organisations',
  lead: 'Associations, foundations, cooperatives, mutuals, local authorities, social and committed companies: the actors of social innovation and those who joined the French Impact movement.',
  pageTitle: (q, page) => {
    const base = q ? `Search “${q}” — Directory` : 'Directory';
    return page > 1 ? `${base} (page ${page})` : base;
  },
  errorTitle: 'Invalid search — Directory',
  searchCrumb: (q) => `Search “${q}”`,
  search: {
    label: 'Search for an organisation',
    hint: 'Name, keyword, commune, SIREN or RNA',
    button: 'Search',
  },
  filters: {
    title: 'Filter the results',
    skipToResults: 'Skip to the results',
    legalForm: 'Legal form',
    domain: 'Impact domain',
    region: 'Region',
    departement: 'Department',
    departementHint: 'Choose a region first to tick its departments.',
    departementAdd: 'Add a department',
    departementAll: 'All departments',
    movement: 'French Impact movement',
    movementOnly: 'Members of the movement only',
    none: 'No value for these criteria.',
    submit: 'Filter',
    active: 'Active filters',
    clear: 'Clear all filters',
    words: (q) => `Search: ${q}`,
  },
  option: (label, formatted) => `${label} (${formatted})`,
  sort: {
    label: 'Sort by',
    relevance: 'Relevance',
    name: 'Name (A to Z)',
    submit: 'Sort',
  },
  results: {
    count: (formatted, count) =>
      count === 0 ? 'No organisation' : `${formatted} ${count === 1 ? 'organisation' : 'organisations'}`,
    title: 'Results',
    empty: 'No organisation matches these criteria. Try other words, or remove filters.',
    list: 'Organisations found',
    corrected: (to) => `Results for “${to}”`,
    searchOriginal: (from) => `Search for “${from}” instead`,
    identifier: (kind, value, count) =>
      count === 0
        ? `No organisation has the ${IDENTIFIER_NAMES[kind]} ${value}.`
        : `${count === 1 ? 'Organisation' : 'Organisations'} with the ${IDENTIFIER_NAMES[kind]} ${value}`,
    tooMany: (formatted) =>
      `Only the first ${formatted} results can be browsed: refine your search or add filters to see the others.`,
    pageMissing: (page, pages, formattedPages) =>
      pages === 0
        ? `Page ${page} does not exist: this search has no result.`
        : `Page ${page} does not exist: this search has ${formattedPages} ${pages === 1 ? 'page' : 'pages'}.`,
    lastPage: 'Go to the last page',
    firstPage: 'Back to the first page',
    pagination: 'Result pages',
  },
  card: {
    place: (commune, departement) =>
      commune ? (departement ? `${commune} (${departement})` : commune) : null,
    movement: 'Member of the French Impact movement',
  },
  map: {
    title: 'The organisations on the map',
    lead: 'Each territory leads to the directory filtered on that territory, with your search and your other filters.',
    byRegion: 'By region',
    byDepartement: 'By department',
    captionRegion: 'Organisations found by region',
    captionDepartement: 'Organisations found by department',
    level: 'Level of the map',
  },
  errors: {
    title: 'This search could not be run',
    lead: 'Some criteria of the address are not valid:',
    retry: 'See the directory without these criteria',
    tooLong: 'The search cannot be longer than 200 characters.',
    repeated: (param) => `The criterion “${param}” can only be given once.`,
    legalForm: (value) => `“${value}” is not a legal form of the directory.`,
    domain: (value) => `“${value}” is not an impact domain of the directory.`,
    region: (value) => `“${value}” is not a region code.`,
    departement: (value) => `“${value}” is not a department code.`,
    movement: 'The criterion “membres” only accepts the value 1.',
    exact: 'The criterion “exact” only accepts the value 1.',
    sort: 'The sort must be “pertinence” or “nom”.',
    map: 'The map must be “regions” or “departements”.',
    page: 'The page number must be a whole number, 1 or more.',
  },
  legalForms: {
    association: 'Association',
    fondation: 'Foundation',
    cooperative: 'Cooperative',
    mutuelle: 'Mutual',
    collectivite: 'Local authority',
    entreprise_sociale: 'Social enterprise (ESUS)',
    entreprise_engagee: 'Committed company',
  },
  domains: {
    transition_ecologique: 'Ecological transition',
    economie_inclusive: 'Inclusive economy',
    reussite_educative: 'Educational success',
    sante: 'Health',
    equite_territoriale: 'Territorial equity',
    liens_entre_generations: 'Links between generations',
    culture: 'Culture',
    alimentation: 'Food',
  },
};
