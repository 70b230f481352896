import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Db } from '../../platform/db/index.js';
import type { Tables } from '../../platform/db/schema.js';
import { type DossierStatus, submissionDigest } from '../dossiers/index.js';
import type { ImpactDomain } from '../organisations/index.js';

/**
 * Demo data of a finished call: the « Pionniers French Impact 2018 » call (seeded by the calls module)
 * with 200 dossiers of demo organisations, their frozen versions and receipts, the instruction, the
 * évaluation, 45 auditions, the deliberation's decisions and 22 laureates whose public summaries are
 * approved. Deterministic (a seeded generator, ids derived from fixed names); written with multi-row
 * inserts in one transaction; run once: a call that already has dossiers is left alone.
 */

export const DEMO_COHORT_SLUG = 'pionniers-french-impact-2018';
export const DEMO_COHORT = { dossiers: 200, auditioned: 45, laureates: 22, irrecevables: 28 } as const;

interface DemoStory {
  domain: ImpactDomain;
  project: string;
  summary: string;
}

/** The laureates' projects and their public summaries (fictitious). */
export const DEMO_STORIES: readonly DemoStory[] = [
  {
    domain: 'economie_inclusive',
    project: 'Premières heures en chantier',
    summary:
      'Premières heures en chantier permet à des personnes sans domicile de reprendre une activité à leur rythme : quelques heures par semaine d’abord, payées à la journée, sur des chantiers de rénovation.\n\nAccompagnées par un encadrant technique et une conseillère, 70 % d’entre elles accèdent à un contrat d’insertion dans l’année. Le programme essaime dans trois nouvelles villes avec des bailleurs sociaux partenaires.',
  },
  {
    domain: 'transition_ecologique',
    project: 'La Recyclerie des vallées',
    summary:
      'Une recyclerie rurale qui collecte, répare et revend objets et meubles dans un rayon de quarante kilomètres, avec un camion itinérant qui passe de village en village.\n\nElle détourne chaque année plus de 300 tonnes de l’enfouissement et emploie douze salariés en insertion. Le changement d’échelle vise un réseau de cinq recycleries sœurs sur le massif.',
  },
  {
    domain: 'reussite_educative',
    project: 'Cordées numériques',
    summary:
      'Des étudiants bénévoles accompagnent chaque semaine des collégiens de quartiers prioritaires dans la découverte du code, de la robotique et des métiers du numérique.\n\nEn trois ans, 1 200 collégiens ont suivi le parcours ; les filles représentent la moitié des participants. Le projet outille désormais les universités qui veulent lancer leur propre cordée.',
  },
  {
    domain: 'sante',
    project: 'Infirmières de rue',
    summary:
      'Une équipe d’infirmières va au-devant des personnes à la rue pour soigner, orienter et ouvrir des droits à l’assurance maladie.\n\nLe suivi dans la durée réduit de moitié les passages aux urgences des personnes accompagnées. Le modèle, reconnu par l’agence régionale de santé, s’étend à deux métropoles.',
  },
  {
    domain: 'alimentation',
    project: 'Cantines en circuit court',
    summary:
      'Une plateforme logistique mutualisée permet aux cantines scolaires de petites communes de s’approvisionner auprès des producteurs du département, au même prix qu’en grande distribution.\n\nQuarante communes y ont adhéré et 60 % des produits servis sont désormais locaux. La coopérative forme aussi les cuisiniers à cuisiner le frais et à réduire le gaspillage.',
  },
  {
    domain: 'liens_entre_generations',
    project: 'Toit partagé',
    summary:
      'Toit partagé met en relation des personnes âgées disposant d’une chambre libre et des jeunes en formation qui cherchent un logement abordable.\n\nChaque binôme signe une convention de cohabitation solidaire et bénéficie d’un suivi. Plus de 400 binômes ont été formés ; l’isolement déclaré des aînés recule nettement.',
  },
  {
    domain: 'equite_territoriale',
    project: 'France services mobile',
    summary:
      'Un bus aménagé apporte chaque semaine dans les villages sans service public un accompagnement aux démarches en ligne : impôts, retraite, emploi, santé.\n\nDeux médiateurs numériques y reçoivent près de 3 000 personnes par an. Le projet propose aux intercommunalités un modèle clés en main, financé avec les caisses de sécurité sociale.',
  },
  {
    domain: 'culture',
    project: 'Orchestres à l’école des champs',
    summary:
      'Des orchestres d’élèves dans les écoles rurales : chaque enfant reçoit un instrument et deux heures de pratique collective par semaine pendant trois ans.\n\nLes enseignants observent une meilleure attention et un climat de classe apaisé. L’association accompagne désormais les conservatoires qui veulent reproduire le dispositif.',
  },
  {
    domain: 'economie_inclusive',
    project: 'Garage solidaire',
    summary:
      'Un garage associatif répare à prix coûtant les véhicules de personnes aux revenus modestes pour qui la voiture est la condition d’un emploi.\n\nIl loue aussi des voitures à quelques euros par jour pendant les réparations. Chaque année, plus de 800 personnes gardent ou retrouvent un travail grâce au garage.',
  },
  {
    domain: 'transition_ecologique',
    project: 'Rénov’Collectif',
    summary:
      'Rénov’Collectif accompagne les copropriétés modestes dans la rénovation énergétique, du diagnostic au suivi des travaux, en mobilisant toutes les aides possibles.\n\nLes factures de chauffage baissent en moyenne de 40 %. L’équipe forme des habitants relais qui transmettent la démarche à leurs voisins.',
  },
  {
    domain: 'reussite_educative',
    project: 'Les Petits Lecteurs',
    summary:
      'Des ateliers de lecture partagée entre parents et enfants de moins de six ans, dans les salles d’attente de PMI, les laveries et les halls d’immeubles.\n\nLes familles repartent avec des livres et l’habitude de lire ensemble. Le projet touche 5 000 enfants par an et s’appuie sur un réseau de bibliothèques partenaires.',
  },
  {
    domain: 'sante',
    project: 'Maison de santé participative',
    summary:
      'Une maison de santé pluriprofessionnelle gérée avec les habitants d’un quartier prioritaire : médecins salariés, médiatrices en santé, ateliers de prévention.\n\nLe renoncement aux soins a reculé d’un tiers en trois ans. Le collectif publie un guide pour les quartiers qui veulent créer leur centre de santé communautaire.',
  },
  {
    domain: 'alimentation',
    project: 'Épicerie solidaire mobile',
    summary:
      'Une épicerie itinérante propose des produits frais et locaux à prix adaptés aux revenus, sur les places de villages et au pied des immeubles.\n\nLes clients paient selon un barème solidaire et participent à des ateliers de cuisine. Trois camions circulent désormais sur le département.',
  },
  {
    domain: 'equite_territoriale',
    project: 'Tiers-lieu de la gare',
    summary:
      'Une ancienne gare transformée en tiers-lieu : espace de travail partagé, atelier de fabrication, café associatif et permanences de services publics.\n\nPlus de cinquante porteurs de projets s’y sont installés et une vingtaine d’emplois ont été créés dans la commune. Le lieu accompagne d’autres gares rurales qui veulent suivre le même chemin.',
  },
  {
    domain: 'liens_entre_generations',
    project: 'Voisins d’âge',
    summary:
      'Un réseau de voisins bénévoles rend visite chaque semaine aux personnes âgées isolées de leur rue, signalées par les mairies et les services d’aide à domicile.\n\nUne plateforme simple coordonne les visites et les petits services. Le réseau compte 2 500 bénévoles dans quinze villes.',
  },
  {
    domain: 'culture',
    project: 'Fabrique de cinéma de quartier',
    summary:
      'Des jeunes de 15 à 25 ans écrivent, tournent et montent des films courts sur leur quartier, accompagnés par des professionnels du cinéma.\n\nLes films sont projetés en plein air et en festival ; une part des participants se forme ensuite aux métiers de l’audiovisuel. La fabrique ouvre une deuxième antenne en 2019.',
  },
  {
    domain: 'economie_inclusive',
    project: 'Conciergerie d’insertion',
    summary:
      'Une conciergerie d’entreprises sur une zone d’activité emploie des personnes éloignées de l’emploi : pressing, courses, petites réparations, paniers de légumes.\n\nLes salariés en parcours y acquièrent une expérience reconnue par les entreprises clientes, dont plusieurs les recrutent ensuite. Le modèle est repris sur deux autres zones.',
  },
  {
    domain: 'transition_ecologique',
    project: 'Vélos pour tous',
    summary:
      'Un atelier d’autoréparation et de remise en état de vélos abandonnés, revendus à bas prix aux étudiants, aux demandeurs d’emploi et aux familles.\n\nL’association forme aussi des mécaniciens cycle en insertion. 4 000 vélos ont retrouvé une route depuis sa création.',
  },
  {
    domain: 'reussite_educative',
    project: 'Internat de la réussite rurale',
    summary:
      'Un internat d’excellence ouvert aux lycéens de zones rurales éloignées : hébergement, tutorat, sorties culturelles et accompagnement vers les études supérieures.\n\nLe taux de poursuite d’études des internes dépasse de vingt points celui de leur territoire d’origine. Le projet partage ses outils avec les lycées agricoles.',
  },
  {
    domain: 'sante',
    project: 'Pair-aidance en santé mentale',
    summary:
      'Des médiateurs pairs, ayant eux-mêmes vécu des troubles psychiques, accompagnent des personnes à leur sortie d’hospitalisation vers le logement et l’emploi.\n\nLes réhospitalisations diminuent fortement chez les personnes suivies. La structure forme désormais des médiateurs pairs pour les hôpitaux de la région.',
  },
  {
    domain: 'alimentation',
    project: 'Jardins nourriciers',
    summary:
      'Des jardins maraîchers cultivés en insertion aux portes de la ville fournissent des paniers solidaires aux familles modestes et aux restaurants scolaires.\n\nSeize salariés en parcours y apprennent le maraîchage biologique ; la moitié trouvent ensuite un emploi ou une formation. Un second site est en préparation.',
  },
  {
    domain: 'equite_territoriale',
    project: 'Habiter les centres-bourgs',
    summary:
      'Une foncière solidaire rachète et rénove des logements vacants de centres-bourgs pour les louer à loyer modéré à des familles et à des jeunes actifs.\n\nDix-huit logements ont déjà été remis sur le marché, et les commerces voisins ont retrouvé des clients. La foncière ouvre son capital aux habitants et aux collectivités.',
  },
];

/** Motivations of the deliberation (the laureates', then the others'). */
const LAUREATE_MOTIVATIONS = [
  'Impact mesuré et documenté, modèle économique solide, stratégie de changement d’échelle crédible.',
  'Innovation sociale éprouvée sur son territoire, équipe solide et partenariats publics déjà engagés.',
  'Projet exemplaire par son ancrage local et la qualité de son évaluation d’impact ; essaimage bien préparé.',
];
const AUDITION_MOTIVATIONS = [
  'Projet prometteur, mais le modèle de changement d’échelle reste à consolider : le jury encourage une nouvelle candidature.',
  'Impact réel sur le territoire ; l’audition n’a pas convaincu sur la soutenabilité financière du déploiement.',
  'Forte qualité de l’accompagnement ; la mesure d’impact doit encore être structurée avant un changement d’échelle.',
];
const EVALUATION_MOTIVATIONS = [
  'Dossier recevable mais moins avancé que ceux retenus pour l’audition au regard des critères de la grille.',
  'Projet intéressant dont l’impact n’est pas encore suffisamment démontré pour un accompagnement au changement d’échelle.',
  'La stratégie d’essaimage est peu décrite ; le jury n’a pas retenu le dossier pour l’audition.',
];
const IRRECEVABLE_REASON =
  'Dossier irrecevable : la structure existe depuis moins de deux ans, condition d’éligibilité de l’appel.';

/** Projects of the other dossiers, by domain (a name and a line of summary). */
const OTHER_PROJECTS: Readonly<Record<ImpactDomain, readonly [string, string][]>> = {
  transition_ecologique: [
    ['Ressourcerie', 'Collecte, réemploi et revente d’objets pour réduire les déchets du territoire.'],
    ['Compost de quartier', 'Composteurs collectifs animés par des habitants formés au tri des biodéchets.'],
  ],
  economie_inclusive: [
    ['Atelier d’insertion', 'Un chantier d’insertion qui forme aux métiers du bâtiment et de la rénovation.'],
    ['Emploi accompagné', 'Un accompagnement renforcé vers l’emploi des jeunes sans qualification.'],
  ],
  reussite_educative: [
    ['Soutien scolaire solidaire', 'Du tutorat gratuit pour les élèves des quartiers prioritaires.'],
    ['Orientation ouverte', 'Des rencontres avec des professionnels pour élargir les choix d’orientation.'],
  ],
  sante: [
    ['Prévention santé', 'Des ateliers de prévention et de dépistage au plus près des habitants.'],
    ['Sport santé', 'Une activité physique adaptée pour les personnes atteintes de maladies chroniques.'],
  ],
  equite_territoriale: [
    ['Mobilité rurale', 'Du transport solidaire à la demande pour les habitants sans voiture.'],
    ['Services de proximité', 'Un point d’accueil qui rassemble des services publics et associatifs.'],
  ],
  liens_entre_generations: [
    ['Rencontres intergénérationnelles', 'Des ateliers partagés entre écoliers et résidents d’EHPAD.'],
    ['Visites solidaires', 'Des visites régulières de bénévoles aux personnes âgées isolées.'],
  ],
  culture: [
    ['Culture pour tous', 'Des spectacles et ateliers artistiques dans les lieux qui en sont privés.'],
    ['Patrimoine vivant', 'Des chantiers de restauration du patrimoine ouverts aux jeunes.'],
  ],
  alimentation: [
    ['Paniers solidaires', 'Des paniers de produits locaux à prix adaptés pour les familles modestes.'],
    ['Cuisine partagée', 'Une cuisine collective où les habitants apprennent à cuisiner le frais.'],
  ],
};

const FORM_DOMAINS: Partial<Record<ImpactDomain, string>> = {
  economie_inclusive: 'emploi',
  sante: 'sante',
  reussite_educative: 'education',
  transition_ecologique: 'environnement',
  alimentation: 'environnement',
};

/** A small seeded generator (mulberry32): the same data on every run. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A fixed uuid (version 4 layout) derived from a name. */
function demoUuid(name: string): string {
  const h = createHash('sha256').update(`french-impact-demo:${name}`).digest('hex');
  const variant = ((Number.parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A URL slug: lower case ASCII words joined by hyphens. */
export function slugify(text: string, max = 80): string {
  const slug = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
  return slug || 'laureat';
}

const at = (iso: string) => new Date(iso);
const pad = (n: number, width = 6) => String(n).padStart(width, '0');

interface DemoOrg {
  id: string;
  name: string;
  legal_form: string;
  domains: ImpactDomain[];
  siret: string | null;
  commune_code: string | null;
  founded_year: number | null;
}

type Outcome = 'laureat' | 'non_retenu_audition' | 'non_retenu_evaluation' | 'irrecevable';

const PATHS: Record<Outcome, DossierStatus[]> = {
  laureat: ['brouillon', 'depose', 'en_instruction', 'recevable', 'en_evaluation', 'auditionne', 'laureat'],
  non_retenu_audition: [
    'brouillon',
    'depose',
    'en_instruction',
    'recevable',
    'en_evaluation',
    'auditionne',
    'non_retenu',
  ],
  non_retenu_evaluation: [
    'brouillon',
    'depose',
    'en_instruction',
    'recevable',
    'en_evaluation',
    'non_retenu',
  ],
  irrecevable: ['brouillon', 'depose', 'en_instruction', 'irrecevable'],
};

/** When each step happened (the call closed on 16 March 2018; results published on 5 July 2018). */
const STEP_DATES: Record<string, string> = {
  en_instruction: '2018-03-20T09:00:00+01:00',
  recevable: '2018-04-06T17:00:00+02:00',
  irrecevable: '2018-04-06T17:00:00+02:00',
  en_evaluation: '2018-04-16T09:00:00+02:00',
  auditionne: '2018-05-25T18:00:00+02:00',
  laureat: '2018-07-05T10:00:00+02:00',
  non_retenu: '2018-07-05T10:00:00+02:00',
};
const RESULTS_PUBLISHED = '2018-07-05T10:00:00+02:00';

export interface DemoSelectionReport {
  dossiers: number;
  auditioned: number;
  laureates: number;
  /** Dossiers written by this run (0: the call had its dossiers already, or is missing). */
  inserted: number;
  durationMs: number;
}

async function counts(db: Db, callId: string): Promise<Omit<DemoSelectionReport, 'inserted' | 'durationMs'>> {
  const rows = await db
    .selectFrom('dossiers')
    .select((eb) => [
      eb.fn.countAll<string>().as('n'),
      eb.fn.count<string>('id').filterWhere('status', '=', 'laureat').as('laureates'),
    ])
    .where('call_id', '=', callId)
    .executeTakeFirstOrThrow();
  const auditioned = await db
    .selectFrom('auditions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('call_id', '=', callId)
    .executeTakeFirstOrThrow();
  return { dossiers: Number(rows.n), auditioned: Number(auditioned.n), laureates: Number(rows.laureates) };
}

/**
 * Seeds the finished « Pionniers French Impact 2018 » call (see the module's README). Needs the demo call
 * (calls module) and demo organisations (src/demo); takes the first 200 demo organisations by their key.
 */
export async function seedDemoSelection(db: Db): Promise<DemoSelectionReport> {
  const started = performance.now();
  const done = (c: Omit<DemoSelectionReport, 'inserted' | 'durationMs'>, inserted: number) => ({
    ...c,
    inserted,
    durationMs: Math.round(performance.now() - started),
  });
  const call = await db
    .selectFrom('calls')
    .select(['id', 'form_version'])
    .where('slug', '=', DEMO_COHORT_SLUG)
    .executeTakeFirst();
  if (!call || call.form_version < 1) return done({ dossiers: 0, auditioned: 0, laureates: 0 }, 0);
  const existing = await counts(db, call.id);
  if (existing.dossiers > 0) return done(existing, 0);

  const orgs = (await db
    .selectFrom('organisations')
    .select(['id', 'name', 'legal_form', 'domains', 'siret', 'commune_code', 'founded_year', 'region_code'])
    .where('source', '=', 'demo')
    .where('source_key', '~', '^[0-9]+$')
    .where('commune_code', 'is not', null)
    .where('closed_at', 'is', null)
    .orderBy((eb) => eb.cast('source_key', 'integer'))
    .limit(DEMO_COHORT.dossiers)
    .execute()) as (DemoOrg & { region_code: string | null })[];
  if (orgs.length < DEMO_COHORT.auditioned) return done(existing, 0);

  const random = generator(2018);
  const order = orgs.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }

  // Laureates: for each story, an organisation of its domain, in a région not taken yet when possible.
  const outcome = new Map<number, Outcome>();
  const storyOf = new Map<number, DemoStory>();
  const regions = new Set<string | null>();
  const pick = (accept: (o: (typeof orgs)[number]) => boolean) =>
    order.find((i) => !outcome.has(i) && accept(orgs[i] as (typeof orgs)[number]));
  for (const story of DEMO_STORIES.slice(0, DEMO_COHORT.laureates)) {
    const i =
      pick((o) => o.domains.includes(story.domain) && !regions.has(o.region_code)) ??
      pick((o) => o.domains.includes(story.domain)) ??
      pick(() => true);
    if (i === undefined) break;
    outcome.set(i, 'laureat');
    storyOf.set(i, story);
    regions.add(orgs[i]?.region_code ?? null);
  }
  let auditioned = outcome.size;
  let irrecevables = 0;
  for (const i of order) {
    if (outcome.has(i)) continue;
    if (auditioned < DEMO_COHORT.auditioned) {
      outcome.set(i, 'non_retenu_audition');
      auditioned++;
    } else if (irrecevables < DEMO_COHORT.irrecevables) {
      outcome.set(i, 'irrecevable');
      irrecevables++;
    } else outcome.set(i, 'non_retenu_evaluation');
  }

  const dossiers: Insertable<Tables['dossiers']>[] = [];
  const versions: Insertable<Tables['dossier_versions']>[] = [];
  const transitions: Insertable<Tables['dossier_transitions']>[] = [];
  const auditions: Insertable<Tables['auditions']>[] = [];
  const decisions: Insertable<Tables['deliberation_decisions']>[] = [];
  const stories: Insertable<Tables['laureate_stories']>[] = [];
  const slugs = new Set<string>();
  const closes = at('2018-03-16T12:00:00+01:00').getTime();
  let auditionSlot = 0;

  orgs.forEach((org, i) => {
    const result = outcome.get(i) as Outcome;
    const n = i + 1;
    const id = demoUuid(`pionniers-2018-dossier-${n}`);
    const reference = `FI-2018-${pad(n)}`;
    const story = storyOf.get(i);
    const domain = story?.domain ?? org.domains[0] ?? 'economie_inclusive';
    const others = OTHER_PROJECTS[domain];
    const [otherName, otherLine] = others[Math.floor(random() * others.length)] as [string, string];
    const project = story?.project ?? `${otherName} — ${org.name}`.slice(0, 120);
    const resume = story
      ? (story.summary.split('\n\n')[0] as string)
      : `${otherLine} Porté par ${org.name}, le projet veut changer d’échelle dans sa région.`;
    const formDomains = [
      ...new Set(org.domains.map((d) => FORM_DOMAINS[d]).filter((d): d is string => d !== undefined)),
    ].slice(0, 2);
    const partner = orgs[(i + 7) % orgs.length];
    const recent = result === 'irrecevable';
    const founded = recent ? 2017 : Math.min(org.founded_year ?? 2010, 2015);
    const answers: Record<string, unknown> = {
      nom_projet: project,
      resume,
      ...(org.siret ? { siret_porteur: org.siret } : {}),
      commune: org.commune_code,
      courriel: `contact@${slugify(org.name, 40)}.example.org`,
      statut:
        org.legal_form === 'association'
          ? 'association'
          : org.legal_form === 'cooperative'
            ? 'cooperative'
            : 'entreprise',
      domaines: formDomains.length > 0 ? formDomains : ['emploi'],
      plus_de_deux_ans: !recent,
      ...(recent
        ? {}
        : {
            date_creation: `${founded}-${pad(1 + Math.floor(random() * 12), 2)}-${pad(1 + Math.floor(random() * 28), 2)}`,
          }),
      salaries: Math.round(random() * 60) / 2,
      budget: (20 + Math.floor(random() * 480)) * 100_000,
      partenaires:
        partner?.siret && partner.id !== org.id
          ? [{ partenaire_nom: partner.name, partenaire_siret: partner.siret }]
          : [],
    };
    const submittedAt = new Date(closes - Math.floor(random() * 40 * 24 * 3600) * 1000);
    const status = PATHS[result][PATHS[result].length - 1] as DossierStatus;
    const decidedAt = at(STEP_DATES[status] as string);
    const reason =
      result === 'irrecevable'
        ? IRRECEVABLE_REASON
        : result === 'laureat'
          ? (LAUREATE_MOTIVATIONS[n % LAUREATE_MOTIVATIONS.length] as string)
          : result === 'non_retenu_audition'
            ? (AUDITION_MOTIVATIONS[n % AUDITION_MOTIVATIONS.length] as string)
            : (EVALUATION_MOTIVATIONS[n % EVALUATION_MOTIVATIONS.length] as string);
    dossiers.push({
      id,
      reference,
      call_id: call.id,
      organisation_id: org.id,
      form_version: 1,
      status,
      answers: JSON.stringify(answers),
      title: `${org.name} — Pionniers French Impact 2018`.slice(0, 300),
      created_at: new Date(submittedAt.getTime() - 5 * 24 * 3600_000),
      updated_at: decidedAt,
      first_submitted_at: submittedAt,
      last_submitted_at: submittedAt,
      decision_reason: reason,
      decided_at: decidedAt,
    });
    const digest = submissionDigest({
      reference,
      version: 1,
      formVersion: 1,
      answers: answers as never,
      files: [],
    });
    versions.push({
      dossier_id: id,
      version: 1,
      form_version: 1,
      answers: JSON.stringify(answers),
      submitted_at: submittedAt,
      submission_key: `demo-pionniers-2018-${pad(n)}`,
      receipt_number: `AR-2018-${pad(n)}`,
      digest,
      organisation_name: org.name,
      submitted_by_label: '',
    });
    const path = PATHS[result];
    path.forEach((to, k) => {
      const when =
        to === 'brouillon'
          ? new Date(submittedAt.getTime() - 5 * 24 * 3600_000)
          : to === 'depose'
            ? submittedAt
            : at(STEP_DATES[to] as string);
      transitions.push({
        dossier_id: id,
        from_status: k === 0 ? null : (path[k - 1] ?? null),
        to_status: to,
        reason: to === status ? reason : null,
        created_at: when,
      });
    });
    if (result === 'laureat' || result === 'non_retenu_audition') {
      const slot = auditionSlot++;
      const day = 4 + Math.floor(slot / 12);
      const minutes = 9 * 60 + (slot % 12) * 40;
      auditions.push({
        dossier_id: id,
        call_id: call.id,
        starts_at: at(
          `2018-06-${pad(day, 2)}T${pad(Math.floor(minutes / 60), 2)}:${pad(minutes % 60, 2)}:00+02:00`,
        ),
        duration_minutes: 30,
        place: 'Ministère de la Transition écologique et solidaire, salle du jury, Paris',
        calendar_uid: `audition-${id}@french-impact.demo`,
        calendar_sequence: 0,
        invited_at: at('2018-05-28T10:00:00+02:00'),
      });
    }
    if (result !== 'irrecevable')
      decisions.push({
        dossier_id: id,
        call_id: call.id,
        decision: result === 'laureat' ? 'laureat' : 'non_retenu',
        motivation: reason,
        updated_at: decidedAt,
      });
    if (story) {
      let slug = slugify(org.name);
      for (let k = 2; slugs.has(slug); k++) slug = `${slugify(org.name, 74)}-${k}`;
      slugs.add(slug);
      stories.push({
        dossier_id: id,
        call_id: call.id,
        organisation_id: org.id,
        slug,
        summary: story.summary,
        approved_at: at('2018-07-20T10:00:00+02:00'),
        updated_at: at('2018-07-20T10:00:00+02:00'),
      });
    }
  });

  await db.transaction().execute(async (trx) => {
    // Multi-row inserts, 500 rows a statement (under the protocol's limit of parameters).
    const chunks = async <R>(rows: R[], insert: (part: R[]) => Promise<unknown>) => {
      for (let k = 0; k < rows.length; k += 500) await insert(rows.slice(k, k + 500));
    };
    await chunks(dossiers, (part) => trx.insertInto('dossiers').values(part).execute());
    await chunks(versions, (part) => trx.insertInto('dossier_versions').values(part).execute());
    await chunks(transitions, (part) => trx.insertInto('dossier_transitions').values(part).execute());
    await trx
      .insertInto('selection_settings')
      .values({
        call_id: call.id,
        reviewers_per_dossier: 3,
        quota_min: 20,
        quota_max: 25,
        assignment_published_at: at('2018-04-16T09:00:00+02:00'),
        results_published_at: at(RESULTS_PUBLISHED),
      })
      .onConflict((oc) => oc.column('call_id').doUpdateSet({ results_published_at: at(RESULTS_PUBLISHED) }))
      .execute();
    await chunks(auditions, (part) => trx.insertInto('auditions').values(part).execute());
    await chunks(decisions, (part) => trx.insertInto('deliberation_decisions').values(part).execute());
    await chunks(stories, (part) => trx.insertInto('laureate_stories').values(part).execute());
  });
  return done(await counts(db, call.id), dossiers.length);
}
