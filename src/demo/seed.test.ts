import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../platform/db/database.js';
import { createTestDatabase } from '../platform/db/testing.js';
import { isDatabaseEmpty, seedDemoData } from './seed.js';

describe('demo seed', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  test('a fresh database is empty; seeded, it has the geography and the partners, and says how long it took', async () => {
    assert.equal(await isDatabaseEmpty(database.db), true);
    const messages: string[] = [];
    const report = await seedDemoData(database.db, {
      logger: { info: (_details, message) => messages.push(message) },
    });
    assert.equal(await isDatabaseEmpty(database.db), false);
    assert.equal(report.geography.regions, 18);
    assert.equal(report.geography.departements, 101);
    assert.equal(report.fundingPartners.total, 6);
    assert.equal(messages.length, 3);
    assert.match(
      messages[0]!,
      /^Géographie officielle .*18 régions, 101 départements, 34\u202f\d{3} communes .* en \d+,\d s$/,
    );
    assert.match(messages[1]!, /^Partenaires financiers : 6 \(6 ajoutés\) en \d+,\d s$/);
    assert.match(messages[2]!, /^Données de démonstration prêtes en \d+,\d s$/);
  });

  test('seeding again writes nothing', async () => {
    const report = await seedDemoData(database.db, { logger: { info: () => {} } });
    assert.equal(report.geography.changed, 0);
    assert.equal(report.fundingPartners.inserted, 0);
    assert.equal(report.geography.communes > 34_500, true);
  });
});
