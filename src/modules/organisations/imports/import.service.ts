import { createReadStream } from 'node:fs';
import { type FileHandle, open, rename, rm, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { recordAudit } from '../../../platform/audit/index.js';
import type { Db } from '../../../platform/db/index.js';
import { type BulkOrganisation, upsertOrganisations } from '../organisations.bulk.js';
import { type CsvEncoding, countLineFeeds, identifyFile, readCsv } from './csv.js';
import {
  communeCodes,
  existingSourceKeys,
  findLatestRun,
  insertRun,
  type RunCounters,
  saveProgress,
} from './import.queries.js';
import { ProgressBar, type ProgressOutput } from './progress.js';
import { type ImportSource, type Mapped, missingColumns } from './source.js';

/**
 * Runs an open-data import: streams the file, maps each line, upserts batches of organisations, each batch
 * in one transaction with the progress row of the run (organisation_imports), so that an interrupted run
 * resumes after its last committed batch. Broken lines are reported (FILE.rejets.csv) and skipped.
 */

export const DEFAULT_BATCH_SIZE = 5_000;

/** A fatal error (missing file, bad header): the message is in French, for the person at the terminal. */
export class ImportError extends Error {
  override name = 'ImportError';
}

export interface ImportOptions {
  file: string;
  /** Lines per batch (one upsert and one progress save each). */
  batchSize?: number;
  /** Starts over even when an unfinished run of the same file exists. */
  restart?: boolean;
  /** 'auto' (default): UTF-8, or Windows-1252 when the start of the file is not valid UTF-8. */
  encoding?: CsvEncoding | 'auto';
  /** Where rejected lines go: FILE.rejets.csv by default. */
  rejectsPath?: string;
  /** Aborted: the run stops after the batch being written (it can be resumed). */
  signal?: AbortSignal;
  /** Stops after this many batches of this session, as an interruption would (tests). */
  stopAfterBatches?: number;
  /** Where the progress bar goes (none when absent). */
  progress?: ProgressOutput;
  /** Each rejected line and each warning, as it is found (the first ones are worth printing). */
  onLine?: (event: { line: number; kind: 'rejected' | 'warning'; reason: string }) => void;
}

export interface ImportSummary {
  kind: ImportSource['kind'];
  file: string;
  encoding: CsvEncoding;
  /** Set when an unfinished run of this file was resumed: the line it resumed at. */
  resumedAtLine: number | null;
  /** Lines read (header excluded), over the whole run, resumed parts included. */
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  rejected: number;
  /** Lines imported with a warning (unknown commune, invalid SIRET dropped). */
  warnings: number;
  /** False when the run was interrupted (signal, stopAfterBatches): it can be resumed. */
  finished: boolean;
  /** The line the next run will resume at, when not finished. */
  nextLine: number | null;
  rejectsPath: string | null;
  /** This session only. */
  durationMs: number;
  sessionLines: number;
}

interface Pending {
  line: number;
  mapped: Mapped;
}

export async function importFile(
  db: Db,
  source: ImportSource,
  options: ImportOptions,
): Promise<ImportSummary> {
  const started = performance.now();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new ImportError('La taille des lots doit être un nombre entier positif.');
  }
  const file = options.file;
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(file);
  } catch {
    throw new ImportError(`Fichier introuvable : ${file}`);
  }
  if (!info.isFile()) throw new ImportError(`Ce n’est pas un fichier : ${file}`);
  const identity = await identifyFile(file);
  const encoding: CsvEncoding =
    !options.encoding || options.encoding === 'auto' ? identity.detectedEncoding : options.encoding;

  // The header: read by name, every required column present.
  const headerReader = readCsv(file, { separator: source.separator, encoding });
  const first = await headerReader.next().then((r) => (r.done ? undefined : r.value));
  await headerReader.return(undefined);
  if (!first) throw new ImportError(`Le fichier est vide : ${file}`);
  if (first.error) throw new ImportError(`En-tête illisible (ligne 1 : ${first.error}).`);
  const header = first.fields.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
  const missing = missingColumns(header, source.requiredColumns);
  if (missing.length > 0) {
    const separatorHint =
      header.length === 1
        ? ` Le séparateur attendu est « ${source.separator} » : est-ce bien un fichier ${source.label} ?`
        : '';
    throw new ImportError(
      `En-tête du fichier ${source.label} incomplet : colonne${missing.length > 1 ? 's' : ''} manquante${missing.length > 1 ? 's' : ''} : ${missing.join(', ')}.${separatorHint}`,
    );
  }
  const map = source.mapper(header, { communes: await communeCodes(db) });

  // Resume the unfinished run of this file, or start a new one.
  const latest = await findLatestRun(db, source.kind, identity.fingerprint);
  const resume = !options.restart && latest !== undefined && !latest.finished && latest.bytes >= first.end;
  let runId: string;
  const counters: RunCounters = resume
    ? { ...latest }
    : { bytes: first.end, lines: 0, inserted: 0, updated: 0, skipped: 0, rejected: 0 };
  let firstLine: number;
  if (resume) {
    runId = latest.id;
    firstLine = (await countLineFeeds(file, latest.bytes)) + 1;
  } else {
    runId = await insertRun(db, {
      kind: source.kind,
      fileName: file,
      fileSize: identity.size,
      fingerprint: identity.fingerprint,
      bytes: first.end,
    });
    firstLine = 1 + first.lines;
  }

  const rejectsPath = options.rejectsPath ?? `${file}.rejets.csv`;
  const rejects = new RejectsFile(rejectsPath);
  if (resume) await rejects.keepBefore(firstLine);
  else await rejects.clear();

  const bar = options.progress ? new ProgressBar(options.progress, identity.size, counters) : null;
  const sessionStartLines = counters.lines;
  let warnings = 0;
  let batches = 0;
  let interrupted = false;
  let pending: Pending[] = [];

  const flush = async (end: number, finish: boolean): Promise<void> => {
    const batch = pending;
    pending = [];
    const rejected: { line: number; reason: string }[] = [];
    const rows = new Map<string, { line: number; row: BulkOrganisation }>();
    let skipped = 0;
    for (const { line, mapped } of batch) {
      if (mapped.kind === 'reject') rejected.push({ line, reason: mapped.reason });
      else if (mapped.kind === 'skip') skipped++;
      else {
        // The same key twice in a batch: the last line wins, the earlier one is skipped.
        if (rows.has(mapped.row.source_key)) skipped++;
        rows.set(mapped.row.source_key, { line, row: mapped.row });
      }
    }
    // Written before the commit: a crash in between leaves lines that the resumed run drops (keepBefore).
    await rejects.append(rejected);
    const next: RunCounters = {
      ...counters,
      bytes: end,
      lines: counters.lines + batch.length,
      skipped: counters.skipped + skipped,
      rejected: counters.rejected + rejected.length,
    };
    await db.transaction().execute(async (trx) => {
      const closedKeys = [...rows.values()].filter((r) => r.row.closed).map((r) => r.row.source_key);
      const known = await existingSourceKeys(trx, source.kind, closedKeys);
      const upsert: BulkOrganisation[] = [];
      for (const { row } of rows.values()) {
        // A closed unit is only written to close one imported before (never imported closed).
        if (row.closed && !known.has(row.source_key)) next.skipped++;
        else upsert.push(row);
      }
      const report = await upsertOrganisations(trx, source.kind, upsert);
      next.inserted += report.inserted;
      next.updated += report.updated;
      await saveProgress(trx, runId, next, finish);
      if (finish) {
        await recordAudit(trx, {
          action: 'organisations.import',
          objectType: 'organisation_import',
          objectId: runId,
          actorLabel: 'ligne de commande',
          summary: {
            source: source.kind,
            file: basename(file),
            read: next.lines,
            inserted: next.inserted,
            updated: next.updated,
            skipped: next.skipped,
            rejected: next.rejected,
          },
        });
      }
    });
    Object.assign(counters, next);
    batches++;
    bar?.update(counters.bytes, counters.lines);
  };

  let lastEnd = counters.bytes;
  let nextLine = firstLine;
  const records = readCsv(file, {
    separator: source.separator,
    encoding,
    start: counters.bytes,
    firstLine,
    expectedFields: header.length,
  });
  try {
    for await (const record of records) {
      const mapped: Mapped = record.error ? { kind: 'reject', reason: record.error } : map(record.fields);
      if (mapped.kind === 'reject') {
        bar?.interrupt();
        options.onLine?.({ line: record.line, kind: 'rejected', reason: mapped.reason });
      } else if (mapped.kind === 'row' && mapped.warning) {
        warnings++;
        bar?.interrupt();
        options.onLine?.({ line: record.line, kind: 'warning', reason: mapped.warning });
      }
      pending.push({ line: record.line, mapped });
      lastEnd = record.end;
      nextLine = record.line + record.lines;
      if (pending.length >= batchSize) {
        await flush(lastEnd, false);
        if (
          options.signal?.aborted ||
          (options.stopAfterBatches !== undefined && batches >= options.stopAfterBatches)
        ) {
          interrupted = true;
          break;
        }
      }
    }
    if (!interrupted) await flush(lastEnd, true);
  } finally {
    await rejects.close();
  }
  if (bar) {
    if (interrupted) bar.interrupt();
    else bar.done(counters.bytes, counters.lines);
  }
  const unchanged =
    counters.lines - counters.inserted - counters.updated - counters.skipped - counters.rejected;
  return {
    kind: source.kind,
    file,
    encoding,
    resumedAtLine: resume ? firstLine : null,
    read: counters.lines,
    inserted: counters.inserted,
    updated: counters.updated,
    unchanged,
    skipped: counters.skipped,
    rejected: counters.rejected,
    warnings,
    finished: !interrupted,
    nextLine: interrupted ? nextLine : null,
    rejectsPath: rejects.written ? rejectsPath : null,
    durationMs: performance.now() - started,
    sessionLines: counters.lines - sessionStartLines,
  };
}

/**
 * FILE.rejets.csv: 'ligne;raison', one rejected line each. Created at the first rejected line; a new run
 * removes the one of an earlier run; a resumed run keeps the lines before the point it resumes at.
 */
class RejectsFile {
  readonly #path: string;
  #handle: FileHandle | null = null;
  written = false;

  constructor(path: string) {
    this.#path = path;
  }

  async clear(): Promise<void> {
    await rm(this.#path, { force: true });
  }

  /** Keeps the rejected lines numbered before `line` (those of committed batches). */
  async keepBefore(line: number): Promise<void> {
    const tmp = `${this.#path}.tmp`;
    let kept = 0;
    try {
      await stat(this.#path);
    } catch {
      return;
    }
    const out = await open(tmp, 'w');
    try {
      const lines = createInterface({
        input: createReadStream(this.#path),
        crlfDelay: Number.POSITIVE_INFINITY,
      });
      for await (const text of lines) {
        const n = Number(text.slice(0, text.indexOf(';')));
        if (text.startsWith('ligne;') || (Number.isInteger(n) && n < line)) {
          await out.write(`${text}\n`);
          kept++;
        }
      }
    } finally {
      await out.close();
    }
    await rename(tmp, this.#path);
    this.written = kept > 1;
  }

  async append(lines: readonly { line: number; reason: string }[]): Promise<void> {
    if (lines.length === 0) return;
    if (!this.#handle) {
      let exists = true;
      try {
        await stat(this.#path);
      } catch {
        exists = false;
      }
      this.#handle = await open(this.#path, 'a');
      if (!exists) await this.#handle.write('ligne;raison\n');
    }
    await this.#handle.write(lines.map((l) => `${l.line};${csvField(l.reason)}\n`).join(''));
    await this.#handle.datasync();
    this.written = true;
  }

  async close(): Promise<void> {
    await this.#handle?.close();
    this.#handle = null;
  }
}

function csvField(s: string): string {
  const flat = s.replace(/[\r\n]+/g, ' ');
  return /[;"]/.test(flat) ? `"${flat.replace(/"/g, '""')}"` : flat;
}
