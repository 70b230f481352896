import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Database } from './database.js';
import { migrate, migrateDown, readMigrations } from './migrate.js';
import { createTestDatabase } from './testing.js';

describe('database (same behaviour on PGlite and PostgreSQL)', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  test('every migration is recorded once, and migrating again changes nothing', async () => {
    const rows = await database.db.selectFrom('schema_migrations').select(['version', 'name']).execute();
    assert.deepEqual(
      rows.map((r) => r.version),
      readMigrations().map((m) => m.version),
    );
    assert.deepEqual(await migrate(database.db), []);
  });

  test('French search ignores accents and stems words', async () => {
    const { rows } = await sql<{ hit: boolean }>`
      SELECT to_tsvector('fr_unaccent', 'Économie sociale et solidaire, réussite éducative')
        @@ websearch_to_tsquery('fr_unaccent', 'economies educatif') AS hit`.execute(database.db);
    assert.equal(rows[0]?.hit, true);
  });

  test('trigram similarity tolerates a typo in a name', async () => {
    const { rows } = await sql<{ s: number }>`
      SELECT similarity(f_unaccent('Les Ateliers du Bocage'), f_unaccent('les ateliers du bocag')) AS s`.execute(
      database.db,
    );
    assert.ok(Number(rows[0]?.s) > 0.6, `similarity ${rows[0]?.s}`);
  });

  test('the last migration can be undone and applied again', async () => {
    const last = readMigrations().at(-1)!;
    const undone = await migrateDown(database.db, 1);
    assert.deepEqual(
      undone.map((m) => m.version),
      [last.version],
    );
    const applied = await migrate(database.db);
    assert.deepEqual(
      applied.map((m) => m.version),
      [last.version],
    );
  });
});
