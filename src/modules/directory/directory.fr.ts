import type { ImpactDomain, LegalForm } from '../organisations/index.js';

/** « 1 234 organisations », « 1 organisation », « Aucune organisation ». */
function organisations(formatted: string, count: number): string {
  if (count === 0) return 'Aucune organisation';
  return `${formatted} ${count > 1 ? 'organisations' : 'organisation'}`;
}

const IDENTIFIER_NAMES = {
  siren: 'le SIREN',
  siret: 'le SIRET',
  rna: 'le numéro RNA',
} as const;

/** The words of the directory pages (`/annuaire`), in French (the reference). */
export const directoryFr = {
  home: 'Accueil',
  title: 'Annuaire',
  heading: 'Annuaire des organisations',
  lead: 'Associations, fondations, coopératives, mutuelles, collectivités, entreprises sociales et engagées : les acteurs de l’innovation sociale et ceux qui ont rejoint le mouvement French Impact.',
  /** Title of the page (the layout adds « — French Impact »). */
  pageTitle: (q: string, page: number) => {
    const base = q ? `Recherche « ${q} » — Annuaire` : 'Annuaire';
    return page > 1 ? `${base} (page ${page})` : base;
  },
  errorTitle: 'Recherche invalide — Annuaire',
  searchCrumb: (q: string) => `Recherche « ${q} »`,
  search: {
    label: 'Rechercher une organisation',
    hint: 'Nom, mot-clé, commune, SIREN ou RNA',
    button: 'Rechercher',
  },
  filters: {
    title: 'Filtrer les résultats',
    skipToResults: 'Aller aux résultats',
    legalForm: 'Forme juridique',
    domain: 'Domaine d’impact',
    region: 'Région',
    departement: 'Département',
    departementHint: 'Choisissez d’abord une région pour cocher ses départements.',
    departementAdd: 'Ajouter un département',
    departementAll: 'Tous les départements',
    movement: 'Mouvement French Impact',
    movementOnly: 'Membres du mouvement uniquement',
    none: 'Aucune valeur pour ces critères.',
    submit: 'Filtrer',
    active: 'Filtres actifs',
    clear: 'Effacer tous les filtres',
    words: (q: string) => `Recherche : ${q}`,
  },
  /** A facet value and its count: « Association (12) ». */
  option: (label: string, formatted: string) => `${label} (${formatted})`,
  sort: {
    label: 'Trier par',
    relevance: 'Pertinence',
    name: 'Nom (de A à Z)',
    submit: 'Trier',
  },
  results: {
    count: organisations,
    /** The heading without a count (a refused search). */
    title: 'Résultats',
    empty: 'Aucune organisation ne correspond à ces critères. Essayez d’autres mots, ou retirez des filtres.',
    list: 'Organisations trouvées',
    corrected: (to: string) => `Résultats pour « ${to} »`,
    searchOriginal: (from: string) => `Rechercher plutôt « ${from} »`,
    identifier: (kind: 'siren' | 'siret' | 'rna', value: string, count: number) =>
      count === 0
        ? `Aucune organisation ne porte ${IDENTIFIER_NAMES[kind]} ${value}.`
        : `${count > 1 ? 'Organisations portant' : 'Organisation portant'} ${IDENTIFIER_NAMES[kind]} ${value}`,
    tooMany: (formatted: string) =>
      `Seuls les ${formatted} premiers résultats peuvent être parcourus : précisez votre recherche ou ajoutez des filtres pour voir les autres.`,
    pageMissing: (page: string, pages: number, formattedPages: string) =>
      pages === 0
        ? `La page ${page} n’existe pas : cette recherche ne donne aucun résultat.`
        : `La page ${page} n’existe pas : cette recherche compte ${formattedPages} ${pages > 1 ? 'pages' : 'page'}.`,
    lastPage: 'Aller à la dernière page',
    firstPage: 'Revenir à la première page',
    pagination: 'Pages de résultats',
  },
  card: {
    place: (commune: string | null, departement: string | null) =>
      commune ? (departement ? `${commune} (${departement})` : commune) : null,
    movement: 'Membre du mouvement French Impact',
  },
  map: {
    title: 'Les organisations sur la carte',
    lead: 'Chaque territoire mène à l’annuaire filtré sur ce territoire, avec votre recherche et vos autres filtres.',
    byRegion: 'Par région',
    byDepartement: 'Par département',
    captionRegion: 'Organisations trouvées par région',
    captionDepartement: 'Organisations trouvées par département',
    level: 'Niveau de la carte',
  },
  errors: {
    title: 'Cette recherche n’a pas pu être faite',
    lead: 'Certains critères de l’adresse ne sont pas valides :',
    retry: 'Voir l’annuaire sans ces critères',
    tooLong: 'La recherche ne peut pas dépasser 200 caractères.',
    repeated: (param: string) => `Le critère « ${param} » ne peut être donné qu’une fois.`,
    legalForm: (value: string) => `« ${value} » n’est pas une forme juridique de l’annuaire.`,
    domain: (value: string) => `« ${value} » n’est pas un domaine d’impact de l’annuaire.`,
    region: (value: string) => `« ${value} » n’est pas un code de région.`,
    departement: (value: string) => `« ${value} » n’est pas un code de département.`,
    movement: 'Le critère « membres » n’accepte que la valeur 1.',
    exact: 'Le critère « exact » n’accepte que la valeur 1.',
    sort: 'Le tri doit être « pertinence » ou « nom ».',
    map: 'La carte doit être « regions » ou « departements ».',
    page: 'Le numéro de page doit être un nombre entier, 1 ou plus.',
  },
  legalForms: {
    association: 'Association',
    fondation: 'Fondation',
    cooperative: 'Coopérative',
    mutuelle: 'Mutuelle',
    collectivite: 'Collectivité',
    entreprise_sociale: 'Entreprise sociale (ESUS)',
    entreprise_engagee: 'Entreprise engagée',
  } satisfies Record<LegalForm, string> as Record<LegalForm, string>,
  domains: {
    transition_ecologique: 'Transition écologique',
    economie_inclusive: 'Économie inclusive',
    reussite_educative: 'Réussite éducative',
    sante: 'Santé',
    equite_territoriale: 'Équité territoriale',
    liens_entre_generations: 'Liens entre générations',
    culture: 'Culture',
    alimentation: 'Alimentation',
  } satisfies Record<ImpactDomain, string> as Record<ImpactDomain, string>,
};

export type DirectoryMessages = typeof directoryFr;
