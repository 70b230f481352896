import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from '../../../platform/db/index.js';
import { createTestDatabase } from '../../../platform/db/testing.js';
import { seedGeography } from '../../../platform/geo/index.js';
import { ImportError, type ImportOptions, importFile } from './import.service.js';
import { rnaSource } from './rna.js';
import { sireneSource } from './sirene.js';
import type { ImportSource } from './source.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const SIRENE = join(FIXTURES, 'sirene-stock-unite-legale.csv');
const RNA = join(FIXTURES, 'rna-waldec.csv');
const RNA_LATIN1 = join(FIXTURES, 'rna-waldec-latin1.csv');

let database: Database;
const dir = mkdtempSync(join(tmpdir(), 'fi-imports-'));

before(async () => {
  database = await createTestDatabase();
  await seedGeography(database.db);
});
after(async () => {
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await database.db.deleteFrom('organisations').where('source', 'in', ['sirene', 'rna']).execute();
  await database.db.deleteFrom('organisation_imports').execute();
});

/** A copy of a fixture in the temporary folder (its rejects file goes next to it). */
function copy(fixture: string, name: string): string {
  const path = join(dir, name);
  copyFileSync(fixture, path);
  rmSync(`${path}.rejets.csv`, { force: true });
  return path;
}

function run(source: ImportSource, file: string, options: Partial<ImportOptions> = {}) {
  return importFile(database.db, source, { file, ...options });
}

/** What the directory would show of the imported rows (no ids, no timestamps). */
function stored(source: 'sirene' | 'rna') {
  return database.db
    .selectFrom('organisations')
    .select([
      'source_key',
      'name',
      'legal_form',
      'categorie_juridique',
      'siren',
      'siret',
      'rna',
      'naf_code',
      'address',
      'postal_code',
      'commune_code',
      'commune_name',
      'departement_code',
      'description',
      'website',
      'size_band',
      'founded_year',
      sql<boolean>`closed_at IS NOT NULL`.as('closed'),
    ])
    .where('source', '=', source)
    .orderBy('source_key')
    .execute();
}

function counts(s: {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  rejected: number;
}) {
  const { read, inserted, updated, unchanged, skipped, rejected } = s;
  return { read, inserted, updated, unchanged, skipped, rejected };
}

const SIRENE_REJECTS = [
  'ligne;raison',
  '16;SIREN invalide (clé de contrôle) : 123456788',
  '17;35 champs au lieu de 34',
  '18;caractère inattendu après un guillemet fermant',
  '19;date de création invalide : « 2001-13-45 »',
  '20;nom vide',
  '',
].join('\n');

describe('SIRENE stock import', () => {
  test('keeps the active ESS units, maps them, skips the others, rejects broken lines with their reason', async () => {
    const file = copy(SIRENE, 'sirene.csv');
    const summary = await run(sireneSource, file);
    assert.deepEqual(counts(summary), {
      read: 22,
      inserted: 13,
      updated: 0,
      unchanged: 0,
      skipped: 4,
      rejected: 5,
    });
    assert.equal(summary.finished, true);
    assert.equal(readFileSync(`${file}.rejets.csv`, 'utf8'), SIRENE_REJECTS);

    const rows = await stored('sirene');
    assert.equal(rows.length, 13);
    const byName = new Map(rows.map((r) => [r.name, r]));
    assert.deepEqual(
      rows.map((r) => [r.name, r.legal_form]),
      [
        ['ASSOCIATION SOLIDARITE EMPLOI DU VAL', 'association'],
        ['FONDATION POUR L INSERTION PAR LE SPORT', 'fondation'],
        ['SCOP LES MENUISIERS ASSOCIES', 'cooperative'],
        ['COOPERATIVE ENERGIES CITOYENNES', 'cooperative'],
        ['MUTUELLE SANTE DES TERRITOIRES', 'mutuelle'],
        ['SOCIETE D ASSURANCE MUTUELLE DU LITTORAL', 'mutuelle'],
        ['CENTRE COMMUNAL D ACTION SOCIALE DE SAINT-DIE', 'collectivite'],
        ['RECYCLERIE ENGAGEE SAS', 'entreprise_engagee'],
        ['TRAITEUR D INSERTION SAS', 'entreprise_sociale'],
        ['CAMILLE MARTIN', 'entreprise_sociale'],
        ['LES AMIS, DU QUARTIER "LIBERTE"', 'association'],
        ['ASSOCIATION A L ANCIENNE NOMENCLATURE', 'association'],
        ['ASSOCIATION PARTIELLEMENT DIFFUSIBLE', 'association'],
      ],
    );
    assert.deepEqual(byName.get('ASSOCIATION SOLIDARITE EMPLOI DU VAL'), {
      source_key: '100000017',
      name: 'ASSOCIATION SOLIDARITE EMPLOI DU VAL',
      legal_form: 'association',
      categorie_juridique: '9220',
      siren: '100000017',
      siret: '10000001700010',
      rna: null,
      naf_code: '88.99B',
      address: null,
      postal_code: null,
      // StockUniteLegale holds no address.
      commune_code: null,
      commune_name: null,
      departement_code: null,
      description: '',
      website: null,
      size_band: '11',
      founded_year: 1998,
      closed: false,
    });
    assert.equal(byName.get('LES AMIS, DU QUARTIER "LIBERTE"')!.rna, 'W751234567');
    assert.equal(byName.get('ASSOCIATION A L ANCIENNE NOMENCLATURE')!.naf_code, null); // NAFRev1
    assert.equal(byName.get('ASSOCIATION A L ANCIENNE NOMENCLATURE')!.founded_year, null);
    assert.equal(byName.get('ASSOCIATION PARTIELLEMENT DIFFUSIBLE')!.siret, null); // NIC 99999: invalid SIRET
    assert.equal(byName.get('TRAITEUR D INSERTION SAS')!.size_band, 'NN');
    // Skipped: not ESS, ESS unknown, closed and never imported, a partly non-diffusible person.
    const keys = new Set(rows.map((r) => r.source_key));
    for (const skipped of ['100000116', '100000124', '100000132', '100000140'])
      assert.ok(!keys.has(skipped), skipped);

    const progress = await database.db.selectFrom('organisation_imports').selectAll().execute();
    assert.equal(progress.length, 1);
    assert.equal(progress[0]!.kind, 'sirene');
    assert.equal(Number(progress[0]!.lines_read), 22);
    assert.equal(Number(progress[0]!.bytes_read), readFileSync(file).length);
    assert.ok(progress[0]!.finished_at);
    const audit = await database.db
      .selectFrom('audit_events')
      .select(['action', 'summary'])
      .where('object_id', '=', progress[0]!.id)
      .execute();
    assert.deepEqual(audit, [
      {
        action: 'organisations.import',
        summary: {
          source: 'sirene',
          file: 'sirene.csv',
          read: 22,
          inserted: 13,
          updated: 0,
          skipped: 4,
          rejected: 5,
        },
      },
    ]);
  });

  test('running the same file again changes nothing', async () => {
    const file = copy(SIRENE, 'sirene-again.csv');
    await run(sireneSource, file);
    const before = await stored('sirene');
    const seq = await database.db
      .selectFrom('organisations')
      .select(sql<string>`max(change_seq)`.as('m'))
      .executeTakeFirstOrThrow();
    const again = await run(sireneSource, file, { batchSize: 4 });
    assert.deepEqual(counts(again), {
      read: 22,
      inserted: 0,
      updated: 0,
      unchanged: 13,
      skipped: 4,
      rejected: 5,
    });
    assert.deepEqual(await stored('sirene'), before);
    const seqAfter = await database.db
      .selectFrom('organisations')
      .select(sql<string>`max(change_seq)`.as('m'))
      .executeTakeFirstOrThrow();
    assert.equal(seqAfter.m, seq.m);
    assert.equal(readFileSync(`${file}.rejets.csv`, 'utf8'), SIRENE_REJECTS);
  });

  test('a unit imported before and closed since is closed; changed data is updated; closed incomplete units skipped', async () => {
    const file = copy(SIRENE, 'sirene-v1.csv');
    await run(sireneSource, file);
    const lines = readFileSync(file, 'utf8').split('\n');
    const later = join(dir, 'sirene-v2.csv');
    writeFileSync(
      later,
      [
        lines[0],
        lines[1]!.replace(',A,,,ASSOCIATION SOLIDARITE', ',C,,,ASSOCIATION SOLIDARITE'),
        lines[2]!.replace('FONDATION POUR L INSERTION', 'FONDATION POUR L INCLUSION'),
        lines[3],
        // Closed and purged (no name): out of scope, skipped rather than reported.
        lines[19]!.replace(',2008-01-01,A,', ',2008-01-01,C,'),
        '',
      ].join('\n'),
    );
    const summary = await run(sireneSource, later);
    assert.deepEqual(counts(summary), {
      read: 4,
      inserted: 0,
      updated: 2,
      unchanged: 1,
      skipped: 1,
      rejected: 0,
    });
    const rows = new Map((await stored('sirene')).map((r) => [r.source_key, r]));
    assert.equal(rows.get('100000017')!.closed, true);
    assert.equal(rows.get('100000025')!.name, 'FONDATION POUR L INCLUSION PAR LE SPORT');
    assert.equal(rows.get('100000033')!.closed, false);
    assert.equal(existsSync(`${later}.rejets.csv`), false);
  });

  test('an interrupted run resumes after its last committed batch: same final state, no duplicates', async () => {
    const full = copy(SIRENE, 'sirene-full.csv');
    await run(sireneSource, full);
    const expected = await stored('sirene');
    await database.db.deleteFrom('organisations').where('source', '=', 'sirene').execute();
    await database.db.deleteFrom('organisation_imports').execute();

    const file = copy(SIRENE, 'sirene-resume.csv');
    const first = await run(sireneSource, file, { batchSize: 5, stopAfterBatches: 3 });
    assert.equal(first.finished, false);
    assert.equal(first.read, 15);
    assert.equal(first.nextLine, 17);
    const progress = await database.db
      .selectFrom('organisation_imports')
      .selectAll()
      .executeTakeFirstOrThrow();
    assert.equal(progress.finished_at, null);
    assert.equal(Number(progress.lines_read), 15);
    assert.equal((await stored('sirene')).length, 10);

    // An uncommitted batch had written its rejected lines: the resumed run drops them and writes them again.
    writeFileSync(
      `${file}.rejets.csv`,
      `${readFileSync(`${file}.rejets.csv`, 'utf8')}17;rejet d’un lot non validé\n`,
    );

    const second = await run(sireneSource, file, { batchSize: 5 });
    assert.equal(second.finished, true);
    assert.equal(second.resumedAtLine, 17);
    assert.deepEqual(counts(second), {
      read: 22,
      inserted: 13,
      updated: 0,
      unchanged: 0,
      skipped: 4,
      rejected: 5,
    });
    assert.deepEqual(await stored('sirene'), expected);
    assert.equal(readFileSync(`${file}.rejets.csv`, 'utf8'), SIRENE_REJECTS);
    const runs = await database.db.selectFrom('organisation_imports').selectAll().execute();
    assert.equal(runs.length, 1);
    assert.ok(runs[0]!.finished_at);
    assert.equal(Number(runs[0]!.bytes_read), readFileSync(file).length);

    // Finished: the same file again is a new run, which changes nothing.
    const third = await run(sireneSource, file);
    assert.equal(third.resumedAtLine, null);
    assert.equal(third.unchanged, 13);
  });

  test('--restart starts over instead of resuming', async () => {
    const file = copy(SIRENE, 'sirene-restart.csv');
    await run(sireneSource, file, { batchSize: 5, stopAfterBatches: 1 });
    const again = await run(sireneSource, file, { restart: true });
    assert.equal(again.resumedAtLine, null);
    assert.deepEqual(counts(again), {
      read: 22,
      inserted: 8,
      updated: 0,
      unchanged: 5,
      skipped: 4,
      rejected: 5,
    });
    // The latest run is finished: a next run does not pick up the abandoned one.
    const next = await run(sireneSource, file);
    assert.equal(next.resumedAtLine, null);
    assert.equal(next.read, 22);
  });

  test('fatal errors: missing file, missing column, wrong kind of file (French messages)', async () => {
    await assert.rejects(run(sireneSource, join(dir, 'absent.csv')), (e: Error) => {
      assert.ok(e instanceof ImportError);
      assert.match(e.message, /^Fichier introuvable : .*absent\.csv$/);
      return true;
    });
    const lines = readFileSync(SIRENE, 'utf8').split('\n');
    const bad = join(dir, 'sirene-bad-header.csv');
    writeFileSync(bad, `${lines[0]!.replace('denominationUniteLegale,', 'denomination,')}\n${lines[1]}\n`);
    await assert.rejects(run(sireneSource, bad), {
      name: 'ImportError',
      message:
        'En-tête du fichier SIRENE (StockUniteLegale) incomplet : colonne manquante : denominationUniteLegale.',
    });
    await assert.rejects(run(sireneSource, RNA), (e: Error) => {
      assert.match(e.message, /colonnes manquantes : siren, .* Le séparateur attendu est « , »/);
      return true;
    });
    assert.equal((await stored('sirene')).length, 0);
  });
});

const RNA_REJECTS = [
  'ligne;raison',
  '8;numéro RNA invalide : « X1234 »',
  '9;nom vide',
  '10;date de création invalide : « 15/13/2001 »',
  '11;17 champs au lieu de 39',
  '',
].join('\n');

describe('RNA waldec import', () => {
  test('imports associations with their address and commune; dissolved ones skipped; broken lines rejected', async () => {
    const file = copy(RNA, 'rna.csv');
    const warnings: string[] = [];
    const summary = await run(rnaSource, file, {
      onLine: (e) => {
        if (e.kind === 'warning') warnings.push(`${e.line}: ${e.reason}`);
      },
    });
    assert.deepEqual(counts(summary), {
      read: 15,
      inserted: 9,
      updated: 0,
      unchanged: 0,
      skipped: 2,
      rejected: 4,
    });
    assert.equal(summary.warnings, 2);
    assert.deepEqual(warnings, [
      '7: commune inconnue du code officiel géographique : 99999',
      '14: SIRET invalide ignoré : 12345678901234',
    ]);
    assert.equal(readFileSync(`${file}.rejets.csv`, 'utf8'), RNA_REJECTS);
    const rows = new Map((await stored('rna')).map((r) => [r.source_key, r]));
    assert.deepEqual([...rows.keys()].sort(), [
      'W131000016',
      'W2A1000012',
      'W311000025',
      'W351000021',
      'W441000023',
      'W591000011',
      'W691000018',
      'W751000017',
      'W751000028',
    ]);
    assert.deepEqual(rows.get('W751000017'), {
      source_key: 'W751000017',
      name: 'Les Jardins partagés du 12e',
      legal_form: 'association',
      categorie_juridique: '9220',
      siren: '444000012',
      siret: '44400001200013',
      rna: 'W751000017',
      naf_code: null,
      address: '12 bis RUE de Charenton',
      postal_code: '75012',
      commune_code: '75056', // Paris 12e arrondissement: the commune of Paris
      commune_name: 'Paris',
      departement_code: '75',
      description: 'créer et animer des jardins partagés ouverts à tous les habitants du quartier',
      website: 'https://www.jardins-partages-12.fr/',
      size_band: null,
      founded_year: 2010,
      closed: false,
    });
    assert.equal(rows.get('W2A1000012')!.commune_name, 'Ajaccio');
    assert.equal(rows.get('W2A1000012')!.departement_code, '2A');
    assert.equal(rows.get('W691000018')!.commune_code, '69123');
    assert.equal(rows.get('W131000016')!.commune_code, '13055');
    assert.equal(rows.get('W131000016')!.siret, null);
    assert.equal(rows.get('W131000016')!.website, null); // ftp://
    assert.equal(rows.get('W591000011')!.commune_code, null); // unknown code: imported without commune
    assert.equal(rows.get('W591000011')!.postal_code, '59000');
    assert.equal(rows.get('W311000025')!.name, 'Toulouse Entraide; Partage');
    assert.equal(
      rows.get('W311000025')!.description,
      'accueillir; nourrir et orienter\nles personnes sans abri',
    );
    assert.equal(rows.get('W751000028')!.address, '40 ter AV de la République');
    assert.equal(rows.get('W351000021')!.founded_year, null); // 0001-01-01
  });

  test('again: nothing changes; later dissolved: closed', async () => {
    const file = copy(RNA, 'rna-again.csv');
    await run(rnaSource, file);
    const before = await stored('rna');
    const again = await run(rnaSource, file);
    assert.deepEqual(counts(again), {
      read: 15,
      inserted: 0,
      updated: 0,
      unchanged: 9,
      skipped: 2,
      rejected: 4,
    });
    assert.deepEqual(await stored('rna'), before);

    const lines = readFileSync(file, 'utf8').split('\n');
    const later = join(dir, 'rna-later.csv');
    writeFileSync(later, `${lines[0]}\n${lines[1]!.replace(/;A;([^;]*)$/, ';D;$1')}\n`);
    const closing = await run(rnaSource, later);
    assert.deepEqual(counts(closing), {
      read: 1,
      inserted: 0,
      updated: 1,
      unchanged: 0,
      skipped: 0,
      rejected: 0,
    });
    assert.equal((await stored('rna')).find((r) => r.source_key === 'W751000017')!.closed, true);
  });

  test('resumes after an interruption, line numbers right after a record on two lines', async () => {
    const file = copy(RNA, 'rna-resume.csv');
    const first = await run(rnaSource, file, { batchSize: 4, stopAfterBatches: 3 });
    assert.equal(first.read, 12);
    assert.equal(first.nextLine, 15); // line 12-13 is one record
    const second = await run(rnaSource, file, { batchSize: 4 });
    assert.equal(second.resumedAtLine, 15);
    assert.deepEqual(counts(second), {
      read: 15,
      inserted: 9,
      updated: 0,
      unchanged: 0,
      skipped: 2,
      rejected: 4,
    });
    assert.equal(readFileSync(`${file}.rejets.csv`, 'utf8'), RNA_REJECTS);
    assert.equal((await stored('rna')).length, 9);
  });

  test('a Windows-1252 (Latin-1) file: detected, accents read correctly', async () => {
    const file = copy(RNA_LATIN1, 'rna-latin1.csv');
    const summary = await run(rnaSource, file);
    assert.equal(summary.encoding, 'windows-1252');
    assert.deepEqual(counts(summary), {
      read: 3,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      rejected: 0,
    });
    const rows = new Map((await stored('rna')).map((r) => [r.source_key, r]));
    assert.equal(rows.get('W341000015')!.name, 'Les Amis de l’Été à Sète');
    assert.equal(
      rows.get('W341000015')!.description,
      'Éducation populaire, rencontres intergénérationnelles et œuvres collectives — fêtes de quartier',
    );
    assert.equal(rows.get('W341000015')!.address, '1 QUAI Général Durand');
    assert.equal(rows.get('W341000015')!.commune_name, 'Sète');
    assert.equal(rows.get('W131000027')!.name, 'Chœur des Îles Frioul');
    assert.equal(rows.get('W2B1000013')!.departement_code, '2B');
  });
});
