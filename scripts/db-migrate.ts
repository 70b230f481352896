// npm run db:migrate            applies pending migrations to the configured database
// npm run db:migrate -- --down  undoes the last one (--down=N for N)
import { loadConfig } from '../src/config.js';
import { migrate, migrateDown, openConfiguredDatabase } from '../src/platform/db/index.js';

const config = loadConfig();
const database = await openConfiguredDatabase(config);
try {
  const down = process.argv.find((a) => a.startsWith('--down'));
  if (down) {
    const steps = Number(down.split('=')[1] ?? 1);
    for (const m of await migrateDown(database.db, steps)) console.log(`annulée : ${m.version}_${m.name}`);
  } else {
    const applied = await migrate(database.db);
    for (const m of applied) console.log(`appliquée : ${m.version}_${m.name}`);
    console.log(applied.length ? `${applied.length} migration(s) appliquée(s).` : 'Base déjà à jour.');
  }
} finally {
  await database.close();
}
