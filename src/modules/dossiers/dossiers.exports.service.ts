import { PassThrough, type Readable } from 'node:stream';
import { recordAudit } from '../../platform/audit/index.js';
import type { Db } from '../../platform/db/index.js';
import type { FileStore } from '../../platform/files/index.js';
import { NotFound } from '../../platform/http/errors.js';
import { enqueue, type JobHandlers } from '../../platform/jobs/index.js';
import { type CallForm, exportColumns, exportRow, parseCallForm } from '../calls/index.js';
import { type ExportColumn, writeCsv, writeXlsx } from './dossiers.export.writers.js';
import { exportsFr } from './dossiers.exports.fr.js';
import {
  countExportedDossiers,
  type ExportCall,
  type ExportedDossier,
  type ExportRow,
  expireExports,
  failExport,
  findExport,
  findExportCall,
  findLatestCallForm,
  finishExport,
  insertExport,
  isExportValid,
  listExports,
  pageExportedDossiers,
  setExportProgress,
  startExport,
} from './dossiers.exports.queries.js';
import type { DossierStatus, ExportFormat } from './dossiers.tables.js';
import { STATUS_LABELS_FR } from './dossiers.words.js';

export const EXPORT_JOB = 'dossiers.export';
/** Dossiers read per query (and progress written once per page). */
export const EXPORT_PAGE_SIZE = 500;
/** How long a finished file can be downloaded. */
export const EXPORT_TTL_HOURS = 24;
/** Largest export file kept. */
export const EXPORT_MAX_BYTES = 2 * 1024 * 1024 * 1024;

export const EXPORT_CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

declare module '../../platform/jobs/jobs.types.js' {
  interface JobPayloads {
    'dossiers.export': { exportId: string };
  }
}

export interface ExportsActor {
  id: string;
  email: string;
}

export interface ExportsContext {
  ip: string | null;
  requestId: string | null;
}

/** The link expired (or the file was removed): the page says to start the export again (410). */
export class ExportGone extends Error {
  constructor() {
    super('export expired');
    this.name = 'ExportGone';
  }
}

/** The file is not there yet (queued, running or failed): 409. */
export class ExportNotReady extends Error {
  constructor() {
    super('export not ready');
    this.name = 'ExportNotReady';
  }
}

/** Date and time in Europe/Paris, « 27/11/2026 14:05 ». */
export function parisDateTime(date: Date): string {
  const parts = new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

const FIXED_COLUMNS: ExportColumn[] = [
  { key: '_reference', header: exportsFr.columns.reference },
  { key: '_organisation', header: exportsFr.columns.organisation, width: 30 },
  { key: '_siren', header: exportsFr.columns.siren },
  { key: '_status', header: exportsFr.columns.status },
  { key: '_submitted_at', header: exportsFr.columns.submittedAt, width: 20 },
  { key: '_version', header: exportsFr.columns.version },
  { key: '_receipt', header: exportsFr.columns.receipt, width: 20 },
  { key: '_digest', header: exportsFr.columns.digest, width: 66 },
];

/** The columns of an export: the fixed ones, then one per answering field of the form. */
export function exportFileColumns(form: CallForm): ExportColumn[] {
  return [...FIXED_COLUMNS, ...exportColumns(form).map((c) => ({ key: `f_${c.key}`, header: c.header }))];
}

/** One row: the fixed cells, then the answers of the dossier's latest submitted version. */
export function exportFileRow(form: CallForm, dossier: ExportedDossier, baseUrl: string): string[] {
  return [
    dossier.reference,
    dossier.organisation_name,
    dossier.siren ?? '',
    STATUS_LABELS_FR[dossier.status],
    dossier.submitted_at ? parisDateTime(new Date(dossier.submitted_at)) : '',
    dossier.version === null ? '' : String(dossier.version),
    dossier.receipt_number ?? '',
    dossier.digest ?? '',
    ...exportRow(form, dossier.answers ?? {}, {
      attachment: (ref) => `${baseUrl}/dossiers/${dossier.id}/fichiers/${ref.fileId}`,
    }),
  ];
}

function fileName(call: ExportCall, row: ExportRow): string {
  const day = row.created_at.toISOString().slice(0, 10);
  return `dossiers-${call.slug}-${day}.${row.format}`;
}

export interface ExportsServiceOptions {
  db: Db;
  files: FileStore;
}

/** Exports of the dossiers of a call: request (job), progress, download before expiry. */
export function createExportsService({ db, files }: ExportsServiceOptions) {
  async function callOr404(callId: string): Promise<ExportCall> {
    const call = await findExportCall(db, callId);
    if (!call) throw new NotFound(exportsFr.errors.callNotFound);
    return call;
  }

  async function exportOr404(callId: string, exportId: string): Promise<ExportRow> {
    const row = await findExport(db, exportId);
    if (!row || row.call_id !== callId) throw new NotFound(exportsFr.errors.notFound);
    return row;
  }

  return {
    async overview(callId: string): Promise<{ call: ExportCall; exports: ExportRow[] }> {
      const call = await callOr404(callId);
      return { call, exports: await listExports(db, callId, 20) };
    },

    /** Records the export and queues its job, audited, in one transaction. */
    async request(
      callId: string,
      input: { format: ExportFormat; statuses: DossierStatus[] },
      actor: ExportsActor,
      ctx: ExportsContext,
    ): Promise<string> {
      await callOr404(callId);
      return db.transaction().execute(async (trx) => {
        const id = await insertExport(trx, {
          callId,
          format: input.format,
          statuses: input.statuses,
          requestedBy: actor.id,
        });
        await enqueue(
          trx,
          EXPORT_JOB,
          { exportId: id },
          { dedupeKey: `dossiers.export:${id}`, maxAttempts: 3 },
        );
        await recordAudit(trx, {
          action: 'dossiers.export.request',
          objectType: 'call',
          objectId: callId,
          actorId: actor.id,
          actorLabel: actor.email,
          ip: ctx.ip,
          requestId: ctx.requestId,
          summary: { exportId: id, format: input.format, statuses: input.statuses },
        });
        return id;
      });
    },

    async progress(
      callId: string,
      exportId: string,
    ): Promise<{ call: ExportCall; export: ExportRow; valid: boolean }> {
      const call = await callOr404(callId);
      const row = await exportOr404(callId, exportId);
      return { call, export: row, valid: await isExportValid(db, exportId) };
    },

    /** The file to send, audited; `ExportGone` after expiry, `ExportNotReady` before it is done. */
    async download(
      callId: string,
      exportId: string,
      actor: ExportsActor,
      ctx: ExportsContext,
    ): Promise<{ stream: Readable; contentType: string; fileName: string; size: number | null }> {
      const call = await callOr404(callId);
      const row = await exportOr404(callId, exportId);
      if (row.state === 'expired') throw new ExportGone();
      if (row.state !== 'done' || !row.storage_key) throw new ExportNotReady();
      if (!(await isExportValid(db, exportId))) throw new ExportGone();
      if (!(await files.exists(row.storage_key))) throw new ExportGone();
      await recordAudit(db, {
        action: 'dossiers.export.download',
        objectType: 'call',
        objectId: callId,
        actorId: actor.id,
        actorLabel: actor.email,
        ip: ctx.ip,
        requestId: ctx.requestId,
        summary: { exportId, format: row.format },
      });
      return {
        stream: files.open(row.storage_key),
        contentType: EXPORT_CONTENT_TYPES[row.format],
        fileName: fileName(call, row),
        size: row.size,
      };
    },
  };
}

export type ExportsService = ReturnType<typeof createExportsService>;

/**
 * Writes the file of an export: the dossiers of the call (status filter, never drafts) by pages of
 * EXPORT_PAGE_SIZE, progress after each page, through the CSV or XLSX writer into the file store; then
 * `done` with its expiry, or `failed` with the reason.
 */
export async function runExport(
  options: { db: Db; files: FileStore; baseUrl: string; pageSize?: number },
  exportId: string,
): Promise<void> {
  const { db, files } = options;
  const pageSize = options.pageSize ?? EXPORT_PAGE_SIZE;
  const baseUrl = options.baseUrl.replace(/\/$/, '');
  // Expired files go first (whichever call they belong to).
  for (const key of await expireExports(db)) await files.remove(key);

  const row = await findExport(db, exportId);
  if (!row || (row.state !== 'queued' && row.state !== 'running')) return;
  const total = await countExportedDossiers(db, row.call_id, row.statuses);
  if (!(await startExport(db, exportId, total))) return;

  try {
    const parsed = parseCallForm(await findLatestCallForm(db, row.call_id), 'fr');
    if (!parsed.ok) throw new Error('the form of the call is not valid');
    const form = parsed.form;
    const { call_id: callId, statuses } = row;
    let done = 0;
    async function* rows() {
      let after: string | null = null;
      for (;;) {
        const page = await pageExportedDossiers(db, {
          callId,
          statuses,
          afterReference: after,
          limit: pageSize,
        });
        for (const dossier of page) yield exportFileRow(form, dossier, baseUrl);
        done += page.length;
        await setExportProgress(db, exportId, done);
        const last = page[page.length - 1];
        if (!last || page.length < pageSize) return;
        after = last.reference;
      }
    }
    const columns = exportFileColumns(form);
    const out = new PassThrough();
    const fail = (error: unknown) => {
      out.destroy(error instanceof Error ? error : new Error(String(error)));
      throw error;
    };
    const [stored] = await Promise.all([
      files.put(out, { maxBytes: EXPORT_MAX_BYTES }).catch(fail),
      (row.format === 'csv' ? writeCsv(columns, rows(), out) : writeXlsx(columns, rows(), out)).catch(fail),
    ]);
    await finishExport(db, exportId, {
      storageKey: stored.key,
      size: stored.size,
      done,
      ttlHours: EXPORT_TTL_HOURS,
    });
  } catch (error) {
    await failExport(db, exportId, exportsFr.failure);
    throw error;
  }
}

/** The job handler of exports, for the worker (`dossiers.export`). */
export function exportsJobHandlers(options: { db: Db; files: FileStore; baseUrl: string }): JobHandlers {
  return {
    [EXPORT_JOB]: async (payload: { exportId: string }) => runExport(options, payload.exportId),
  };
}
