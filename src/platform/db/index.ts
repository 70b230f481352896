export { type Database, type Engine, type OpenOptions, openDatabase } from './database.js';
export { migrate, migrateDown, readMigrations } from './migrate.js';
export type { Db, DbOrTx, Tables } from './schema.js';

import type { Config } from '../../config.js';
import { type Database, openDatabase } from './database.js';

/**
 * The database the configuration names: PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR.
 * `thread`: PGlite runs in a worker thread of its own (the server; short scripts keep it on theirs);
 * `onThreadFailure`: that thread stopped without being closed.
 */
export function openConfiguredDatabase(
  config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'>,
  options: { thread?: boolean; onThreadFailure?: (error: Error) => void } = {},
): Promise<Database> {
  return config.DATABASE_URL
    ? openDatabase({ databaseUrl: config.DATABASE_URL })
    : openDatabase({
        dataDir: config.DATA_DIR,
        thread: options.thread ?? false,
        ...(options.onThreadFailure ? { onThreadFailure: options.onThreadFailure } : {}),
      });
}
