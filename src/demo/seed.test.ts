import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { callState } from '../modules/calls/index.js';
import type { Database } from '../platform/db/database.js';
import { createTestDatabase } from '../platform/db/testing.js';
import {
  DEMO_ORGANISATIONS,
  isDatabaseEmpty,
  isDemoMovementMember,
  NOTABLE_ORGANISATIONS,
  seedDemoData,
} from './seed.js';

/** Fewer than the default, to keep the test short: the same code path. */
const COUNT = 400;

describe('demo seed', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  test('a fresh database is empty; seeded, it has the geography, the partners and organisations, and says how long it took', async () => {
    assert.equal(await isDatabaseEmpty(database.db), true);
    const messages: string[] = [];
    const report = await seedDemoData(database.db, {
      logger: { info: (_details, message) => messages.push(message) },
      organisations: COUNT,
    });
    assert.equal(await isDatabaseEmpty(database.db), false);
    assert.equal(report.geography.regions, 18);
    assert.equal(report.geography.departements, 101);
    assert.equal(report.fundingPartners.total, 6);
    assert.equal(report.organisations.total, COUNT + NOTABLE_ORGANISATIONS.length);
    assert.equal(report.organisations.inserted, COUNT + NOTABLE_ORGANISATIONS.length);
    assert.equal(report.calls.inserted, 3);
    // One call of each group of /appels on the day of this writing: closed, open (permanent), coming.
    const calls = await database.db.selectFrom('calls').selectAll().orderBy('opens_at').execute();
    assert.deepEqual(
      calls.map((c) => [c.slug, callState(c, new Date('2026-11-27T12:00:00Z'))]),
      [
        ['pionniers-french-impact-2018', 'closed'],
        ['fonds-amorcage-french-impact', 'open'],
        ['territoires-french-impact-2027', 'coming'],
      ],
    );
    assert.equal(report.selection.dossiers, 200);
    assert.equal(report.selection.auditioned, 45);
    assert.equal(report.selection.laureates, 22);
    assert.equal(messages.length, 6);
    assert.match(
      messages[0]!,
      /^Géographie officielle .*18 régions, 101 départements, 34\u202f\d{3} communes .* en \d+,\d s$/,
    );
    assert.match(messages[1]!, /^Partenaires financiers : 6 \(6 ajoutés\) en \d+,\d s$/);
    assert.match(messages[2]!, /^Organisations de démonstration : 404 \(404 ajoutées\) en \d+,\d s$/);
    assert.match(messages[3]!, /^Appels de démonstration : 3 \(3 ajoutés\)$/);
    assert.match(
      messages[4]!,
      /^Appel « Pionniers French Impact 2018 » : 200 dossiers, 45 auditions, 22 lauréats \(200 dossiers écrits\) en \d+,\d s$/,
    );
    assert.match(messages[5]!, /^Données de démonstration prêtes en \d+,\d s$/);
  });

  test('demo organisations: placed in their commune, about one in twenty in the movement, Wimoov among them', async () => {
    const { db } = database;
    const rows = await db
      .selectFrom('organisations')
      .select([
        'name',
        'source_key',
        'commune_name',
        'departement_code',
        'region_code',
        'movement_joined_at',
        'closed_at',
      ])
      .where('source', '=', 'demo')
      .execute();
    assert.equal(rows.length, COUNT + NOTABLE_ORGANISATIONS.length);
    assert.ok(
      rows.every((r) => r.commune_name && r.departement_code && r.region_code && r.closed_at === null),
    );
    const members = rows.filter((r) => r.movement_joined_at !== null);
    const expected = Array.from({ length: COUNT }, (_, i) => i).filter(isDemoMovementMember).length + 1;
    assert.equal(members.length, expected);
    assert.ok(members.length > COUNT * 0.02 && members.length < COUNT * 0.09);
    const wimoov = rows.find((r) => r.source_key === 'wimoov');
    assert.equal(wimoov?.name, 'Wimoov');
    assert.notEqual(wimoov?.movement_joined_at, null);
    const education = await db
      .selectFrom('organisations')
      .select('name')
      .where(sql<boolean>`search_vector @@ plainto_tsquery('fr_unaccent', 'education')`)
      .execute();
    assert.ok(education.length >= 3);
    assert.equal(DEMO_ORGANISATIONS, 10_000);
  });

  test('seeding again writes nothing', async () => {
    const before = await sql<{ seq: string }>`SELECT max(change_seq)::text AS seq FROM organisations`.execute(
      database.db,
    );
    const report = await seedDemoData(database.db, { logger: { info: () => {} }, organisations: COUNT });
    assert.equal(report.geography.changed, 0);
    assert.equal(report.fundingPartners.inserted, 0);
    assert.equal(report.organisations.inserted, 0);
    assert.equal(report.organisations.movementMembers, 0);
    assert.equal(report.calls.inserted, 0);
    assert.equal(report.selection.inserted, 0);
    const after = await sql<{ seq: string }>`SELECT max(change_seq)::text AS seq FROM organisations`.execute(
      database.db,
    );
    assert.equal(after.rows[0]!.seq, before.rows[0]!.seq);
    assert.equal(report.geography.communes > 34_500, true);
  });
});
