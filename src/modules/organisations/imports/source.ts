import type { BulkOrganisation } from '../organisations.bulk.js';

export type ImportKind = 'sirene' | 'rna';

/** What one line of a source file becomes. Reasons are in French: they end up in FILE.rejets.csv. */
export type Mapped =
  /** To upsert. `closed`: closed in the source, upserted only when this key was imported before. */
  | { kind: 'row'; row: BulkOrganisation; warning?: string }
  /** Out of scope (not ESS, partly non-diffusible person…): counted, not reported line by line. */
  | { kind: 'skip'; reason: string }
  /** A broken line: reported with its line number and reason. */
  | { kind: 'reject'; reason: string };

export interface MapContext {
  /** Codes of the communes of the official geography (COG), to tell unknown ones. */
  communes: ReadonlySet<string>;
}

export interface ImportSource {
  kind: ImportKind;
  /** Shown in the messages: « SIRENE (StockUniteLegale) ». */
  label: string;
  separator: string;
  /** Columns the mapping reads; a header without one of them is a fatal error. */
  requiredColumns: readonly string[];
  /** Returns the mapping of a line, its fields read by the header's column names. */
  mapper(header: readonly string[], context: MapContext): (fields: readonly string[]) => Mapped;
}

/** Column index by name; the header was checked to hold every required column. */
export function columnIndex(header: readonly string[]): (name: string) => number {
  const positions = new Map(header.map((name, i) => [name, i]));
  return (name) => positions.get(name) ?? -1;
}

/** Required columns missing from `header`. */
export function missingColumns(header: readonly string[], required: readonly string[]): string[] {
  const present = new Set(header);
  return required.filter((c) => !present.has(c));
}

/**
 * The year of a date written 'AAAA-MM-JJ' (SIRENE, RNA) or 'JJ/MM/AAAA' (older RNA files): `null` for an
 * empty value or a year the platform does not keep (before 1800, after 2100: placeholders such as
 * 0001-01-01), `undefined` for a value that is no date (the line is rejected).
 */
export function yearOf(value: string): number | null | undefined {
  const v = value.trim();
  if (v === '') return null;
  let m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(v);
  let year: number;
  let month: number;
  let day: number;
  if (m) {
    year = Number(m[1]);
    month = Number(m[2]);
    day = Number(m[3]);
  } else {
    m = /^([0-9]{2})\/([0-9]{2})\/([0-9]{4})$/.exec(v);
    if (!m) return undefined;
    day = Number(m[1]);
    month = Number(m[2]);
    year = Number(m[3]);
  }
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return year >= 1800 && year <= 2100 ? year : null;
}

/** `s` cut to `max` characters (on a code point boundary), trimmed. */
export function cap(s: string, max: number): string {
  const t = s.trim();
  if (t.length <= max) return t;
  const chars = Array.from(t);
  return chars.length <= max ? t : chars.slice(0, max).join('').trim();
}

const NAF = /^[0-9]{2}\.[0-9]{2}[A-Z]$/;
export function nafCode(value: string): string | null {
  return NAF.test(value) ? value : null;
}
