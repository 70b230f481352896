import { sql } from 'kysely';
import type { JsonValue } from '../../platform/audit/index.js';
import type { DbOrTx } from '../../platform/db/index.js';
import type { DossierExportsTable, DossierStatus, ExportFormat, ExportState } from './dossiers.tables.js';

export interface ExportCall {
  id: string;
  title: string;
  slug: string;
}

export function findExportCall(db: DbOrTx, callId: string): Promise<ExportCall | undefined> {
  return db.selectFrom('calls').select(['id', 'title', 'slug']).where('id', '=', callId).executeTakeFirst();
}

/** The call's latest recorded form (call_form_versions), or its working form when none was recorded. */
export async function findLatestCallForm(db: DbOrTx, callId: string): Promise<JsonValue | undefined> {
  const version = await db
    .selectFrom('call_form_versions')
    .select('form')
    .where('call_id', '=', callId)
    .orderBy('version', 'desc')
    .executeTakeFirst();
  if (version) return version.form;
  const call = await db.selectFrom('calls').select('form').where('id', '=', callId).executeTakeFirst();
  return call?.form as JsonValue | undefined;
}

export interface ExportRow {
  id: string;
  call_id: string;
  format: ExportFormat;
  statuses: DossierStatus[];
  state: ExportState;
  total: number | null;
  done: number;
  storage_key: string | null;
  size: number | null;
  error: string | null;
  requested_by: string | null;
  created_at: Date;
  finished_at: Date | null;
  expires_at: Date | null;
}

const EXPORT_COLUMNS = [
  'id',
  'call_id',
  'format',
  'statuses',
  'state',
  'total',
  'done',
  'storage_key',
  'size',
  'error',
  'requested_by',
  'created_at',
  'finished_at',
  'expires_at',
] as const satisfies readonly (keyof DossierExportsTable)[];

function normalise<T extends { size: unknown; total: unknown; done: unknown }>(row: T): T {
  // bigint and integer columns may come back as strings depending on the driver.
  return {
    ...row,
    size: row.size === null ? null : Number(row.size),
    total: row.total === null ? null : Number(row.total),
    done: Number(row.done),
  };
}

export async function insertExport(
  db: DbOrTx,
  input: { callId: string; format: ExportFormat; statuses: DossierStatus[]; requestedBy: string | null },
): Promise<string> {
  const row = await db
    .insertInto('dossier_exports')
    .values({
      call_id: input.callId,
      format: input.format,
      statuses: input.statuses,
      requested_by: input.requestedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findExport(db: DbOrTx, id: string): Promise<ExportRow | undefined> {
  const row = await db
    .selectFrom('dossier_exports')
    .select(EXPORT_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? normalise(row) : undefined;
}

/** The call's latest exports, newest first. */
export async function listExports(db: DbOrTx, callId: string, limit: number): Promise<ExportRow[]> {
  const rows = await db
    .selectFrom('dossier_exports')
    .select(EXPORT_COLUMNS)
    .where('call_id', '=', callId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(normalise);
}

/** Takes a queued export (or one left running by a stopped worker): true when this run owns it. */
export async function startExport(db: DbOrTx, id: string, total: number): Promise<boolean> {
  const result = await db
    .updateTable('dossier_exports')
    .set({ state: 'running', total, done: 0, error: null })
    .where('id', '=', id)
    .where('state', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function setExportProgress(db: DbOrTx, id: string, done: number): Promise<void> {
  await db.updateTable('dossier_exports').set({ done }).where('id', '=', id).execute();
}

export async function finishExport(
  db: DbOrTx,
  id: string,
  input: { storageKey: string; size: number; done: number; ttlHours: number },
): Promise<void> {
  await db
    .updateTable('dossier_exports')
    .set({
      state: 'done',
      storage_key: input.storageKey,
      size: input.size,
      done: input.done,
      finished_at: sql<Date>`now()`,
      expires_at: sql<Date>`now() + make_interval(hours => ${input.ttlHours})`,
    })
    .where('id', '=', id)
    .execute();
}

export async function failExport(db: DbOrTx, id: string, error: string): Promise<void> {
  await db
    .updateTable('dossier_exports')
    .set({ state: 'failed', error, finished_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

/** Exports whose file expired: marked `expired`; returns their storage keys (files to remove). */
export async function expireExports(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .updateTable('dossier_exports')
    .set({ state: 'expired', storage_key: null })
    .where('state', '=', 'done')
    .where('expires_at', '<=', sql<Date>`now()`)
    .returning((eb) => eb.ref('storage_key').as('key'))
    .execute();
  return rows.map((r) => r.key).filter((k): k is string => k !== null);
}

/** True when the export's file is still valid (database clock). */
export async function isExportValid(db: DbOrTx, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('dossier_exports')
    .select('id')
    .where('id', '=', id)
    .where('state', '=', 'done')
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return row !== undefined;
}

function exportedDossiers(db: DbOrTx, callId: string, statuses: readonly DossierStatus[]) {
  let query = db
    .selectFrom('dossiers as d')
    .where('d.call_id', '=', callId)
    // Drafts are never exported, whatever the filter.
    .where('d.status', '!=', 'brouillon');
  if (statuses.length > 0) query = query.where('d.status', 'in', [...statuses]);
  return query;
}

export async function countExportedDossiers(
  db: DbOrTx,
  callId: string,
  statuses: readonly DossierStatus[],
): Promise<number> {
  const row = await exportedDossiers(db, callId, statuses)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface ExportedDossier {
  id: string;
  reference: string;
  status: DossierStatus;
  organisation_name: string;
  siren: string | null;
  version: number | null;
  submitted_at: Date | null;
  receipt_number: string | null;
  digest: string | null;
  answers: JsonValue | null;
}

/** One page of the dossiers to export, by reference, after `afterReference`; each with its latest version. */
export function pageExportedDossiers(
  db: DbOrTx,
  input: { callId: string; statuses: readonly DossierStatus[]; afterReference: string | null; limit: number },
): Promise<ExportedDossier[]> {
  let query = exportedDossiers(db, input.callId, input.statuses)
    .innerJoin('organisations as o', 'o.id', 'd.organisation_id')
    .leftJoin('dossier_versions as v', (join) =>
      join.onRef('v.dossier_id', '=', 'd.id').on('v.version', '=', (eb) =>
        eb
          .selectFrom('dossier_versions as w')
          .select((e) => e.fn.max('w.version').as('m'))
          .whereRef('w.dossier_id', '=', 'd.id'),
      ),
    )
    .select([
      'd.id',
      'd.reference',
      'd.status',
      'o.name as organisation_name',
      'o.siren',
      'v.version',
      'v.submitted_at',
      'v.receipt_number',
      'v.digest',
      'v.answers',
    ]);
  if (input.afterReference !== null) query = query.where('d.reference', '>', input.afterReference);
  return query.orderBy('d.reference').limit(input.limit).execute();
}
