import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type Database, openDatabase } from './database.js';
import { migrate, migrationsDigest } from './migrate.js';

const CACHE_DIR = fileURLToPath(new URL('../../../.cache/test-db/', import.meta.url));
const pgliteVersion: string = JSON.parse(
  readFileSync(new URL('../../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8'),
).version;

/** The PostgreSQL server the test run uses, when it runs against PostgreSQL (`npm run test:pg`). */
export function testDatabaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

/**
 * A fresh, migrated, empty database for one test file.
 * On PGlite: loaded from a migrated dump cached under .cache/ (about 1 s instead of 3 s for initdb).
 * On PostgreSQL: a new database copied from a migrated template database, dropped by close().
 */
export async function createTestDatabase(): Promise<Database> {
  const url = testDatabaseUrl();
  return url ? createPostgresTestDatabase(url) : createPgliteTestDatabase();
}

async function createPgliteTestDatabase(): Promise<Database> {
  const file = join(CACHE_DIR, `pglite-${pgliteVersion}-${migrationsDigest()}.tar`);
  if (!existsSync(file)) {
    const fresh = await openDatabase({ dataDir: 'memory://' });
    await migrate(fresh.db);
    const dump = await fresh.pglite!.dumpDataDir('none');
    mkdirSync(CACHE_DIR, { recursive: true });
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, file); // atomic: parallel test files never read half a file
    return fresh;
  }
  return openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([readFileSync(file)]) });
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function createPostgresTestDatabase(url: string): Promise<Database> {
  const template = `fi_template_${migrationsDigest()}`;
  const name = `fi_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(7102019)');
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${template}`);
      const tpl = await openDatabase({ databaseUrl: withDatabase(url, template), poolSize: 1 });
      try {
        await migrate(tpl.db);
      } finally {
        await tpl.close();
      }
    }
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    await admin.query('SELECT pg_advisory_unlock(7102019)');
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ databaseUrl: withDatabase(url, name), poolSize: 5 });
  return {
    ...database,
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      try {
        // pg.Pool#end() resolves before its clients have disconnected. Wait (bounded) for their server
        // processes to exit: a forced drop would otherwise kill a connection still closing, whose client
        // then throws an uncaught "terminating connection due to administrator command".
        for (let i = 0; i < 250; i++) {
          const { rows } = await dropper.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
            [name],
          );
          if (rows[0]?.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
