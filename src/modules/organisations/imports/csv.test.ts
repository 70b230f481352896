import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import {
  type CsvReadOptions,
  type CsvRecord,
  countLineFeeds,
  decodeField,
  identifyFile,
  readCsv,
} from './csv.js';
import { rnaAddress, websiteOf } from './rna.js';
import { legalFormOf } from './sirene.js';
import { yearOf } from './source.js';

const dir = mkdtempSync(join(tmpdir(), 'fi-csv-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `f${++n}.csv`);
  writeFileSync(path, content);
  return path;
}

async function all(path: string, options: Partial<CsvReadOptions> = {}): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const r of readCsv(path, { separator: ',', encoding: 'utf-8', ...options })) out.push(r);
  return out;
}

describe('readCsv (RFC 4180, streamed)', () => {
  const text =
    'a,b,c\r\n' +
    '1,"deux, avec virgule","trois ""cité"""\r\n' +
    '\r\n' +
    '4,"sur\ndeux lignes",6\n' +
    '7,8,9'; // no line end at the end of the file

  test('quoted fields, doubled quotes, line breaks inside quotes, CRLF, empty lines, no final line end', async () => {
    const records = await all(file(text));
    assert.deepEqual(
      records.map((r) => [r.line, r.fields]),
      [
        [1, ['a', 'b', 'c']],
        [2, ['1', 'deux, avec virgule', 'trois "cité"']],
        [4, ['4', 'sur\ndeux lignes', '6']],
        [6, ['7', '8', '9']],
      ],
    );
    assert.equal(records.at(-1)!.end, Buffer.byteLength(text));
  });

  test('the same records whatever the chunk size (fields and quotes cut between chunks)', async () => {
    const path = file(text);
    const whole = await all(path);
    for (const chunkSize of [1, 2, 3, 7, 16])
      assert.deepEqual(await all(path, { chunkSize }), whole, `${chunkSize}`);
  });

  test('starting at the end offset of a record reads the rest, numbered from the given line', async () => {
    const path = file(text);
    const whole = await all(path);
    const rest = await all(path, {
      start: whole[1]!.end,
      firstLine: (await countLineFeeds(path, whole[1]!.end)) + 1,
    });
    assert.deepEqual(rest, whole.slice(2));
  });

  test('a broken line is reported with its line number and reason, and reading goes on at the next line', async () => {
    const path = file('a,b,c\n1,2,3\n4,"cinq"x,6\n7,8\n9,10,11,12\n13,14,15\n16,"dix-sept,18\n19,20,21\n');
    const records = await all(path, { expectedFields: 3, chunkSize: 5 });
    assert.deepEqual(
      records.map((r) => [r.line, r.error ?? r.fields.join('|')]),
      [
        [1, 'a|b|c'],
        [2, '1|2|3'],
        [3, 'caractère inattendu après un guillemet fermant'],
        [4, '2 champs au lieu de 3'],
        [5, '4 champs au lieu de 3'],
        [6, '13|14|15'],
        [7, 'guillemet non fermé'],
        [8, '19|20|21'],
      ],
    );
  });

  test('a quote that spans lines and breaks the record: its first line is rejected, the next lines read again', async () => {
    const path = file('a;b\n1;"x\n2;"y\n3;z\n');
    const records = await all(path, { separator: ';', expectedFields: 2 });
    assert.deepEqual(
      records.map((r) => [r.line, r.error ?? r.fields.join('|')]),
      [
        [1, 'a|b'],
        [2, 'caractère inattendu après un guillemet fermant'],
        [3, 'guillemet non fermé'],
        [4, '3|z'],
      ],
    );
  });

  test('Windows-1252 bytes: read as such, and a Windows-1252 field in a UTF-8 file is not garbled', async () => {
    const cp1252 = Buffer.from([0x45, 0x74, 0xe9, 0x20, 0x9c, 0x75, 0x76, 0x72, 0x65, 0x20, 0x92, 0x80]);
    assert.equal(decodeField(cp1252, 'windows-1252'), 'Eté œuvre ’€');
    assert.equal(decodeField(cp1252, 'utf-8'), 'Eté œuvre ’€');
    assert.equal(decodeField(Buffer.from('Été à Sète', 'utf-8'), 'utf-8'), 'Été à Sète');
    const latin = file(Buffer.concat([Buffer.from('titre\n'), Buffer.from([0xc9, 0x74, 0xe9, 0x0a])]));
    assert.equal((await identifyFile(latin)).detectedEncoding, 'windows-1252');
    assert.equal((await identifyFile(file('titre\nÉté\n'))).detectedEncoding, 'utf-8');
  });

  test('the fingerprint changes with the content and the size, not with the name', async () => {
    const a = await identifyFile(file('x\n1\n'));
    const b = await identifyFile(file('x\n1\n'));
    const c = await identifyFile(file('x\n2\n'));
    assert.equal(a.fingerprint, b.fingerprint);
    assert.notEqual(a.fingerprint, c.fingerprint);
    assert.match(a.fingerprint, /^[0-9a-f]{64}$/);
  });
});

describe('mapping helpers', () => {
  test('legal form from the catégorie juridique', () => {
    const cases: [string, boolean, string][] = [
      ['9220', false, 'association'],
      ['9300', false, 'fondation'],
      ['5458', false, 'cooperative'],
      ['5560', false, 'cooperative'],
      ['6317', false, 'cooperative'],
      ['8210', false, 'mutuelle'],
      ['6411', false, 'mutuelle'],
      ['7210', false, 'collectivite'],
      ['7346', false, 'collectivite'],
      ['7361', false, 'collectivite'],
      ['5710', true, 'entreprise_engagee'],
      ['5710', false, 'entreprise_sociale'],
      ['1000', false, 'entreprise_sociale'],
    ];
    for (const [code, mission, form] of cases) assert.equal(legalFormOf(code, mission), form, code);
  });

  test('years of dates; placeholders give no year; a non-date is undefined (rejected)', () => {
    assert.equal(yearOf('1998-03-15'), 1998);
    assert.equal(yearOf('15/03/1998'), 1998);
    assert.equal(yearOf(''), null);
    assert.equal(yearOf('0001-01-01'), null);
    assert.equal(yearOf('2001-13-45'), undefined);
    assert.equal(yearOf('hier'), undefined);
  });

  test('websites: https:// added, other schemes and non-addresses dropped', () => {
    assert.equal(websiteOf('www.exemple.fr'), 'https://www.exemple.fr/');
    assert.equal(websiteOf('http://exemple.fr/a'), 'http://exemple.fr/a');
    assert.equal(websiteOf('ftp://exemple.fr'), null);
    assert.equal(websiteOf('pas de site'), null);
    assert.equal(websiteOf('localhost'), null);
    assert.equal(websiteOf('javascript:alert(1)'), null);
  });

  test('RNA addresses', () => {
    assert.equal(rnaAddress('12', 'B', 'RUE', 'de Charenton'), '12 bis RUE de Charenton');
    assert.equal(rnaAddress('', '', '', ''), null);
  });
});
