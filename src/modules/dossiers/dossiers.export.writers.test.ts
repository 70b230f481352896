import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { type ExportColumn, neutraliseCell, writeCsv, writeXlsx } from './dossiers.export.writers.js';

const columns: ExportColumn[] = [
  { key: 'reference', header: 'Référence' },
  { key: 'organisation', header: 'Organisation' },
  { key: 'description', header: 'Description du projet' },
  { key: 'montant', header: 'Montant demandé (€)' },
];

const rows = [
  ['FI-2026-000001', 'Élan Solidaire', 'Insertion des « jeunes » ; deux lignes\nseconde ligne', '12 500'],
  ['FI-2026-000002', '=HYPERLINK("https://exemple.fr";"clic")', '+33 1 23 45 67 89', '-5'],
  ['FI-2026-000003', '@SUM(A1:A2)', '\tavec tabulation', '\r retour'],
  ['FI-2026-000004', 'Œuvre "commune"', '', ''],
];

/** Collects what a writer sends to its output. */
function sink(): { out: PassThrough; bytes: () => Buffer } {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  return { out, bytes: () => Buffer.concat(chunks) };
}

async function* slowly<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) {
    await new Promise((resolve) => setImmediate(resolve));
    yield item;
  }
}

describe('CSV export', () => {
  test('BOM, semicolons, CRLF, accents kept, and read back equal (formulas neutralised)', async () => {
    const { out, bytes } = sink();
    const result = await writeCsv(columns, slowly(rows), out);
    assert.deepEqual(result, { rows: 4 });
    const csv = bytes();
    assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark');
    const text = csv.subarray(3).toString('utf8');
    assert.ok(text.startsWith('Référence;Organisation;Description du projet;Montant demandé (€)\r\n'));
    assert.ok(text.endsWith('\r\n'));

    const parsed: string[][] = parse(csv, { bom: true, delimiter: ';', record_delimiter: '\r\n' });
    assert.deepEqual(
      parsed[0],
      columns.map((c) => c.header),
    );
    assert.deepEqual(parsed.slice(1), [
      ['FI-2026-000001', 'Élan Solidaire', 'Insertion des « jeunes » ; deux lignes\nseconde ligne', '12 500'],
      ['FI-2026-000002', '\'=HYPERLINK("https://exemple.fr";"clic")', "'+33 1 23 45 67 89", "'-5"],
      ['FI-2026-000003', "'@SUM(A1:A2)", "'\tavec tabulation", "'\r retour"],
      ['FI-2026-000004', 'Œuvre "commune"', '', ''],
    ]);
  });

  test('a header that looks like a formula is neutralised too; short rows are padded', async () => {
    const { out, bytes } = sink();
    await writeCsv(
      [
        { key: 'a', header: '=1+1' },
        { key: 'b', header: 'B' },
      ],
      [['x']],
      out,
    );
    const parsed: string[][] = parse(bytes(), { bom: true, delimiter: ';' });
    assert.deepEqual(parsed, [
      ["'=1+1", 'B'],
      ['x', ''],
    ]);
  });

  test('neutraliseCell leaves ordinary text alone', () => {
    assert.equal(neutraliseCell('Association = loi 1901'), 'Association = loi 1901');
    assert.equal(neutraliseCell('=A1'), "'=A1");
    assert.equal(neutraliseCell(''), '');
  });
});

describe('XLSX export', () => {
  test('read back with exceljs: same values, strings only, bold frozen header', async () => {
    const { out, bytes } = sink();
    const result = await writeXlsx(columns, slowly(rows), out, { sheetName: 'Appel 2027 : dossiers' });
    assert.deepEqual(result, { rows: 4 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes() as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    assert.ok(sheet);
    assert.equal(sheet.name, 'Appel 2027   dossiers');
    const values: unknown[][] = [];
    sheet.eachRow((row) => {
      values.push((row.values as unknown[]).slice(1));
    });
    const expected = [columns.map((c) => c.header), ...rows].map((r) =>
      // exceljs reads an empty text cell back as no value; a line break in a cell is LF
      r.map((v) => (v === '' ? undefined : v.replace('\r', '\n'))),
    );
    assert.deepEqual(
      values.map((r) => Array.from({ length: columns.length }, (_, i) => r[i])),
      expected,
    );
    for (let r = 1; r <= sheet.rowCount; r++)
      for (let c = 1; c <= columns.length; c++) {
        const cell = sheet.getCell(r, c);
        assert.ok(
          cell.type === ExcelJS.ValueType.String || cell.type === ExcelJS.ValueType.Null,
          `cell ${cell.address} is of type ${cell.type}, not text`,
        );
      }
    assert.equal(sheet.getCell('B3').value, '=HYPERLINK("https://exemple.fr";"clic")', 'kept as text');
    assert.equal(sheet.getRow(1).font?.bold, true);
    assert.equal(sheet.views[0]?.state, 'frozen');
    assert.equal((sheet.views[0] as { ySplit?: number }).ySplit, 1);
    assert.ok((sheet.getColumn(3).width ?? 0) >= 'Description du projet'.length);
  });

  test('characters XML cannot hold are dropped instead of breaking the file', async () => {
    const { out, bytes } = sink();
    await writeXlsx(
      [{ key: 'a', header: 'Texte' }],
      [['avant\u0000\u0007après \ud83d\ude00 \ud800fin']],
      out,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes() as unknown as ArrayBuffer);
    assert.equal(workbook.worksheets[0]?.getCell('A2').value, 'avantaprès \ud83d\ude00 fin');
  });
});
