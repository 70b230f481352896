/**
 * The shared words of organisations: the seven kinds of actor, INSEE "catégories juridiques", impact
 * domains and INSEE size bands. The database checks the same lists (migrations/0011_organisations.sql);
 * the demo generator and the imports read them from here (through index.ts). French labels are the
 * reference; the pages take their labels from the module catalogues (organisations.fr.ts / .en.ts).
 */

/** The seven kinds of actor named at the launch of French Impact (PRODUCT.md, Communauté). */
export const LEGAL_FORMS = [
  'association',
  'fondation',
  'cooperative',
  'mutuelle',
  'collectivite',
  'entreprise_sociale',
  'entreprise_engagee',
] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

export const LEGAL_FORM_LABELS: Record<LegalForm, string> = {
  association: 'Association',
  fondation: 'Fondation',
  cooperative: 'Coopérative',
  mutuelle: 'Mutuelle',
  collectivite: 'Collectivité',
  entreprise_sociale: 'Entreprise sociale (ESUS)',
  entreprise_engagee: 'Entreprise engagée',
};

/**
 * INSEE "catégories juridiques" (niveau III) common among the actors of the movement, with the kind each
 * belongs to; `form: null` is a commercial company (SAS, SARL, SA…), which may be a social or engaged
 * enterprise, or a cooperative (SCIC, SCOP under a commercial form). Labels are INSEE's (official French
 * names, shown as they are in both languages). Source: INSEE, nomenclature des catégories juridiques.
 * A valid code missing from this list is accepted as it is (without a consistency check).
 */
export const CATEGORIES_JURIDIQUES = {
  '9210': { label: 'Association non déclarée', form: 'association' },
  '9220': { label: 'Association déclarée', form: 'association' },
  '9221': { label: "Association déclarée d'insertion par l'économique", form: 'association' },
  '9222': { label: 'Association intermédiaire', form: 'association' },
  '9223': { label: "Groupement d'employeurs", form: 'association' },
  '9230': { label: "Association déclarée, reconnue d'utilité publique", form: 'association' },
  '9260': { label: 'Association de droit local (Bas-Rhin, Haut-Rhin et Moselle)', form: 'association' },
  '9300': { label: 'Fondation', form: 'fondation' },
  '5458': { label: 'SARL coopérative ouvrière de production (SCOP)', form: 'cooperative' },
  '5459': { label: 'SARL union de sociétés coopératives', form: 'cooperative' },
  '5460': { label: 'Autre SARL coopérative', form: 'cooperative' },
  '5551': { label: "SA coopérative de consommation à conseil d'administration", form: 'cooperative' },
  '5558': {
    label: "SA coopérative ouvrière de production (SCOP) à conseil d'administration",
    form: 'cooperative',
  },
  '5560': { label: "Autre SA coopérative à conseil d'administration", form: 'cooperative' },
  '5658': { label: 'SA coopérative ouvrière de production (SCOP) à directoire', form: 'cooperative' },
  '5660': { label: 'Autre SA coopérative à directoire', form: 'cooperative' },
  '6316': { label: "Coopérative d'utilisation de matériel agricole en commun (CUMA)", form: 'cooperative' },
  '6317': { label: 'Société coopérative agricole', form: 'cooperative' },
  '6318': { label: 'Union de sociétés coopératives agricoles', form: 'cooperative' },
  '8210': { label: 'Mutuelle', form: 'mutuelle' },
  '8250': { label: 'Assurance mutuelle agricole', form: 'mutuelle' },
  '8290': { label: 'Autre organisme mutualiste', form: 'mutuelle' },
  '6411': { label: "Société d'assurance à forme mutuelle", form: 'mutuelle' },
  '7210': { label: 'Commune et commune nouvelle', form: 'collectivite' },
  '7220': { label: 'Département', form: 'collectivite' },
  '7230': { label: 'Région', form: 'collectivite' },
  '7344': { label: 'Métropole', form: 'collectivite' },
  '7346': { label: 'Communauté de communes', form: 'collectivite' },
  '7348': { label: "Communauté d'agglomération", form: 'collectivite' },
  '7361': { label: "Centre communal d'action sociale", form: 'collectivite' },
  '7362': { label: 'Caisse des écoles', form: 'collectivite' },
  '5710': { label: 'SAS, société par actions simplifiée', form: null },
  '5720': { label: 'Société par actions simplifiée à associé unique', form: null },
  '5499': { label: 'Société à responsabilité limitée (sans autre indication)', form: null },
  '5498': { label: 'SARL unipersonnelle', form: null },
  '5599': { label: "SA à conseil d'administration (s.a.i.)", form: null },
  '5699': { label: 'SA à directoire (s.a.i.)', form: null },
} as const satisfies Record<string, { label: string; form: LegalForm | null }>;
export type CategorieJuridique = keyof typeof CATEGORIES_JURIDIQUES;

/** The kinds a commercial company's category (`form: null`) may be. */
export const COMPANY_LEGAL_FORMS: readonly LegalForm[] = [
  'entreprise_sociale',
  'entreprise_engagee',
  'cooperative',
];

export function isKnownCategorie(code: string): code is CategorieJuridique {
  return Object.hasOwn(CATEGORIES_JURIDIQUES, code);
}

/**
 * Whether an INSEE category fits a legal form: a known category must belong to that kind (a commercial
 * company's to one of COMPANY_LEGAL_FORMS); an unknown one is not checked.
 */
export function categorieFitsForm(code: string, form: LegalForm): boolean {
  if (!isKnownCategorie(code)) return true;
  const expected: LegalForm | null = CATEGORIES_JURIDIQUES[code].form;
  return expected === null ? COMPANY_LEGAL_FORMS.includes(form) : expected === form;
}

/** Impact domains (PRODUCT.md, Communauté). */
export const IMPACT_DOMAINS = [
  'transition_ecologique',
  'economie_inclusive',
  'reussite_educative',
  'sante',
  'equite_territoriale',
  'liens_entre_generations',
  'culture',
  'alimentation',
] as const;
export type ImpactDomain = (typeof IMPACT_DOMAINS)[number];

export const IMPACT_DOMAIN_LABELS: Record<ImpactDomain, string> = {
  transition_ecologique: 'Transition écologique',
  economie_inclusive: 'Économie inclusive',
  reussite_educative: 'Réussite éducative',
  sante: 'Santé',
  equite_territoriale: 'Équité territoriale',
  liens_entre_generations: 'Liens entre générations',
  culture: 'Culture',
  alimentation: 'Alimentation',
};

/** INSEE "tranches d'effectif salarié" (Sirene): NN = no employee in the year, 00 = none at year end. */
export const SIZE_BANDS = {
  NN: 'Unité non employeuse',
  '00': '0 salarié',
  '01': '1 ou 2 salariés',
  '02': '3 à 5 salariés',
  '03': '6 à 9 salariés',
  '11': '10 à 19 salariés',
  '12': '20 à 49 salariés',
  '21': '50 à 99 salariés',
  '22': '100 à 199 salariés',
  '31': '200 à 249 salariés',
  '32': '250 à 499 salariés',
  '41': '500 à 999 salariés',
  '42': '1 000 à 1 999 salariés',
  '51': '2 000 à 4 999 salariés',
  '52': '5 000 à 9 999 salariés',
  '53': '10 000 salariés et plus',
} as const;
export type SizeBand = keyof typeof SIZE_BANDS;
/**
 * The bands from the smallest to the largest. Not `Object.keys(SIZE_BANDS)`: JavaScript lists
 * integer-like keys ('11', '12'…) before the others ('NN', '00'…), which would put « 10 à 19 salariés » first.
 */
export const SIZE_BAND_CODES: readonly SizeBand[] = [
  'NN',
  '00',
  '01',
  '02',
  '03',
  '11',
  '12',
  '21',
  '22',
  '31',
  '32',
  '41',
  '42',
  '51',
  '52',
  '53',
];
