import type { ColumnType, Kysely, Transaction } from 'kysely';

/**
 * The database's tables as Kysely sees them. The platform declares its own tables here; each module adds
 * its tables by declaration merging from its own `*.tables.ts` file:
 *
 *   declare module '../../platform/db/schema.js' { interface Tables { organisations: OrganisationsTable } }
 *
 * so that the platform never imports a module.
 */
export interface Tables {
  schema_migrations: SchemaMigrationsTable;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: ColumnType<Date, never, never>;
}

export type Db = Kysely<Tables>;
/** A database handle or an open transaction: what every `*.queries.ts` function takes first. */
export type DbOrTx = Kysely<Tables> | Transaction<Tables>;
