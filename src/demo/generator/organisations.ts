import type { GeoCommune } from '../../platform/geo/index.js';
import { LA_POSTE_SIREN, luhnCheckDigit } from '../../platform/validation/siren.js';
import { hashSeed, Permutation7, Random, Weighted } from './random.js';
import { atPlace, formatCount, ofPlace, slugify } from './text.js';
import {
  BRAND_HEADS,
  BRAND_TAILS,
  type CategorieJuridique,
  DOMAIN_VOCABULARY,
  EMBLEMS,
  FIRST_NAMES,
  IMPACT_DOMAINS,
  type ImpactDomain,
  type LegalForm,
  SIZE_BAND_CODES,
  type SizeBand,
  SURNAMES,
  TRADES,
} from './vocabulary.js';

/** What the generator needs of a commune: a row of `geo_communes`, or the same read from the COG files. */
export type GeneratorCommune = Pick<GeoCommune, 'code' | 'name' | 'departement_code' | 'region_code'> &
  Partial<Pick<GeoCommune, 'population' | 'postal_codes'>>;

/** One fictitious organisation, as a plain object whose keys follow the database's naming. */
export interface GeneratedOrganisation {
  /** Position in the run: the same seed and index always give the same organisation. */
  index: number;
  name: string;
  legal_form: LegalForm;
  /** INSEE catégorie juridique (4 digits), consistent with the legal form. */
  categorie_juridique: CategorieJuridique;
  /** 9 digits, Luhn-valid, unique within a run. */
  siren: string;
  /** SIRET of the head office: SIREN + NIC, 14 digits, Luhn-valid. */
  siret: string;
  /** 'W' + 9 digits for associations, unique within a run; null for every other form and for associations of Alsace-Moselle (57, 67, 68), which are not in the RNA. */
  rna: string | null;
  commune_code: string;
  postal_code: string | null;
  departement_code: string;
  region_code: string;
  /** One to three distinct domains, the main one first. */
  domains: ImpactDomain[];
  /** Two or three sentences in French. */
  description: string;
  founded_year: number;
  /** INSEE tranche d'effectif salarié. */
  size_band: SizeBand;
  website: string | null;
}

export interface GenerateOrganisationsOptions {
  /** Same seed, same organisations (an integer or a text). */
  seed: number | string;
  /** How many organisations to yield. */
  count: number;
  /** Communes to place them in, weighted by population; their order does not matter. */
  communes: readonly GeneratorCommune[];
  /** Index of the first organisation (default 0): runs can be split into slices that match one whole run. */
  start?: number;
}

/** The SIREN and RNA numbers are drawn from 10 million values without repetition. */
export const MAX_GENERATED_ORGANISATIONS = Permutation7.SIZE;

/** The latest founding year the generator gives (fixed, so that the output never depends on the clock). */
export const LATEST_FOUNDING_YEAR = 2024;

/**
 * Yields `count` realistic, fictitious French organisations, one at a time: memory stays constant
 * whatever the count (2,000,000 rows take a few seconds). Each organisation depends only on the seed, the
 * communes and its index, never on the ones before it.
 */
export function* generateOrganisations(
  options: GenerateOrganisationsOptions,
): Generator<GeneratedOrganisation, void, undefined> {
  const start = options.start ?? 0;
  const { count } = options;
  if (!Number.isSafeInteger(start) || start < 0)
    throw new RangeError(`start must be a natural number: ${start}`);
  if (!Number.isSafeInteger(count) || count < 0)
    throw new RangeError(`count must be a natural number: ${count}`);
  if (start + count > MAX_GENERATED_ORGANISATIONS) {
    throw new RangeError(`At most ${MAX_GENERATED_ORGANISATIONS} organisations per seed`);
  }
  const context = createContext(options.seed, options.communes);
  for (let index = start; index < start + count; index++) yield generate(context, index);
}

interface Context {
  random: Random;
  communes: Weighted<GeneratorCommune>;
  sirenDigits: Permutation7;
  rnaDigits: Permutation7;
}

function createContext(seed: number | string, communes: readonly GeneratorCommune[]): Context {
  if (communes.length === 0) throw new RangeError('generateOrganisations needs at least one commune');
  const seed32 = hashSeed(seed);
  // Sorted by code so that the output does not depend on the order the communes were read in. Every
  // commune has a floor weight: villages have associations too.
  const sorted = [...communes].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return {
    random: new Random(seed32),
    communes: new Weighted(sorted.map((c) => [c, (c.population ?? 0) + 300] as const)),
    sirenDigits: new Permutation7(seed32, 1),
    rnaDigits: new Permutation7(seed32, 2),
  };
}

// ---------------------------------------------------------------------------------------------------
// Distributions

/** Share of each kind in the community: associations dominate, as in the ESS at large. */
const LEGAL_FORM_WEIGHTS = new Weighted<LegalForm>([
  ['association', 700],
  ['entreprise_sociale', 80],
  ['cooperative', 70],
  ['entreprise_engagee', 60],
  ['collectivite', 40],
  ['fondation', 30],
  ['mutuelle', 20],
]);

const MAIN_DOMAIN_WEIGHTS: Record<LegalForm, Weighted<ImpactDomain>> = {
  association: new Weighted([
    ['transition_ecologique', 14],
    ['economie_inclusive', 12],
    ['reussite_educative', 14],
    ['sante', 12],
    ['equite_territoriale', 10],
    ['liens_entre_generations', 10],
    ['culture', 18],
    ['alimentation', 10],
  ]),
  fondation: new Weighted([
    ['reussite_educative', 20],
    ['sante', 25],
    ['culture', 15],
    ['economie_inclusive', 15],
    ['transition_ecologique', 15],
    ['liens_entre_generations', 10],
  ]),
  cooperative: new Weighted([
    ['transition_ecologique', 30],
    ['alimentation', 25],
    ['economie_inclusive', 20],
    ['equite_territoriale', 15],
    ['culture', 10],
  ]),
  mutuelle: new Weighted([
    ['sante', 80],
    ['liens_entre_generations', 15],
    ['economie_inclusive', 5],
  ]),
  collectivite: new Weighted([
    ['equite_territoriale', 35],
    ['economie_inclusive', 15],
    ['liens_entre_generations', 15],
    ['transition_ecologique', 15],
    ['reussite_educative', 10],
    ['alimentation', 5],
    ['culture', 5],
  ]),
  entreprise_sociale: new Weighted([
    ['economie_inclusive', 40],
    ['transition_ecologique', 25],
    ['alimentation', 15],
    ['sante', 10],
    ['equite_territoriale', 10],
  ]),
  entreprise_engagee: new Weighted([
    ['transition_ecologique', 40],
    ['alimentation', 20],
    ['economie_inclusive', 15],
    ['sante', 10],
    ['equite_territoriale', 10],
    ['culture', 5],
  ]),
};

const BANDS_ORDER: readonly SizeBand[] = SIZE_BAND_CODES;

/** Salaried staff per INSEE band [min, max], to write a headcount consistent with the band. */
const BAND_RANGES: Record<SizeBand, readonly [number, number]> = {
  NN: [0, 0],
  '00': [0, 0],
  '01': [1, 2],
  '02': [3, 5],
  '03': [6, 9],
  '11': [10, 19],
  '12': [20, 49],
  '21': [50, 99],
  '22': [100, 199],
  '31': [200, 249],
  '32': [250, 499],
  '41': [500, 999],
  '42': [1_000, 1_999],
  '51': [2_000, 4_999],
  '52': [5_000, 9_999],
  '53': [10_000, 20_000],
};

const SIZE_WEIGHTS: Record<Exclude<LegalForm, 'collectivite'>, Weighted<SizeBand>> = {
  association: new Weighted<SizeBand>([
    ['NN', 45],
    ['00', 14],
    ['01', 12],
    ['02', 9],
    ['03', 7],
    ['11', 6],
    ['12', 4],
    ['21', 1.6],
    ['22', 0.8],
    ['31', 0.2],
    ['32', 0.2],
    ['41', 0.1],
    ['42', 0.05],
  ]),
  fondation: new Weighted<SizeBand>([
    ['00', 15],
    ['01', 15],
    ['02', 15],
    ['03', 12],
    ['11', 12],
    ['12', 12],
    ['21', 8],
    ['22', 6],
    ['32', 3],
    ['41', 2],
  ]),
  cooperative: new Weighted<SizeBand>([
    ['01', 18],
    ['02', 22],
    ['03', 18],
    ['11', 18],
    ['12', 14],
    ['21', 6],
    ['22', 3],
    ['32', 1],
  ]),
  mutuelle: new Weighted<SizeBand>([
    ['03', 10],
    ['11', 20],
    ['12', 25],
    ['21', 15],
    ['22', 12],
    ['32', 10],
    ['41', 5],
    ['42', 3],
  ]),
  entreprise_sociale: new Weighted<SizeBand>([
    ['01', 12],
    ['02', 18],
    ['03', 18],
    ['11', 20],
    ['12', 18],
    ['21', 8],
    ['22', 4],
    ['32', 2],
  ]),
  entreprise_engagee: new Weighted<SizeBand>([
    ['01', 10],
    ['02', 15],
    ['03', 15],
    ['11', 18],
    ['12', 18],
    ['21', 10],
    ['22', 7],
    ['32', 4],
    ['41', 2],
    ['51', 1],
  ]),
};

const NIC_SEQUENCE = new Weighted<'first' | 'second' | 'few' | 'many'>([
  ['first', 50],
  ['second', 15],
  ['few', 20],
  ['many', 15],
]);

const ALSACE_MOSELLE = new Set(['57', '67', '68']);

const AGRICULTURAL_COOPERATIVES = [
  'Coopérative agricole',
  'Cave coopérative',
  'Coopérative laitière',
  'Fruitière',
];
const SOCIAL_ENTERPRISE_CATEGORIES = new Weighted<CategorieJuridique>([
  ['5710', 50],
  ['5499', 35],
  ['5498', 15],
]);
const COMPANY_CATEGORIES = new Weighted<CategorieJuridique>([
  ['5710', 45],
  ['5499', 33],
  ['5599', 22],
]);
const COMPANY_SUBJECTS = ["L'entreprise", 'La société'];
const WEBSITE_SHARE: Record<LegalForm, number> = {
  association: 0.4,
  fondation: 0.85,
  cooperative: 0.75,
  mutuelle: 0.95,
  collectivite: 0.95,
  entreprise_sociale: 0.8,
  entreprise_engagee: 0.9,
};

const PROFESSIONS = [
  'artisans',
  'agriculteurs',
  'enseignants',
  'cheminots',
  'hospitaliers',
  'travailleurs sociaux',
  'marins',
  'commerçants',
  'fonctionnaires territoriaux',
  'étudiants',
] as const;

const ASSOCIATION_TLDS = new Weighted([
  ['fr', 50],
  ['org', 30],
  ['asso.fr', 20],
]);
const COMPANY_TLDS = new Weighted([
  ['fr', 60],
  ['com', 30],
  ['eu', 10],
]);

/** Closing sentences; '{Pronoun}' is 'Elle' or 'Il' after the subject of the first sentence. */
const CLOSINGS = [
  "Son modèle est en cours d'essaimage dans d'autres départements.",
  'Son action est soutenue par des collectivités locales et des fondations.',
  "{Pronoun} est membre de réseaux régionaux de l'économie sociale et solidaire.",
  'Ses équipes sont formées chaque année par des partenaires spécialisés.',
  "Un nouveau lieu ouvert aux habitants est à l'étude.",
  "{Pronoun} publie chaque année un rapport d'activité et de mesure de son impact.",
] as const;

// ---------------------------------------------------------------------------------------------------
// One organisation

interface Named {
  name: string;
  categorie: CategorieJuridique;
  /** Subject of the description's first sentence ("L'association", "Le CCAS"). */
  subject: string;
  /** The name as it goes into a host name, when it differs from `name`. */
  hostName?: string;
  /** Host name prefix for collectivités ('ville-', 'ccas-'). */
  hostPrefix?: string;
  foundedYear?: number;
  sizeBand?: SizeBand;
}

function generate(context: Context, index: number): GeneratedOrganisation {
  const { random } = context;
  random.reseed(index);
  const legalForm = LEGAL_FORM_WEIGHTS.draw(random);
  const commune = context.communes.draw(random);
  const domains = drawDomains(random, legalForm);
  const main = domains[0]!;
  const named = nameOrganisation(random, legalForm, main, commune);

  const siren = makeSiren(random, context.sirenDigits.apply(index), legalForm);
  const siret = makeSiret(random, siren);
  const rna =
    legalForm === 'association' && named.categorie !== '9260'
      ? `W${rnaPrefix(commune.departement_code)}${String(context.rnaDigits.apply(index)).padStart(7, '0')}`
      : null;

  const foundedYear = named.foundedYear ?? drawFoundingYear(random, legalForm);
  const sizeBand =
    named.sizeBand ?? SIZE_WEIGHTS[legalForm as Exclude<LegalForm, 'collectivite'>].draw(random);
  const postalCodes = commune.postal_codes ?? [];

  return {
    index,
    name: named.name,
    legal_form: legalForm,
    categorie_juridique: named.categorie,
    siren,
    siret,
    rna,
    commune_code: commune.code,
    postal_code: postalCodes.length > 0 ? random.pick(postalCodes) : null,
    departement_code: commune.departement_code,
    region_code: commune.region_code,
    domains,
    description: describe(random, named.subject, main, commune, foundedYear, sizeBand),
    founded_year: foundedYear,
    size_band: sizeBand,
    website: makeWebsite(random, legalForm, named),
  };
}

function drawDomains(random: Random, legalForm: LegalForm): ImpactDomain[] {
  const main = MAIN_DOMAIN_WEIGHTS[legalForm].draw(random);
  const domains = [main];
  const extra = random.float() < 0.5 ? 0 : random.float() < 0.7 ? 1 : 2;
  while (domains.length < 1 + extra) {
    const d = random.pick(IMPACT_DOMAINS);
    if (!domains.includes(d)) domains.push(d);
  }
  return domains;
}

function brand(random: Random): string {
  return random.pick(BRAND_HEADS) + random.pick(BRAND_TAILS);
}

function person(random: Random): string {
  return `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`;
}

/** Fills '{de}' (of the commune), '{a}' (at the commune), '{emblem}' in a name template. */
function fill(random: Random, template: string, commune: GeneratorCommune): string {
  const withPlace = template.includes('{') ? template : `${template} {de}`;
  return withPlace
    .replace('{de}', ofPlace(commune.name))
    .replace('{a}', atPlace(commune.name))
    .replace('{emblem}', random.pick(EMBLEMS));
}

function nameOrganisation(
  random: Random,
  legalForm: LegalForm,
  domain: ImpactDomain,
  commune: GeneratorCommune,
): Named {
  const words = DOMAIN_VOCABULARY[domain];
  const place = ofPlace(commune.name);
  switch (legalForm) {
    case 'association': {
      const categorie: CategorieJuridique = ALSACE_MOSELLE.has(commune.departement_code)
        ? '9260'
        : random.chance(0.03)
          ? '9230'
          : '9220';
      const roll = random.float();
      let name: string;
      if (roll < 0.6) name = fill(random, random.pick(words.associationNames), commune);
      else if (roll < 0.85) name = `${random.pick(EMBLEMS)} ${place}`;
      else name = random.pick(EMBLEMS);
      if (/^(Les? |La |L')/.test(name) && random.chance(0.3)) name = `Association ${name}`;
      return { name, categorie, subject: "L'association" };
    }
    case 'fondation': {
      const cause = random.pick(words.causes);
      const roll = random.float();
      const name =
        roll < 0.35
          ? `Fondation ${person(random)}`
          : roll < 0.6
            ? `Fondation ${random.pick(SURNAMES)} pour ${cause}`
            : roll < 0.85
              ? `Fondation pour ${cause}`
              : `Fondation ${random.pick(EMBLEMS)}`;
      return { name, categorie: '9300', subject: 'La fondation' };
    }
    case 'cooperative': {
      const roll = random.float();
      if (domain === 'alimentation' && roll < 0.4) {
        const name = `${random.pick(AGRICULTURAL_COOPERATIVES)} ${place}`;
        return { name, categorie: '6317', subject: 'La coopérative' };
      }
      if (roll < 0.45) {
        const style = random.below(3);
        const name =
          style === 0
            ? `SCIC ${brand(random)}`
            : style === 1
              ? `SCIC ${random.pick(words.companyWords)} ${place}`
              : `SCIC ${random.pick(EMBLEMS)}`;
        return {
          name,
          categorie: random.chance(0.7) ? '5460' : '5560',
          subject: 'La coopérative',
          hostName: name.slice(5),
          // The SCIC exists since the law of 17 July 2001.
          foundedYear: recentYear(random, 2002, 1.5),
        };
      }
      if (roll < 0.85) {
        const style = random.below(3);
        const name =
          style === 0
            ? `SCOP ${random.pick(TRADES)} ${random.pick(SURNAMES)}`
            : style === 1
              ? `SCOP ${brand(random)}`
              : `${random.pick(TRADES)} coopérative ${place}`;
        return {
          name,
          categorie: random.chance(0.8) ? '5458' : '5558',
          subject: 'La coopérative',
          hostName: name.replace(/^SCOP /, ''),
        };
      }
      const cae = brand(random);
      return {
        name: random.chance(0.5) ? `CAE ${cae}` : `Coopérative d'activité et d'emploi ${cae}`,
        categorie: '5458',
        subject: 'La coopérative',
        hostName: cae,
      };
    }
    case 'mutuelle': {
      if (random.chance(0.1)) {
        const b = brand(random);
        return { name: `${b} Assurance mutuelle`, categorie: '6411', subject: 'La mutuelle', hostName: b };
      }
      const style = random.below(4);
      const name =
        style === 0
          ? `Mutuelle ${brand(random)}`
          : style === 1
            ? `Mutuelle des ${random.pick(PROFESSIONS)}`
            : style === 2
              ? `Mutuelle solidaire ${place}`
              : `Mutuelle ${place}`;
      return { name, categorie: '8210', subject: 'La mutuelle' };
    }
    case 'collectivite':
      return nameCollectivite(random, commune);
    case 'entreprise_sociale': {
      const categorie = SOCIAL_ENTERPRISE_CATEGORIES.draw(random);
      const b = brand(random);
      const roll = random.float();
      if (domain === 'economie_inclusive' && roll < 0.5) {
        const name = random.chance(0.5) ? `Entreprise d'insertion ${b}` : `Entreprise adaptée ${b}`;
        return { name, categorie, subject: "L'entreprise", hostName: b };
      }
      const name =
        roll < 0.7
          ? b
          : roll < 0.85
            ? `${b} ${random.pick(words.companyWords)}`
            : `${random.pick(words.companyWords)} solidaire ${place}`;
      return { name, categorie, subject: random.pick(COMPANY_SUBJECTS) };
    }
    case 'entreprise_engagee': {
      const categorie = COMPANY_CATEGORIES.draw(random);
      const roll = random.float();
      const surname = random.pick(SURNAMES);
      const name =
        categorie === '5599' && roll < 0.5
          ? `Groupe ${surname}`
          : roll < 0.35
            ? brand(random)
            : roll < 0.55
              ? `${random.pick(TRADES)} ${surname}`
              : roll < 0.7
                ? `${random.pick(TRADES)} ${place}`
                : roll < 0.8
                  ? `${surname} & Fils`
                  : `${brand(random)} ${random.pick(words.companyWords)}`;
      return { name, categorie, subject: random.pick(COMPANY_SUBJECTS) };
    }
  }
}

function nameCollectivite(random: Random, commune: GeneratorCommune): Named {
  const population = commune.population ?? 0;
  const place = ofPlace(commune.name);
  const roll = random.float();
  if (roll < 0.5) {
    return {
      name: population >= 10_000 && random.chance(0.6) ? `Ville ${place}` : `Commune ${place}`,
      categorie: '7210',
      subject: 'La commune',
      hostName: commune.name,
      hostPrefix: population >= 10_000 ? 'ville-' : '',
      foundedYear: 1790,
      sizeBand: communeSize(random, population),
    };
  }
  if (roll < 0.8) {
    return {
      name: random.chance(0.5) ? `Centre communal d'action sociale ${place}` : `CCAS ${place}`,
      categorie: '7361',
      subject: 'Le CCAS',
      hostName: commune.name,
      hostPrefix: 'ccas-',
      foundedYear: 1986,
      sizeBand: bandAround(random, communeSize(random, population), -2),
    };
  }
  if (roll < 0.92) {
    return {
      name: random.chance(0.5)
        ? `Communauté de communes du Pays ${place}`
        : `Communauté de communes ${place}`,
      categorie: '7346',
      subject: 'La communauté de communes',
      hostName: commune.name,
      hostPrefix: 'cc-',
      foundedYear: random.between(1993, 2017),
      sizeBand: random.pick<SizeBand>(['11', '12', '21', '22']),
    };
  }
  return {
    name: random.chance(0.5) ? `Communauté d'agglomération ${place}` : `${commune.name} Agglomération`,
    categorie: '7348',
    subject: "La communauté d'agglomération",
    hostName: commune.name,
    hostPrefix: 'agglo-',
    foundedYear: random.between(2000, 2017),
    sizeBand: random.pick<SizeBand>(['22', '31', '32', '41']),
  };
}

/** A commune's staff grows with its population. */
function communeSize(random: Random, population: number): SizeBand {
  if (population < 500) return random.pick<SizeBand>(['00', '01', '02']);
  if (population < 2_000) return random.pick<SizeBand>(['02', '03', '11']);
  if (population < 10_000) return random.pick<SizeBand>(['11', '12', '21']);
  if (population < 50_000) return random.pick<SizeBand>(['21', '22', '32']);
  if (population < 200_000) return random.pick<SizeBand>(['41', '42']);
  return random.pick<SizeBand>(['51', '52', '53']);
}

function bandAround(random: Random, band: SizeBand, shift: number): SizeBand {
  const i = BANDS_ORDER.indexOf(band) + shift + random.between(-1, 1);
  return BANDS_ORDER[Math.min(Math.max(i, 1), BANDS_ORDER.length - 1)]!;
}

function drawFoundingYear(random: Random, legalForm: LegalForm): number {
  switch (legalForm) {
    case 'association':
      return recentYear(random, 1901, 2);
    case 'fondation':
      return recentYear(random, 1945, 2);
    case 'cooperative':
      return recentYear(random, 1950, 2);
    case 'mutuelle':
      return random.between(1900, 2010);
    case 'entreprise_sociale':
      return recentYear(random, 1985, 2);
    case 'entreprise_engagee':
      return recentYear(random, 1950, 2);
    case 'collectivite':
      return 1790;
  }
}

/** A year between `earliest` and the latest, more often recent (the more so as `skew` grows). */
function recentYear(random: Random, earliest: number, skew: number): number {
  return LATEST_FOUNDING_YEAR - Math.floor((LATEST_FOUNDING_YEAR - earliest + 1) * random.float() ** skew);
}

/** First digit 2 for public bodies (as INSEE does), 3 to 9 otherwise; then 7 unique digits; then the key. */
function makeSiren(random: Random, uniqueDigits: number, legalForm: LegalForm): string {
  const first = legalForm === 'collectivite' ? 2 : random.between(3, 9);
  let body = `${first}${String(uniqueDigits).padStart(7, '0')}`;
  if (body === LA_POSTE_SIREN.slice(0, 8)) body = `4${body.slice(1)}`; // La Poste's SIREN follows other rules
  return body + luhnCheckDigit(body);
}

/** The head office: NIC 0001 for most, a later sequence number for those that moved. */
function makeSiret(random: Random, siren: string): string {
  const sequence = NIC_SEQUENCE.draw(random);
  const n =
    sequence === 'first'
      ? 1
      : sequence === 'second'
        ? 2
        : sequence === 'few'
          ? random.between(3, 9)
          : random.between(10, 99);
  const body = siren + String(n).padStart(4, '0');
  return body + luhnCheckDigit(body);
}

/** The RNA number starts with the département of the greffe: 20 for Corsica, 97 overseas. */
function rnaPrefix(departementCode: string): string {
  if (departementCode === '2A' || departementCode === '2B') return '20';
  return departementCode.slice(0, 2);
}

function describe(
  random: Random,
  subject: string,
  domain: ImpactDomain,
  commune: GeneratorCommune,
  foundedYear: number,
  sizeBand: SizeBand,
): string {
  const words = DOMAIN_VOCABULARY[domain];
  const style = random.below(3);
  const where =
    style === 0
      ? atPlace(commune.name)
      : style === 1
        ? `${atPlace(commune.name)} et dans les communes voisines`
        : `sur le territoire ${ofPlace(commune.name)}`;
  const first = `${subject} ${random.pick(words.activities)} ${where}.`;
  const pronoun = subject.startsWith('Le ') ? 'Il' : 'Elle';

  const [minStaff, maxStaff] = BAND_RANGES[sizeBand];
  const staff = random.between(minStaff, maxStaff);
  const volunteers = random.between(3, 150);
  // People reached each year grow with the team; since the start, with the years too.
  const yearly = random.between(5, 40) * (1 + staff / 2 + volunteers / 10);
  const years = LATEST_FOUNDING_YEAR - Math.max(foundedYear, 1990);
  const variant = random.below(3);
  let second: string;
  if (variant === 0 && years >= 3) {
    second = `Depuis ${LATEST_FOUNDING_YEAR - years}, plus de ${roundCount(yearly * years)} ${random.pick(words.beneficiaries)} ont bénéficié de son action.`;
  } else if (variant === 2) {
    second = `${pronoun} agit en priorité pour ${random.pick(words.causes)}, auprès de ${roundCount(yearly)} ${random.pick(words.beneficiaries)} chaque année.`;
  } else if (staff === 0) {
    second = `Son action repose sur l'engagement de ${volunteers} bénévoles.`;
  } else {
    second = `Son équipe compte ${formatCount(staff)} salarié${staff > 1 ? 's' : ''} et ${volunteers} bénévoles.`;
  }
  if (random.chance(0.5)) return `${first} ${second}`;
  return `${first} ${second} ${random.pick(CLOSINGS).replace('{Pronoun}', pronoun)}`;
}

/** A count as people write it in a report: 37, 240, 1 250, 38 000. */
function roundCount(n: number): string {
  const step = n < 100 ? 1 : n < 1_000 ? 10 : n < 10_000 ? 50 : 1_000;
  return formatCount(Math.max(step, Math.round(n / step) * step));
}

function makeWebsite(random: Random, legalForm: LegalForm, named: Named): string | null {
  if (!random.chance(WEBSITE_SHARE[legalForm])) return null;
  const host = slugify(
    (named.hostPrefix ?? '') + (named.hostName ?? named.name).replace(/^Association /, ''),
  );
  if (host === '') return null;
  const tld =
    legalForm === 'association'
      ? ASSOCIATION_TLDS.draw(random)
      : legalForm === 'cooperative'
        ? random.chance(0.6)
          ? 'coop'
          : 'fr'
        : legalForm === 'fondation'
          ? 'org'
          : legalForm === 'collectivite' || legalForm === 'mutuelle'
            ? 'fr'
            : COMPANY_TLDS.draw(random);
  return `https://www.${host}.${tld}`;
}
