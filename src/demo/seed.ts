import { seedFundingPartners } from '../modules/funding/index.js';
import type { Db } from '../platform/db/index.js';
import { seedGeography } from '../platform/geo/index.js';

/** What the seed needs of a logger: pino's and Fastify's fit, and so does a small console adapter. */
export interface SeedLogger {
  info(details: Record<string, unknown>, message: string): void;
}

export interface DemoSeedReport {
  geography: Awaited<ReturnType<typeof seedGeography>>;
  fundingPartners: Awaited<ReturnType<typeof seedFundingPartners>>;
  durationMs: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1).replace('.', ',')} s`;
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, '\u202f');
/** French plural: 0 and 1 take the singular. */
const plural = (n: number, one: string, many: string) => `${thousands(n)} ${n > 1 ? many : one}`;

/**
 * Loads the data a fresh platform shows: the official geography and the funding partners. Idempotent:
 * run it on every start or twice in a row, it only writes what is missing or changed, and logs how long
 * each part took. Organisations are not stored yet (their table comes with the organisations module).
 */
export async function seedDemoData(db: Db, { logger }: { logger: SeedLogger }): Promise<DemoSeedReport> {
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

  const durationMs = Math.round(performance.now() - started);
  logger.info({ seed: 'done', durationMs }, `Données de démonstration prêtes en ${seconds(durationMs)}`);
  return { geography, fundingPartners, durationMs };
}

/** True on a database that was migrated but never seeded (no région yet): the server seeds it at start. */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('geo_regions').select('code').limit(1).executeTakeFirst();
  return row === undefined;
}
