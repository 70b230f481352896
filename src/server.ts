import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { isDatabaseEmpty, seedDemoData } from './demo/seed.js';
import { accountsJobHandlers, schedulePurge } from './modules/accounts/index.js';
import {
  dossiersNotifyJobHandlers,
  exportsJobHandlers,
  submissionJobHandlers,
} from './modules/dossiers/index.js';
import { selectionAssignmentJobHandlers, selectionJuryJobHandlers } from './modules/selection/index.js';
import { migrate, openConfiguredDatabase } from './platform/db/index.js';
import { removeStaleTemporaryFiles } from './platform/files/index.js';
import { JobWorker } from './platform/jobs/index.js';
import { createMailer } from './platform/mail/index.js';

/** Boot: config → database (migrated, demo data when empty) → app → listen. */
async function main() {
  const config = loadConfig();
  // PGlite in a thread of its own (PGLITE_THREAD): HTTP and the embedded database each get a core. Should
  // that thread stop, every request would fail: the process ends, for its supervisor to start it again.
  const database = await openConfiguredDatabase(config, {
    thread: config.PGLITE_THREAD,
    onThreadFailure: (error) => {
      process.stderr.write(`La base de données intégrée s’est arrêtée : ${error.message}\n`);
      process.exit(1);
    },
  });
  await migrate(database.db);
  const mailer = createMailer(config, database.db);
  const app = await buildApp({ config, database, mailer });
  // Uploads cut by a crash leave temporary files behind: those older than a day are nobody's any more.
  const stale = await removeStaleTemporaryFiles(config.FILES_DIR, 24 * 3600_000);
  if (stale > 0) app.log.info({ stale }, 'stale temporary upload files removed');
  const baseUrl = (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, '');
  if (config.SEED_ON_START && (await isDatabaseEmpty(database.db))) {
    await seedDemoData(database.db, { logger: app.log });
  }
  // Requests being served now: jobs give way to them (a deadline rush is not slowed by e-mails and PDFs).
  let inFlight = 0;
  app.server.on('request', (_request, response) => {
    inFlight++;
    response.once('close', () => inFlight--);
  });
  // Every job type of the platform and its modules, by name.
  const worker = new JobWorker({
    db: database.db,
    logger: app.log,
    busy: () => inFlight > 0,
    handlers: {
      ...mailer.handlers,
      ...accountsJobHandlers(database.db, app.log),
      ...submissionJobHandlers({ db: database.db, mailer, baseUrl }),
      ...dossiersNotifyJobHandlers({ db: database.db, mailer, baseUrl }),
      ...exportsJobHandlers({ db: database.db, files: app.files, baseUrl }),
      ...selectionAssignmentJobHandlers({ db: database.db, mailer, baseUrl }),
      ...selectionJuryJobHandlers({ db: database.db, mailer, baseUrl }),
    },
  });
  await app.listen({ host: config.HOST, port: config.PORT });
  // Recurring jobs: queued by every worker instance, one job per period thanks to their dedupe keys.
  let stopSchedules = () => {};
  if (config.JOBS_WORKER) {
    worker.start();
    stopSchedules = schedulePurge(database.db, { logger: app.log, onQueued: () => worker.wake() });
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    stopSchedules();
    await app.close(); // stops taking requests, finishes those in flight
    await worker.stop(); // waits for the running job
    mailer.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Démarrage impossible : ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
