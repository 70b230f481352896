import { createHash } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { createPglite } from './pglite.js';
import { PgliteThread } from './pglite.thread.js';
import type { Tables } from './schema.js';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<Tables>;
  engine: Engine;
  /** The embedded engine itself, when it is the one in use on this thread (dumps and clones for tests). */
  pglite?: PGlite;
  close(): Promise<void>;
}

export type OpenOptions =
  | { databaseUrl: string; poolSize?: number }
  /**
   * dataDir: a folder, or 'memory://'. loadDataDir: a dump to start from (skips initdb).
   * thread: run PGlite in a worker thread (the server does, so that HTTP and the database share the cores);
   * onThreadFailure: that thread stopped without being closed (every query fails from then on).
   */
  | { dataDir: string; loadDataDir?: Blob; thread?: boolean; onThreadFailure?: (error: Error) => void };

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
  const engine = {
    dataDir: options.dataDir,
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  };
  if (options.thread) {
    const thread = await PgliteThread.start(engine, options.onThreadFailure);
    // One client, kept: PGlite is one connection, and its prepared statements live as long as it does.
    const pool = preparedStatements(new pg.Pool({ ...thread.clientConfig(), max: 1, idleTimeoutMillis: 0 }));
    const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      engine: 'pglite',
      close: async () => {
        await db.destroy();
        await thread.close();
      },
    };
  }
  const pglite = await createPglite(engine);
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
