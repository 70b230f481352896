import { sql } from 'kysely';
import { seedDemoCalls } from '../modules/calls/index.js';
import { seedFundingPartners } from '../modules/funding/index.js';
import { type BulkOrganisation, upsertOrganisations } from '../modules/organisations/index.js';
import { seedDemoSelection } from '../modules/selection/index.js';
import type { Db } from '../platform/db/index.js';
import { seedGeography } from '../platform/geo/index.js';
import { type GeneratedOrganisation, generateOrganisations } from './generator/index.js';

/** What the seed needs of a logger: pino's and Fastify's fit, and so does a small console adapter. */
export interface SeedLogger {
  info(details: Record<string, unknown>, message: string): void;
}

export interface DemoSeedReport {
  geography: Awaited<ReturnType<typeof seedGeography>>;
  fundingPartners: Awaited<ReturnType<typeof seedFundingPartners>>;
  calls: Awaited<ReturnType<typeof seedDemoCalls>>;
  selection: Awaited<ReturnType<typeof seedDemoSelection>>;
  organisations: DemoOrganisationsReport;
  durationMs: number;
}

export interface DemoOrganisationsReport {
  /** Demo organisations stored after the seed. */
  total: number;
  inserted: number;
  /** Marked members of the movement by this run. */
  movementMembers: number;
  durationMs: number;
}

/** Generated demo organisations on a fresh platform: enough for the directory to mean something. */
export const DEMO_ORGANISATIONS = 10_000;
/** The generator's seed for the demo data (the year French Impact was launched). */
export const DEMO_SEED = 2018;

/**
 * A few organisations a demonstration looks for by name (the acceptance of the directory): a real
 * mobility association, and fictitious ones with "éducation" in their description. Stored with the demo
 * rows under these keys.
 */
export const NOTABLE_ORGANISATIONS: readonly BulkOrganisation[] = [
  {
    source_key: 'wimoov',
    name: 'Wimoov',
    legal_form: 'association',
    categorie_juridique: '9220',
    commune_code: '75056',
    postal_code: '75011',
    domains: ['economie_inclusive', 'equite_territoriale'],
    description:
      'Wimoov accompagne vers une mobilité autonome et durable les personnes fragilisées : demandeurs ' +
      "d'emploi, jeunes, seniors, personnes en situation de handicap. Ses plateformes de mobilité " +
      'proposent diagnostic, conseil et formation partout en France.',
    website: 'https://www.wimoov.org',
    founded_year: 1995,
  },
  {
    source_key: 'notable-education-populaire',
    name: 'Maison de l’Éducation Populaire du Lot',
    legal_form: 'association',
    categorie_juridique: '9220',
    commune_code: '46102',
    domains: ['reussite_educative', 'culture'],
    description:
      'Association d’éducation populaire : ateliers de lecture, chantiers de jeunes et université ' +
      'populaire dans les villages du Lot.',
    founded_year: 1962,
  },
  {
    source_key: 'notable-education-numerique',
    name: 'Les Clés du Numérique',
    legal_form: 'entreprise_sociale',
    categorie_juridique: '5710',
    commune_code: '59350',
    domains: ['reussite_educative', 'economie_inclusive'],
    description:
      'Entreprise solidaire d’utilité sociale dédiée à l’éducation au numérique des familles et à la ' +
      'lutte contre l’illectronisme dans la métropole lilloise.',
    founded_year: 2016,
  },
  {
    source_key: 'notable-education-nature',
    name: 'Fondation Terres d’Éveil',
    legal_form: 'fondation',
    categorie_juridique: '9300',
    commune_code: '13055',
    domains: ['transition_ecologique', 'reussite_educative'],
    description:
      'La fondation soutient l’éducation à l’environnement dans les écoles de la région marseillaise : ' +
      'classes dehors, potagers scolaires et sorties en calanques.',
    founded_year: 2009,
  },
];

/** A generated organisation as the bulk upsert takes it (its index is its key in the demo source). */
export function demoOrganisationRow(o: GeneratedOrganisation): BulkOrganisation {
  return {
    source_key: String(o.index),
    name: o.name,
    legal_form: o.legal_form,
    categorie_juridique: o.categorie_juridique,
    siren: o.siren,
    siret: o.siret,
    rna: o.rna,
    commune_code: o.commune_code,
    postal_code: o.postal_code,
    domains: o.domains,
    description: o.description,
    website: o.website,
    size_band: o.size_band,
    founded_year: o.founded_year,
  };
}

/** About one in twenty demo organisations belongs to the movement (a fixed choice by index). */
export function isDemoMovementMember(index: number): boolean {
  return Math.imul(index + 1, 0x9e3779b1) >>> 0 < 0x0ccccccc;
}

/**
 * Stores `count` demo organisations and the notable ones, unless they are there already (a count
 * first: a second start generates nothing). Movement members accepted the first charter version.
 */
export async function seedDemoOrganisations(
  db: Db,
  count = DEMO_ORGANISATIONS,
): Promise<DemoOrganisationsReport> {
  const started = performance.now();
  const stored = async () =>
    Number(
      (
        await db
          .selectFrom('organisations')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('source', '=', 'demo')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const before = await stored();
  const expected = count + NOTABLE_ORGANISATIONS.length;
  if (before >= expected) {
    return {
      total: before,
      inserted: 0,
      movementMembers: 0,
      durationMs: Math.round(performance.now() - started),
    };
  }
  const communes = await db
    .selectFrom('geo_communes')
    .select(['code', 'name', 'departement_code', 'region_code', 'population', 'postal_codes'])
    .execute();
  let inserted = 0;
  const members: string[] = [];
  let batch: BulkOrganisation[] = [...NOTABLE_ORGANISATIONS];
  const flush = async () => {
    inserted += (await upsertOrganisations(db, 'demo', batch)).inserted;
    batch = [];
  };
  for (const o of generateOrganisations({ seed: DEMO_SEED, count, communes })) {
    batch.push(demoOrganisationRow(o));
    if (isDemoMovementMember(o.index)) members.push(String(o.index));
    if (batch.length >= 1000) await flush();
  }
  await flush();
  members.push('wimoov');
  // They accepted the first charter (migration 0012) on a fixed date: the banner and its history agree.
  const marked = await sql`
    WITH joined AS (
      UPDATE organisations
      SET movement_joined_at = timestamptz '2024-06-01 10:00:00+00',
        change_seq = nextval('organisations_change_seq')
      WHERE source = 'demo' AND source_key = ANY(${members}::text[]) AND movement_joined_at IS NULL
      RETURNING id, movement_joined_at
    )
    INSERT INTO movement_memberships (organisation_id, charter_version, accepted_at)
    SELECT id, (SELECT min(version) FROM charter_versions), movement_joined_at FROM joined`.execute(db);
  return {
    total: await stored(),
    inserted,
    movementMembers: Number(marked.numAffectedRows ?? 0),
    durationMs: Math.round(performance.now() - started),
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1).replace('.', ',')} s`;
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, '\u202f');
/** French plural: 0 and 1 take the singular. */
const plural = (n: number, one: string, many: string) => `${thousands(n)} ${n > 1 ? many : one}`;

/**
 * Loads the data a fresh platform shows: the official geography, the funding partners and demo
 * organisations (DEMO_ORGANISATIONS unless `organisations` says how many). Idempotent: run it on every
 * start or twice in a row, it only writes what is missing or changed, and logs how long each part took.
 */
export async function seedDemoData(
  db: Db,
  {
    logger,
    organisations: organisationCount = DEMO_ORGANISATIONS,
  }: { logger: SeedLogger; organisations?: number },
): Promise<DemoSeedReport> {
  const started = performance.now();

  const geography = await seedGeography(db);
  logger.info(
    { seed: 'geography', ...geography },
    `Géographie officielle (COG, @etalab/decoupage-administratif ${geography.dataVersion}) : ` +
      `${geography.regions} régions, ${geography.departements} départements, ` +
      `${thousands(geography.communes)} communes (${plural(geography.changed, 'ligne écrite', 'lignes écrites')}) ` +
      `en ${seconds(geography.durationMs)}`,
  );

  const fundingPartners = await seedFundingPartners(db);
  logger.info(
    { seed: 'funding_partners', ...fundingPartners },
    `Partenaires financiers : ${fundingPartners.total} (${plural(fundingPartners.inserted, 'ajouté', 'ajoutés')}) ` +
      `en ${seconds(fundingPartners.durationMs)}`,
  );

  const organisations = await seedDemoOrganisations(db, organisationCount);
  logger.info(
    { seed: 'organisations', ...organisations },
    `Organisations de démonstration : ${thousands(organisations.total)} ` +
      `(${plural(organisations.inserted, 'ajoutée', 'ajoutées')}) en ${seconds(organisations.durationMs)}`,
  );

  const calls = await seedDemoCalls(db);
  logger.info(
    { seed: 'calls', ...calls },
    `Appels de démonstration : ${calls.total} (${plural(calls.inserted, 'ajouté', 'ajoutés')})`,
  );

  // The finished Pionniers 2018 call: its dossiers, auditions, decisions and laureates (module selection).
  const selection = await seedDemoSelection(db);
  logger.info(
    { seed: 'selection', ...selection },
    `Appel « Pionniers French Impact 2018 » : ${plural(selection.dossiers, 'dossier', 'dossiers')}, ` +
      `${plural(selection.auditioned, 'audition', 'auditions')}, ${plural(selection.laureates, 'lauréat', 'lauréats')} ` +
      `(${plural(selection.inserted, 'dossier écrit', 'dossiers écrits')}) en ${seconds(selection.durationMs)}`,
  );

  const durationMs = Math.round(performance.now() - started);
  logger.info({ seed: 'done', durationMs }, `Données de démonstration prêtes en ${seconds(durationMs)}`);
  return { geography, fundingPartners, organisations, calls, selection, durationMs };
}

/** True on a database that was migrated but never seeded (no région yet): the server seeds it at start. */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('geo_regions').select('code').limit(1).executeTakeFirst();
  return row === undefined;
}
