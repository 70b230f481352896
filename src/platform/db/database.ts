import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Tables } from './schema.js';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<Tables>;
  engine: Engine;
  /** The embedded engine itself, when it is the one in use (dumps and clones for tests). */
  pglite?: PGlite;
  close(): Promise<void>;
}

export type OpenOptions =
  | { databaseUrl: string; poolSize?: number }
  /** dataDir: a folder, or 'memory://'. loadDataDir: a dump to start from (skips initdb). */
  | { dataDir: string; loadDataDir?: Blob };

/** PGlite's contrib extensions that the migrations create. */
export const pgliteExtensions = { unaccent, pg_trgm };

/**
 * Opens the embedded engine (PGlite) or PostgreSQL, behind the same Kysely API.
 * PGlite is one connection: queries run one after another, so transactions must stay short.
 */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if ('databaseUrl' in options) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  if (!options.dataDir.startsWith('memory://')) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create(options.dataDir, {
    extensions: pgliteExtensions,
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const pool = new pg.Pool(createPgConfig(pglite));
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'pglite',
    pglite,
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}
