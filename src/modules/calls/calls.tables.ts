import type { ColumnType, Generated } from 'kysely';
import type { JsonValue } from '../../platform/audit/index.js';

export const CALL_KINDS = [
  'projets',
  'labellisation_structures',
  'labellisation_territoires',
  'fonds_amorcage',
] as const;
export type CallKind = (typeof CALL_KINDS)[number];
export type CallStatus = 'draft' | 'published' | 'closed_early';

/** `calls` as Kysely sees it (see migrations/0013_calls.sql). */
export interface CallsTable {
  id: Generated<string>;
  slug: string;
  kind: CallKind;
  title: string;
  summary: ColumnType<string, string | undefined, string>;
  presentation: ColumnType<string, string | undefined, string>;
  eligibility: ColumnType<string, string | undefined, string>;
  opens_at: Date | null;
  closes_at: Date | null;
  status: ColumnType<CallStatus, CallStatus | undefined, CallStatus>;
  closed_message: string | null;
  published_at: Date | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  form: ColumnType<JsonValue, string | undefined, string>;
  /** The last version recorded in call_form_versions (0: none yet, the call was never published). */
  form_version: ColumnType<number, number | undefined, number>;
}

declare module '../../platform/db/schema.js' {
  interface Tables {
    calls: CallsTable;
  }
}
