import type { Selectable } from 'kysely';
import type { DbOrTx } from '../../platform/db/index.js';
import type { CallsTable } from './calls.tables.js';

export type CallRow = Selectable<CallsTable>;

const COLUMNS = [
  'id',
  'slug',
  'kind',
  'title',
  'summary',
  'presentation',
  'eligibility',
  'opens_at',
  'closes_at',
  'status',
  'closed_message',
  'published_at',
  'created_by',
  'created_at',
  'updated_at',
  'form',
  'form_version',
] as const;

export function findCallById(db: DbOrTx, id: string, forUpdate = false): Promise<CallRow | undefined> {
  const query = db.selectFrom('calls').select(COLUMNS).where('id', '=', id);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export function findCallBySlug(db: DbOrTx, slug: string): Promise<CallRow | undefined> {
  return db.selectFrom('calls').select(COLUMNS).where('slug', '=', slug).executeTakeFirst();
}

export async function slugTaken(db: DbOrTx, slug: string, exceptId: string | null): Promise<boolean> {
  let query = db.selectFrom('calls').select('id').where('slug', '=', slug);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** Every call, newest first (administration). */
export function listAllCalls(db: DbOrTx): Promise<CallRow[]> {
  return db.selectFrom('calls').select(COLUMNS).orderBy('created_at', 'desc').orderBy('id').execute();
}

/** The calls the public sees (never drafts), by opening date. */
export function listPublicCalls(db: DbOrTx): Promise<CallRow[]> {
  return db
    .selectFrom('calls')
    .select(COLUMNS)
    .where('status', '<>', 'draft')
    .orderBy('opens_at', 'asc')
    .orderBy('title')
    .execute();
}
