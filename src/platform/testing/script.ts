import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { type Database, type Db, openDatabase } from '../db/index.js';
import { createTestDatabase, testDatabaseUrl } from '../db/testing.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `scripts/<name>.ts` as `npm run <command>` does (tsx, project root, NODE_ENV=test), with `env` added;
 * without DATABASE_URL in `env`, the child never inherits one (it opens its PGlite folder).
 */
export function runScript(name: string, args: string[], env: Record<string, string>): Promise<ScriptRun> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `scripts/${name}.ts`, ...args], {
      cwd: ROOT,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A database a script opens (named by `env`), and a way for the test to use it between runs. */
export interface ScriptDatabase {
  /** DATABASE_URL (PostgreSQL runs) or DATA_DIR (PGlite) for runScript. */
  env: Record<string, string>;
  /** Opens the script's database between runs (PGlite allows one process at a time). */
  withDatabase<T>(use: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * A migrated database for a script under test: a fresh test database on PostgreSQL runs, else a PGlite
 * data folder in `dataDir` (made from the migrated template, as `npm start` would leave it).
 */
export async function scriptDatabase(dataDir: string): Promise<ScriptDatabase> {
  const url = testDatabaseUrl();
  if (url) {
    const database = await createTestDatabase();
    const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(database.db);
    const own = new URL(url);
    own.pathname = `/${rows[0]!.name}`;
    return {
      env: { DATABASE_URL: own.toString() },
      withDatabase: (use) => use(database.db),
      close: () => database.close(),
    };
  }
  const template = await createTestDatabase();
  const dump = await template.pglite!.dumpDataDir('none');
  await template.close();
  const prepared = await openDatabase({ dataDir, loadDataDir: dump });
  await prepared.close();
  return {
    env: { DATA_DIR: dataDir },
    async withDatabase(use) {
      const database: Database = await openDatabase({ dataDir });
      try {
        return await use(database.db);
      } finally {
        await database.close();
      }
    },
    close: async () => {},
  };
}
