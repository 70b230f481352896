/**
 * `npm run db:seed`: migrates the configured database (DATABASE_URL, else PGlite in DATA_DIR), then loads
 * the demo data (official geography, funding partners). Safe to run again: it only writes what changed.
 */
import { ConfigError, loadConfig } from '../src/config.js';
import { seedDemoData } from '../src/demo/seed.js';
import { migrate, openConfiguredDatabase } from '../src/platform/db/index.js';

const consoleLogger = {
  info(_details: Record<string, unknown>, message: string): void {
    console.log(message);
  },
};

async function main(): Promise<void> {
  const config = loadConfig();
  const where = config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite (${config.DATA_DIR})`;
  console.log(`Base de données : ${where}`);
  const started = performance.now();
  const database = await openConfiguredDatabase(config);
  try {
    const applied = await migrate(database.db);
    console.log(
      applied.length === 0
        ? 'Migrations : à jour'
        : `Migrations appliquées : ${applied.map((m) => `${String(m.version).padStart(4, '0')}_${m.name}`).join(', ')}`,
    );
    await seedDemoData(database.db, { logger: consoleLogger });
  } finally {
    await database.close();
  }
  console.log(`Terminé en ${((performance.now() - started) / 1000).toFixed(1).replace('.', ',')} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
});
