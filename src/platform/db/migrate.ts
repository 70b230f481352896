import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './schema.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;
const DOWN_MARKER = /^--\s*migrate:down\s*$/m;
/** Any fixed number: every instance takes the same transaction-level lock while it migrates. */
const LOCK_KEY = 7_102_018;

export interface Migration {
  version: number;
  name: string;
  up: string;
  down: string;
  checksum: string;
}

/** Reads `migrations/NNNN_module_what.sql`; the part after `-- migrate:down` undoes the rest. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((file) => {
      const match = FILE_NAME.exec(file);
      if (!match) throw new Error(`Nom de migration invalide : ${file} (attendu NNNN_module_objet.sql)`);
      const text = readFileSync(join(dir, file), 'utf8');
      const [up = '', down = ''] = text.split(DOWN_MARKER);
      return {
        version: Number(match[1]),
        name: match[2]!,
        up,
        down,
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    });
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migrations non contiguës : ${m.version} en position ${i + 1}`);
  });
  return migrations;
}

/** A digest of every migration: names a migrated template that can be reused while it is unchanged. */
export function migrationsDigest(dir = MIGRATIONS_DIR): string {
  const hash = createHash('sha256');
  for (const m of readMigrations(dir)) hash.update(`${m.version}:${m.checksum}\n`);
  return hash.digest('hex').slice(0, 16);
}

async function ensureTable(db: Db): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
}

/**
 * Applies every pending migration, each in its own transaction, and refuses to run when an applied
 * migration was edited afterwards. Safe when several instances start at once (transaction lock).
 */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const migrations = readMigrations(dir);
  await ensureTable(db);
  const applied: Migration[] = [];
  for (const migration of migrations) {
    const done = await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
      const row = await trx
        .selectFrom('schema_migrations')
        .select(['checksum'])
        .where('version', '=', migration.version)
        .executeTakeFirst();
      if (row) {
        if (row.checksum !== migration.checksum) {
          throw new Error(
            `La migration ${migration.version}_${migration.name} a été modifiée après son application : ` +
              'écrivez une nouvelle migration au lieu de modifier celle-ci.',
          );
        }
        return true;
      }
      await sql.raw(migration.up).execute(trx);
      await trx
        .insertInto('schema_migrations')
        .values({ version: migration.version, name: migration.name, checksum: migration.checksum })
        .execute();
      return false;
    });
    if (!done) applied.push(migration);
  }
  return applied;
}

/** Undoes the last `steps` applied migrations with their `-- migrate:down` part. */
export async function migrateDown(db: Db, steps = 1, dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const byVersion = new Map(readMigrations(dir).map((m) => [m.version, m]));
  await ensureTable(db);
  const rows = await db
    .selectFrom('schema_migrations')
    .select('version')
    .orderBy('version', 'desc')
    .limit(steps)
    .execute();
  const undone: Migration[] = [];
  for (const { version } of rows) {
    const migration = byVersion.get(version);
    if (!migration?.down.trim())
      throw new Error(`La migration ${version} n'a pas de partie « migrate:down ».`);
    await db.transaction().execute(async (trx) => {
      await sql.raw(migration.down).execute(trx);
      await trx.deleteFrom('schema_migrations').where('version', '=', version).execute();
    });
    undone.push(migration);
  }
  return undone;
}
