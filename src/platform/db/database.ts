import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
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
  const pool = preparedStatements(new pg.Pool(createPgConfig(pglite)));
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

/** At most this many distinct statements are prepared on the embedded engine's one connection. */
export const MAX_PREPARED_STATEMENTS = 2000;

/**
 * The embedded engine spends most of a short query parsing and planning it. Queries with parameters are
 * sent as named prepared statements (the name is a digest of the SQL text): the connection parses each
 * text once, then only binds and runs it, and PostgreSQL may keep a generic plan. Texts without
 * parameters (migrations, several statements at once) stay unnamed, and so do texts beyond
 * MAX_PREPARED_STATEMENTS (lists of varying length), so that the connection's memory stays bounded.
 */
export function preparedStatements(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>();
  function nameOf(text: string): string | undefined {
    let name = names.get(text);
    if (name === undefined && names.size < MAX_PREPARED_STATEMENTS) {
      name = `s${createHash('sha1').update(text).digest('base64url')}`;
      names.set(text, name);
    }
    return name;
  }
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      const query = (text: string | object, values?: readonly unknown[]) => {
        if (typeof text !== 'string') return client.query(text as pg.Submittable);
        const name = values && values.length > 0 ? nameOf(text) : undefined;
        return name === undefined
          ? client.query(text, values as unknown[])
          : client.query({ name, text, values: values as unknown[] });
      };
      return {
        query,
        release: (destroy?: boolean) => client.release(destroy),
      } as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}
