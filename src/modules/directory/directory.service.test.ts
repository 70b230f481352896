import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { generateOrganisations } from '../../demo/generator/index.js';
import { demoOrganisationRow } from '../../demo/seed.js';
import type { Database } from '../../platform/db/database.js';
import { createTestDatabase } from '../../platform/db/testing.js';
import { seedGeography } from '../../platform/geo/index.js';
import { type BulkOrganisation, upsertOrganisations } from '../organisations/organisations.bulk.js';
import type { ImpactDomain, LegalForm } from '../organisations/organisations.tables.js';
import { createDirectory, type Directory } from './directory.service.js';
import {
  DIRECTORY_MAX_RESULTS,
  DIRECTORY_PER_PAGE,
  type DirectoryQuery,
  type DirectoryResult,
} from './directory.types.js';

/** Generated organisations: more than DIRECTORY_MAX_RESULTS, so that the last reachable page exists. */
const GENERATED = DIRECTORY_MAX_RESULTS + 400;

const FIXED: BulkOrganisation[] = [
  {
    source_key: 'fixed-wimoov',
    name: 'Wimoov',
    legal_form: 'association',
    rna: 'W751234567',
    commune_code: '75056',
    domains: ['economie_inclusive', 'equite_territoriale'],
    description:
      'Plateformes de mobilité : accompagner vers une mobilité autonome et durable les personnes en insertion.',
  },
  {
    source_key: 'fixed-ruche',
    name: 'Ruche',
    legal_form: 'cooperative',
    commune_code: '69123',
    description: 'Un tiers-lieu coopératif.',
  },
  {
    source_key: 'fixed-la-ruche',
    name: 'La Ruche',
    legal_form: 'association',
    commune_code: '69123',
    description: 'Un tiers-lieu associatif.',
  },
  {
    source_key: 'fixed-brindille',
    name: 'Les Ateliers Brindille',
    legal_form: 'association',
    siren: '552100554',
    siret: '55210055400013',
    commune_code: '46102',
    domains: ['reussite_educative'],
    description: "Une association d'éducation populaire qui ouvre ses ateliers aux enfants du quartier.",
  },
  {
    source_key: 'fixed-bois-flotte',
    name: 'Atelier Bois Flotté',
    legal_form: 'entreprise_sociale',
    commune_code: '29019',
    description: 'Du bois flotté à la brindille, tout se répare et se transforme.',
  },
];

const everything: DirectoryQuery = {
  q: '',
  legalForms: [],
  domains: [],
  regions: [],
  departements: [],
  movementOnly: false,
  sort: 'relevance',
  page: 1,
};
const ask = (query: Partial<DirectoryQuery>): DirectoryQuery => ({
  ...everything,
  ...query,
});

describe('directory search', () => {
  let database: Database;
  let directory: Directory;

  before(async () => {
    database = await createTestDatabase();
    const { db } = database;
    await seedGeography(db);
    const communes = await db
      .selectFrom('geo_communes')
      .select(['code', 'name', 'departement_code', 'region_code', 'population', 'postal_codes'])
      .execute();
    let batch: BulkOrganisation[] = [];
    for (const o of generateOrganisations({
      seed: 'directory-tests',
      count: GENERATED,
      communes,
    })) {
      batch.push({ ...demoOrganisationRow(o), closed: o.index % 50 === 7 });
      if (batch.length === 2000) {
        await upsertOrganisations(db, 'demo', batch);
        batch = [];
      }
    }
    await upsertOrganisations(db, 'demo', [...batch, ...FIXED]);
    await sql`UPDATE organisations SET movement_joined_at = now(), change_seq = nextval('organisations_change_seq')
      WHERE source_key ~ '^[0-9]+$' AND source_key::int % 19 = 3`.execute(db);
    directory = createDirectory({ db, batchSize: 1500 });
    await directory.ready();
  });
  after(async () => {
    await directory?.close();
    await database.close();
  });

  const names = (result: DirectoryResult) => result.hits.map((h) => h.name);

  test('loads every open organisation, closed ones left out', async () => {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM organisations WHERE closed_at IS NULL`.execute(database.db);
    assert.equal(directory.stats().state, 'ready');
    assert.equal(directory.stats().alive, rows[0]!.n);
    assert.equal((await directory.search(everything)).total, rows[0]!.n);
  });

  test('an exact name comes first, before a name that sorts earlier', async () => {
    const result = await directory.search(ask({ q: 'Ruche' }));
    assert.deepEqual(names(result).slice(0, 2), ['Ruche', 'La Ruche']);
    const other = await directory.search(ask({ q: 'la ruche' }));
    assert.equal(names(other)[0], 'La Ruche');
  });

  test('a name match comes before a description match, even when the name sorts later', async () => {
    const result = await directory.search(ask({ q: 'brindille' }));
    assert.deepEqual(names(result), ['Les Ateliers Brindille', 'Atelier Bois Flotté']);
    const byName = await directory.search(ask({ q: 'brindille', sort: 'name' }));
    assert.deepEqual(names(byName), ['Atelier Bois Flotté', 'Les Ateliers Brindille']);
  });

  test('accents are ignored and words are stemmed: "education" finds "éducation", "associations" finds "association"', async () => {
    const education = await directory.search(ask({ q: 'education brindille' }));
    assert.deepEqual(names(education), ['Les Ateliers Brindille']);
    const plural = await directory.search(ask({ q: 'associations brindille' }));
    assert.deepEqual(names(plural), ['Les Ateliers Brindille']);
    const { rows } = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM organisations
      WHERE closed_at IS NULL AND search_vector @@ plainto_tsquery('fr_unaccent', 'éducation')`.execute(
      database.db,
    );
    assert.ok(rows[0]!.n > 1);
    assert.equal((await directory.search(ask({ q: 'EDUCATION' }))).total, rows[0]!.n);
  });

  test('a name with a typo finds the name, and says how it read it', async () => {
    const result = await directory.search(ask({ q: 'Wimov' }));
    assert.equal(names(result)[0], 'Wimoov');
    assert.deepEqual(result.corrections, [{ from: 'wimov', to: 'wimoov' }]);
    const exact = await directory.search(ask({ q: 'wimoov' }));
    assert.deepEqual(exact.corrections, []);
    // The SQL search (while the index loads) reads words that find nothing as a close name.
    const bySql = await directory.searchWithSql(ask({ q: 'Wimov' }));
    assert.equal(names(bySql)[0], 'Wimoov');
    assert.deepEqual(bySql.corrections, [{ from: 'wimov', to: 'wimoov' }]);
  });

  test('a SIREN, a SIRET or an RNA number (spaces allowed) finds the organisation carrying it', async () => {
    const siren = await directory.search(ask({ q: '552 100 554' }));
    assert.equal(siren.identifier, 'siren');
    assert.deepEqual(names(siren), ['Les Ateliers Brindille']);
    const siret = await directory.search(ask({ q: '552 100 554 00013' }));
    assert.equal(siret.identifier, 'siret');
    assert.deepEqual(names(siret), ['Les Ateliers Brindille']);
    const rna = await directory.search(ask({ q: 'w751234567' }));
    assert.equal(rna.identifier, 'rna');
    assert.deepEqual(names(rna), ['Wimoov']);
    const generated = await sql<{ siren: string; name: string }>`
      SELECT siren, name FROM organisations WHERE source_key = '42'`.execute(database.db);
    const row = generated.rows[0]!;
    assert.deepEqual(names(await directory.search(ask({ q: row.siren }))), [row.name]);
    assert.equal((await directory.search(ask({ q: '000000000' }))).total, 0);
  });

  test('a commune name finds the organisations of that commune', async () => {
    const result = await directory.search(ask({ q: 'Figeac' }));
    assert.ok(result.hits.some((h) => h.name === 'Les Ateliers Brindille'));
    const hit = result.hits.find((h) => h.name === 'Les Ateliers Brindille')!;
    assert.equal(hit.commune_name, 'Figeac');
    assert.equal(hit.departement_code, '46');
    assert.equal(hit.region_code, '76');
    assert.deepEqual(hit.domains, ['reussite_educative']);
    assert.equal(hit.siren, '552100554');
    assert.equal(hit.hasLogo, false);
    assert.match(hit.excerpt, /^Une association d'éducation populaire/);
  });

  test('facet counts equal a count(*) of the same filters in SQL, for any combination', async () => {
    const { db } = database;
    const regions = (await db.selectFrom('geo_regions').select('code').execute()).map((r) => r.code);
    const departements = ['75', '69', '13', '33', '46', '59', '2A', '974', '67'];
    const legalForms: LegalForm[] = [
      'association',
      'cooperative',
      'fondation',
      'mutuelle',
      'entreprise_sociale',
    ];
    const domains: ImpactDomain[] = ['sante', 'culture', 'alimentation', 'reussite_educative'];
    const words = ['', 'association', 'jardins', 'solidaire insertion', 'handicap', 'culture lyon'];
    const where = (q: DirectoryQuery, except: string | null) => {
      const parts = [sql`closed_at IS NULL`];
      if (q.q) parts.push(sql`search_vector @@ plainto_tsquery('fr_unaccent', ${q.q})`);
      if (except !== 'legal_form' && q.legalForms.length)
        parts.push(sql`legal_form = ANY(${[...q.legalForms]}::text[])`);
      if (except !== 'domain' && q.domains.length) parts.push(sql`domains && ${[...q.domains]}::text[]`);
      if (except !== 'region' && q.regions.length)
        parts.push(sql`region_code = ANY(${[...q.regions]}::text[])`);
      if (except !== 'departement' && q.departements.length)
        parts.push(sql`departement_code = ANY(${[...q.departements]}::text[])`);
      if (except !== 'movement' && q.movementOnly) parts.push(sql`movement_joined_at IS NOT NULL`);
      return sql.join(parts, sql` AND `);
    };
    const counted = async (q: DirectoryQuery, column: string, except: string) => {
      const from = column === 'd' ? sql`organisations, unnest(domains) d` : sql`organisations`;
      const { rows } = await sql<{ value: string; n: number }>`
        SELECT ${sql.raw(column)} AS value, count(*)::int AS n FROM ${from}
        WHERE ${where(q, except)} AND ${sql.raw(column)} IS NOT NULL GROUP BY 1`.execute(db);
      return Object.fromEntries(rows.map((r) => [r.value, r.n]));
    };
    const asObject = (counts: { value: string; count: number }[]) =>
      Object.fromEntries(counts.map((c) => [c.value, c.count]));

    await fc.assert(
      fc.asyncProperty(
        fc.record({
          q: fc.constantFrom(...words),
          legalForms: fc.subarray(legalForms, { maxLength: 2 }),
          domains: fc.subarray(domains, { maxLength: 2 }),
          regions: fc.subarray(regions, { maxLength: 2 }),
          departements: fc.subarray(departements, { maxLength: 2 }),
          movementOnly: fc.boolean(),
        }),
        async (filters) => {
          const query = ask(filters);
          const result = await directory.search(query);
          const total = await sql<{ n: number }>`
            SELECT count(*)::int AS n FROM organisations WHERE ${where(query, null)}`.execute(db);
          assert.equal(result.total, total.rows[0]!.n);
          assert.deepEqual(
            asObject(result.facets.legal_form),
            await counted(query, 'legal_form', 'legal_form'),
          );
          assert.deepEqual(asObject(result.facets.domain), await counted(query, 'd', 'domain'));
          assert.deepEqual(asObject(result.facets.region), await counted(query, 'region_code', 'region'));
          assert.deepEqual(
            asObject(result.facets.departement),
            await counted(query, 'departement_code', 'departement'),
          );
          const movement = await sql<{
            n: number;
          }>`SELECT count(*)::int AS n FROM organisations
            WHERE ${where(query, 'movement')} AND movement_joined_at IS NOT NULL`.execute(db);
          assert.equal(result.facets.movement, movement.rows[0]!.n);
          assert.equal(result.hits.length, Math.min(DIRECTORY_PER_PAGE, result.total));
        },
      ),
      { numRuns: 25, seed: 4 },
    );
  });

  test('the SQL fallback gives the same totals, facets and name order as the index', async () => {
    const queries = [
      everything,
      ask({ q: 'association' }),
      ask({ q: 'jardins partagés', regions: ['84', '11'] }),
      ask({ legalForms: ['cooperative'], movementOnly: true }),
      ask({
        q: 'solidaire',
        domains: ['economie_inclusive'],
        sort: 'name',
        page: 3,
      }),
      ask({ departements: ['75'], sort: 'name', page: 2 }),
      ask({ q: '552100554' }),
    ];
    for (const query of queries) {
      const index = await directory.search(query);
      const fallback = await directory.searchWithSql(query);
      assert.equal(index.total, fallback.total, JSON.stringify(query));
      assert.deepEqual(index.facets, fallback.facets, JSON.stringify(query));
      assert.equal(index.pageCount, fallback.pageCount);
      assert.equal(index.identifier, fallback.identifier);
      if (query.sort === 'name' || query.q === '') assert.deepEqual(names(index), names(fallback));
    }
  });

  test('deep pages follow the same order as the first, and nothing is paged beyond the limit', async () => {
    const first = await directory.search(ask({ sort: 'name' }));
    assert.ok(first.total > DIRECTORY_MAX_RESULTS);
    assert.equal(first.pageCount, DIRECTORY_MAX_RESULTS / DIRECTORY_PER_PAGE);
    const page50 = await directory.search(ask({ sort: 'name', page: 50 }));
    assert.equal(page50.page, 50);
    assert.equal(page50.hits.length, DIRECTORY_PER_PAGE);
    assert.deepEqual(
      page50.hits.map((h) => h.id),
      (await directory.searchWithSql(ask({ sort: 'name', page: 50 }))).hits.map((h) => h.id),
    );
    const last = await directory.search(ask({ sort: 'name', page: first.pageCount }));
    assert.equal(last.hits.length, DIRECTORY_PER_PAGE);
    const beyond = await directory.search(ask({ sort: 'name', page: first.pageCount + 1 }));
    assert.deepEqual(beyond.hits, []);
    assert.equal(beyond.total, first.total);
    const byWords = await directory.search(ask({ q: 'association', page: 50 }));
    const byWordsBefore = await directory.search(ask({ q: 'association', page: 49 }));
    const seen = new Set(byWordsBefore.hits.map((h) => h.id));
    assert.ok(byWords.hits.length > 0 && byWords.hits.every((h) => !seen.has(h.id)));
  });

  test('a change is found at the next search: a new organisation, a new name, a closing', async () => {
    const { db } = database;
    const created = await db
      .insertInto('organisations')
      .values({
        name: 'Zébulon Mobilités',
        legal_form: 'association',
        description: 'Vélos partagés.',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    assert.deepEqual(names(await directory.search(ask({ q: 'zebulon' }))), ['Zébulon Mobilités']);

    await db
      .updateTable('organisations')
      .set({
        name: 'Trottinette Solidaire Zigomar',
        change_seq: sql`nextval('organisations_change_seq')`,
      })
      .where('id', '=', created.id)
      .execute();
    assert.equal((await directory.search(ask({ q: 'zebulon' }))).total, 0);
    assert.deepEqual(names(await directory.search(ask({ q: 'zigomar' }))), ['Trottinette Solidaire Zigomar']);
    const byName = await directory.search(ask({ q: 'Trottinette Solidaire Zigomar' }));
    assert.equal(byName.hits[0]?.id, created.id);

    const before = (await directory.search(everything)).total;
    await upsertOrganisations(db, 'demo', [{ ...FIXED[0]!, closed: true }]);
    assert.equal((await directory.search(ask({ q: 'wimoov' }))).total, 0);
    assert.equal((await directory.search(everything)).total, before - 1);
    await upsertOrganisations(db, 'demo', [FIXED[0]!]);
    assert.deepEqual(names(await directory.search(ask({ q: 'wimoov' }))), ['Wimoov']);
    assert.equal((await directory.search(everything)).total, before);
    assert.ok(directory.stats().indexSearches > 0);
  });

  test('a change committed late (a sequence value older than one already seen) is still found', async () => {
    const { db } = database;
    // Take a sequence value, let a later one be seen by a search, then commit the earlier one.
    const early = await sql<{
      seq: string;
    }>`SELECT nextval('organisations_change_seq')::text AS seq`.execute(db);
    await db
      .insertInto('organisations')
      .values({
        name: 'Premier Arrivé',
        legal_form: 'fondation',
        description: '',
      })
      .execute();
    assert.equal((await directory.search(ask({ q: 'premier arrive' }))).total, 1);
    await sql`INSERT INTO organisations (name, legal_form, change_seq)
      VALUES ('Retardataire Ondulé', 'fondation', ${early.rows[0]!.seq}::bigint)`.execute(db);
    assert.deepEqual(names(await directory.search(ask({ q: 'retardataire' }))), ['Retardataire Ondulé']);
  });
});

describe('directory search before its index is loaded', () => {
  test('answers with SQL, then with the index, the same totals', async () => {
    const database = await createTestDatabase();
    try {
      await upsertOrganisations(database.db, 'demo', FIXED);
      const directory = createDirectory({ db: database.db });
      const early = await directory.search(ask({ q: 'ruche' }));
      assert.equal(directory.stats().fallbackSearches, 1);
      await directory.ready();
      const late = await directory.search(ask({ q: 'ruche' }));
      assert.equal(directory.stats().indexSearches, 1);
      assert.equal(early.total, 2);
      assert.equal(late.total, 2);
      await directory.close();
      assert.equal(directory.stats().state, 'closed');
    } finally {
      await database.close();
    }
  });
});
