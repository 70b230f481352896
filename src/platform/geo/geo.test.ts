import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../db/database.js';
import { createTestDatabase } from '../db/testing.js';
import {
  countGeography,
  findCommune,
  findDepartement,
  listDepartements,
  listRegions,
  readCogReference,
  searchCommunes,
  seedGeography,
} from './index.js';

describe('official geography (COG)', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
    await seedGeography(database.db);
  });
  after(() => database.close());

  test('France has 18 régions, 101 départements and about 34,900 current communes', async () => {
    const counts = await countGeography(database.db);
    assert.equal(counts.regions, 18);
    assert.equal(counts.departements, 101);
    assert.ok(counts.communes > 34_500 && counts.communes < 35_500, `${counts.communes} communes`);
    assert.equal(counts.communes, readCogReference().communes.length);
  });

  test('a commune knows its département and région', async () => {
    const paris = await findCommune(database.db, '75056');
    assert.ok(paris);
    assert.deepEqual(
      [paris.name, paris.departement_code, paris.region_code, paris.region_name],
      ['Paris', '75', '11', 'Île-de-France'],
    );
    assert.ok(paris.postal_codes.includes('75015') && paris.postal_codes.includes('75116'));
    assert.ok((paris.population ?? 0) > 2_000_000);

    const saintDenis = await findCommune(database.db, '97411');
    assert.deepEqual(
      saintDenis && [
        saintDenis.name,
        saintDenis.departement_code,
        saintDenis.departement_name,
        saintDenis.region_code,
      ],
      ['Saint-Denis', '974', 'La Réunion', '04'],
    );
    const ajaccio = await findCommune(database.db, '2A004');
    assert.equal(ajaccio?.departement_code, '2A');
    assert.equal(ajaccio?.region_name, 'Corse');
  });

  test('neither former communes, nor municipal arrondissements, nor overseas collectivities are communes', async () => {
    assert.equal(await findCommune(database.db, '75101'), undefined); // Paris 1er arrondissement
    assert.equal(await findCommune(database.db, '97502'), undefined); // Saint-Pierre (Saint-Pierre-et-Miquelon)
    assert.equal(await findDepartement(database.db, '975'), undefined);
    assert.equal(await findCommune(database.db, '99999'), undefined);
  });

  test('régions by name, ignoring accents; départements of a région by code', async () => {
    const regions = await listRegions(database.db);
    const names = regions.map((r) => r.name);
    assert.equal(names[0], 'Auvergne-Rhône-Alpes');
    assert.ok(names.indexOf('Île-de-France') > names.indexOf('Hauts-de-France'));
    assert.ok(names.indexOf('Île-de-France') < names.indexOf('La Réunion'));
    assert.deepEqual(
      (await listDepartements(database.db, '53')).map((d) => `${d.code} ${d.name}`),
      ["22 Côtes-d'Armor", '29 Finistère', '35 Ille-et-Vilaine', '56 Morbihan'],
    );
    assert.deepEqual(
      (await listDepartements(database.db, '94')).map((d) => d.code),
      ['2A', '2B'],
    );
    assert.equal((await listDepartements(database.db)).length, 101);
    assert.deepEqual(await listDepartements(database.db, '99'), []);
  });

  test('search by the start of a name, ignoring accents, case, hyphens and abbreviations', async () => {
    for (const query of [
      'saint etienne',
      'Saint-Étienne',
      'SAINT-ETIENNE',
      'st etienne',
      'St-Étienne',
      '  saint  étienne',
    ]) {
      const found = await searchCommunes(database.db, query);
      assert.equal(found[0]?.code, '42218', query);
      assert.equal(found[0]?.name, 'Saint-Étienne');
    }
    const all = await searchCommunes(database.db, 'saint etienne', { limit: 100 });
    assert.ok(all.length > 10, `${all.length} results`);
    assert.ok(
      all.every((c) => c.name.startsWith('Saint-Étienne')),
      'only names that start with the query',
    );

    assert.deepEqual(
      (await searchCommunes(database.db, "l'hay les")).map((c) => c.code),
      ['94038'],
    );
    const inLoire = await searchCommunes(database.db, 'saint', { departementCode: '42', limit: 5 });
    assert.equal(inLoire.length, 5);
    assert.ok(inLoire.every((c) => c.departement_code === '42'));
  });

  test('the most populous commune of a common name comes first, the exact name before the rest', async () => {
    const found = await searchCommunes(database.db, 'saint-denis', { limit: 3 });
    assert.equal(found[0]?.code, '97411'); // La Réunion, 155,000 inhabitants
    assert.equal(found[1]?.code, '93066'); // Seine-Saint-Denis
    const paris = await searchCommunes(database.db, 'pari');
    assert.equal(paris[0]?.code, '75056');
  });

  test('a query with no letter finds nothing, and the limit is bounded', async () => {
    assert.deepEqual(await searchCommunes(database.db, ''), []);
    assert.deepEqual(await searchCommunes(database.db, " -' %_ "), []);
    assert.deepEqual(await searchCommunes(database.db, '%'), []);
    assert.deepEqual(await searchCommunes(database.db, 'zzzzzz'), []);
    assert.equal((await searchCommunes(database.db, 'a', { limit: 1_000 })).length, 100);
  });

  test('seeding again changes nothing, and repairs a row that drifted', async () => {
    const before = await countGeography(database.db);
    await database.db
      .updateTable('geo_communes')
      .set({ name: 'Sainté' })
      .where('code', '=', '42218')
      .execute();
    const report = await seedGeography(database.db);
    assert.equal(report.changed, 1);
    assert.deepEqual(
      { regions: report.regions, departements: report.departements, communes: report.communes },
      before,
    );
    assert.equal((await findCommune(database.db, '42218'))?.name, 'Saint-Étienne');
    assert.equal((await seedGeography(database.db)).changed, 0);
  });
});
