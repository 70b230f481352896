import { sql } from 'kysely';
import type { DbOrTx } from '../../../platform/db/index.js';
import type { ImportKind } from './source.js';

/** The counters of a run, as kept in organisation_imports (`lines` = records read, header excluded). */
export interface RunCounters {
  bytes: number;
  lines: number;
  inserted: number;
  updated: number;
  skipped: number;
  rejected: number;
}

export interface ImportRun extends RunCounters {
  id: string;
  finished: boolean;
}

/** The latest run of this file (same kind and fingerprint), finished or not. */
export async function findLatestRun(
  db: DbOrTx,
  kind: ImportKind,
  fingerprint: string,
): Promise<ImportRun | undefined> {
  const row = await db
    .selectFrom('organisation_imports')
    .select(['id', 'bytes_read', 'lines_read', 'inserted', 'updated', 'skipped', 'rejected', 'finished_at'])
    .where('kind', '=', kind)
    .where('file_fingerprint', '=', fingerprint)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    finished: row.finished_at !== null,
    bytes: Number(row.bytes_read),
    lines: Number(row.lines_read),
    inserted: Number(row.inserted),
    updated: Number(row.updated),
    skipped: Number(row.skipped),
    rejected: Number(row.rejected),
  };
}

export async function insertRun(
  db: DbOrTx,
  run: { kind: ImportKind; fileName: string; fileSize: number; fingerprint: string; bytes: number },
): Promise<string> {
  const row = await db
    .insertInto('organisation_imports')
    .values({
      kind: run.kind,
      file_name: run.fileName.slice(-500),
      file_size: run.fileSize,
      file_fingerprint: run.fingerprint,
      bytes_read: run.bytes,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Saves where the run is: call it in the transaction of the batch it follows. */
export async function saveProgress(
  db: DbOrTx,
  id: string,
  counters: RunCounters,
  finished = false,
): Promise<void> {
  await db
    .updateTable('organisation_imports')
    .set({
      bytes_read: counters.bytes,
      lines_read: counters.lines,
      inserted: counters.inserted,
      updated: counters.updated,
      skipped: counters.skipped,
      rejected: counters.rejected,
      updated_at: sql<Date>`now()`,
      ...(finished ? { finished_at: sql<Date>`now()` } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** Which of `keys` were imported before from `source`. */
export async function existingSourceKeys(
  db: DbOrTx,
  source: ImportKind,
  keys: readonly string[],
): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom('organisations')
    .select('source_key')
    .where('source', '=', source)
    .where('source_key', 'in', keys)
    .execute();
  return new Set(rows.map((r) => r.source_key).filter((k): k is string => k !== null));
}

/** Every commune code of the official geography (about 35,000 short strings). */
export async function communeCodes(db: DbOrTx): Promise<Set<string>> {
  const rows = await db.selectFrom('geo_communes').select('code').execute();
  return new Set(rows.map((r) => r.code));
}
