import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';

/** One column of an export: a stable key and the header shown in the first row. */
export interface ExportColumn {
  key: string;
  header: string;
  /** Width in characters in the spreadsheet (default: from the header, 12 to 60). */
  width?: number;
}

/** Rows are cells in the order of the columns; missing cells are empty. */
export type ExportRows =
  | AsyncIterable<readonly (string | null | undefined)[]>
  | Iterable<readonly (string | null | undefined)[]>;

/** What a writer reports once `out` is finished. */
export interface ExportResult {
  rows: number;
}

/** First characters that make a spreadsheet read a cell as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A CSV cell that a spreadsheet shows as text: a leading =, +, -, @, tab or CR gets a ' before it. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function cellsOf(row: readonly (string | null | undefined)[], count: number): string[] {
  const cells: string[] = [];
  for (let i = 0; i < count; i++) cells.push(row[i] ?? '');
  return cells;
}

async function* iterate<T>(rows: AsyncIterable<T> | Iterable<T>): AsyncGenerator<T> {
  for await (const row of rows) yield row;
}

/**
 * CSV for a French Excel: UTF-8 with a byte order mark, `;` between cells, CRLF line ends, a header row,
 * cells quoted when needed and neutralised against formulas. Streams into `out`, and ends it.
 */
export async function writeCsv(
  columns: readonly ExportColumn[],
  rows: ExportRows,
  out: Writable,
): Promise<ExportResult> {
  let count = 0;
  async function* records() {
    yield columns.map((c) => neutraliseCell(c.header));
    for await (const row of iterate(rows)) {
      count++;
      yield cellsOf(row, columns.length).map(neutraliseCell);
    }
  }
  await pipeline(
    Readable.from(records()),
    stringify({ delimiter: ';', record_delimiter: '\r\n', bom: true }),
    out,
  );
  return { rows: count };
}

/** Whether XML 1.0 (and so a spreadsheet file) can hold this UTF-16 code unit, surrogates aside. */
function xmlAllowed(code: number): boolean {
  if (code < 0x20) return code === 0x09 || code === 0x0a || code === 0x0d;
  return code !== 0xfffe && code !== 0xffff;
}

/** The text without what XML cannot hold (control characters, lone surrogates). */
function xmlText(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff) continue; // a lone surrogate (pairs come as one character)
    if (code > 0xffff || xmlAllowed(code)) out += char;
  }
  return out;
}

/** Excel refuses cells longer than this. */
const EXCEL_CELL_MAX = 32_767;

function xlsxCell(value: string): string {
  // XML turns CR into LF when read; a line break in a cell is LF.
  const clean = xmlText(value).replace(/\r\n?/g, '\n');
  return clean.length > EXCEL_CELL_MAX ? `${clean.slice(0, EXCEL_CELL_MAX - 1)}…` : clean;
}

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(name: string): string {
  return (
    name
      .replace(/[:\\/?*[\]]/g, ' ')
      .trim()
      .slice(0, 31) || 'Export'
  );
}

export interface XlsxOptions {
  sheetName?: string;
  /** Creation date written in the file's properties (default: now). */
  created?: Date;
}

/**
 * A spreadsheet (.xlsx) streamed row by row (exceljs WorkbookWriter): the header row bold and frozen,
 * every cell a string (never a formula), columns sized from their headers. Ends `out`.
 */
export async function writeXlsx(
  columns: readonly ExportColumn[],
  rows: ExportRows,
  out: Writable,
  options: XlsxOptions = {},
): Promise<ExportResult> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'French Impact';
  const created = options.created ?? new Date();
  workbook.created = created;
  workbook.modified = created;
  const sheet = workbook.addWorksheet(sheetName(options.sheetName ?? 'Dossiers'), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
  });
  sheet.columns = columns.map((c) => ({
    key: c.key,
    width: c.width ?? Math.min(60, Math.max(12, c.header.length + 2)),
  }));
  const header = sheet.addRow(columns.map((c) => xlsxCell(c.header)));
  header.font = { bold: true };
  header.commit();
  let count = 0;
  for await (const row of iterate(rows)) {
    // Strings only: exceljs writes a string as text, so « =1+1 » stays text, as in the dossier.
    sheet.addRow(cellsOf(row, columns.length).map(xlsxCell)).commit();
    count++;
  }
  sheet.commit();
  await workbook.commit();
  return { rows: count };
}
