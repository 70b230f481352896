import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../platform/db/database.js';
import { createTestDatabase } from '../../platform/db/testing.js';
import { findPartnerBySlug, listPartners, SEED_PARTNERS, seedFundingPartners } from './index.js';

describe('funding partners', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  test('the seed adds the partners named at the launch, and the State', async () => {
    const report = await seedFundingPartners(database.db);
    assert.equal(report.inserted, 6);
    assert.equal(report.total, 6);
    const partners = await listPartners(database.db);
    assert.deepEqual(
      partners.map((p) => p.short_name),
      ['BNP Paribas', 'Bpifrance', 'Caisse des Dépôts', 'Crédit Coopératif', 'État', 'France Active'],
    );
    assert.deepEqual(
      partners
        .filter((p) => p.kind === 'public')
        .map((p) => p.slug)
        .sort(),
      ['bpifrance', 'caisse-des-depots', 'etat'],
    );
    for (const p of partners) {
      assert.match(p.website ?? '', /^https:\/\/[a-z0-9.-]+\.[a-z]+$/, p.slug);
      assert.match(p.description, /^\S.{40,}\.$/u, p.slug);
      assert.ok(p.created_at instanceof Date);
    }
  });

  test('seeding again adds nothing and keeps what was edited since', async () => {
    await database.db
      .updateTable('funding_partners')
      .set({ description: 'Description revue par le financeur.' })
      .where('slug', '=', 'bpifrance')
      .execute();
    const report = await seedFundingPartners(database.db);
    assert.deepEqual([report.inserted, report.total], [0, SEED_PARTNERS.length]);
    const bpi = await findPartnerBySlug(database.db, 'bpifrance');
    assert.equal(bpi?.description, 'Description revue par le financeur.');
    assert.equal(await findPartnerBySlug(database.db, 'inconnu'), undefined);
  });

  test('a slug is unique and a kind is public or private', async () => {
    const base = { name: 'Test', short_name: 'Test', website: null, description: '' };
    await assert.rejects(
      database.db
        .insertInto('funding_partners')
        .values({ ...base, slug: 'etat', kind: 'public' })
        .execute(),
      /unique|duplicate/i,
    );
    await assert.rejects(
      database.db
        .insertInto('funding_partners')
        .values({ ...base, slug: 'mecene', kind: 'mixed' as 'public' })
        .execute(),
      /check constraint/i,
    );
  });
});
