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

  test('on the embedded engine, a query with parameters is prepared once and reused; others are not', async (t) => {
    if (database.engine !== 'pglite') return t.skip('PostgreSQL connections keep unnamed statements');
    const prepared = async () => {
      const { rows } = await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(
        database.db,
      );
      return rows.map((r) => r.statement);
    };
    const before = await prepared();
    const find = (version: number) =>
      database.db.selectFrom('schema_migrations').select('name').where('version', '=', version).execute();
    const first = await find(1);
    const again = await find(2);
    assert.equal(first.length, 1);
    assert.equal(again.length, 1);
    assert.notEqual(first[0]?.name, again[0]?.name, 'each run binds its own parameters');
    const after = await prepared();
    const mine = after.filter((s) => s.startsWith('select "name" from "schema_migrations"'));
    assert.equal(mine.length, 1, 'one prepared statement for both runs');
    assert.equal(after.length - before.length, 1);
    // A text without parameters (several statements at once) still runs, unprepared.
    await sql.raw('SELECT 1; SELECT 2').execute(database.db);
    assert.equal((await prepared()).length, after.length);
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
