import { type Insertable, type Selectable, sql } from 'kysely';
import type { DbOrTx } from '../db/index.js';
import type { AuditEventsTable } from './audit.tables.js';

export type AuditEventRow = Selectable<AuditEventsTable>;
export type NewAuditEventRow = Insertable<AuditEventsTable>;

/** Any fixed number, distinct from the other advisory locks (migrations 7102018, test templates 7102019). */
const CHAIN_LOCK_KEY = 7_102_030;

/**
 * Waits for, then holds until the transaction ends, the lock that serialises appends to the chain.
 * Only meaningful inside a transaction (outside one it is released at once).
 */
export async function lockChain(trx: DbOrTx): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`.execute(trx);
}

export interface AppendPoint {
  /** The chain's last event (0 and 64 zeros when the chain is empty). */
  lastId: string;
  lastHash: string;
  /**
   * The next event's id (already taken from the sequence) and time: the database clock, in milliseconds,
   * and never before the last event's, so that `occurred_at` never decreases along the chain.
   */
  nextId: string;
  now: Date;
}

/**
 * Reads the head of the chain and locks its row, takes the next id and the time. Called under the chain
 * lock, so that ids and times follow chain order. The row lock also makes a REPEATABLE READ transaction
 * whose snapshot predates the last append fail (serialisation error) instead of forking the chain.
 * Undefined when the head row is missing.
 */
export async function readAppendPoint(trx: DbOrTx): Promise<AppendPoint | undefined> {
  const row = await trx
    .selectFrom('audit_chain_head')
    .select([
      'last_id',
      'last_hash',
      sql<string>`nextval(pg_get_serial_sequence('audit_events', 'id'))::text`.as('next_id'),
      // Never earlier than the last event: times follow chain order even if the clock steps back.
      sql<Date>`greatest(
        date_trunc('milliseconds', clock_timestamp()),
        (SELECT e.occurred_at FROM audit_events e WHERE e.id = audit_chain_head.last_id)
      )`.as('now'),
    ])
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirst();
  return row && { lastId: row.last_id, lastHash: row.last_hash, nextId: row.next_id, now: row.now };
}

/** Inserts the event and moves the head to it, in one statement. False when the head row is missing. */
export async function appendEvent(trx: DbOrTx, row: NewAuditEventRow): Promise<boolean> {
  const result = await trx
    .with('appended', (qb) => qb.insertInto('audit_events').values(row).returning(['id', 'hash']))
    .updateTable('audit_chain_head')
    .from('appended')
    .set((eb) => ({ last_id: eb.ref('appended.id'), last_hash: eb.ref('appended.hash') }))
    .where('audit_chain_head.id', '=', 1)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export interface ChainHead {
  lastId: string;
  lastHash: string;
  /** The smallest id above the head's, when a row exists there: a row added outside `recordAudit`. */
  firstIdBeyond: string | null;
}

/**
 * The head and the first row beyond it, seen in one snapshot (one statement): an append commits its row
 * and the head together, so a row beyond the head in the same snapshot was not appended by `recordAudit`.
 */
export async function readChainHead(db: DbOrTx): Promise<ChainHead | undefined> {
  const row = await db
    .selectFrom('audit_chain_head as h')
    .select((eb) => [
      'h.last_id',
      'h.last_hash',
      eb
        .selectFrom('audit_events as e')
        .select(sql<string | null>`min(e.id)::text`.as('id'))
        .whereRef('e.id', '>', 'h.last_id')
        .as('first_id_beyond'),
    ])
    .where('h.id', '=', 1)
    .executeTakeFirst();
  return row && { lastId: row.last_id, lastHash: row.last_hash, firstIdBeyond: row.first_id_beyond ?? null };
}

/** Events with `afterId < id <= upToId`, in id order, at most `limit` (keyset pagination for the walk). */
export function readEventsBatch(
  db: DbOrTx,
  afterId: string,
  upToId: string,
  limit: number,
): Promise<AuditEventRow[]> {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('id', '>', afterId)
    .where('id', '<=', upToId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export interface AuditEventFilters {
  actorId?: string | undefined;
  action?: string | undefined;
  /** Actions starting with this text (`auth.`, `roles`): a family of codes. */
  actionPrefix?: string | undefined;
  /** The actor as identified then (an e-mail address, « ligne de commande »), exactly. */
  actorLabel?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  before?: string | undefined;
}

/**
 * Events matching every given filter, newest first (id descending), at most `limit`.
 *
 * A period also becomes a range of ids, found through the `occurred_at` index: `occurred_at` never
 * decreases along the chain, so a period's events are the ids from its first event to its last, and the
 * newest-first scan starts at the end of the period instead of filtering from the newest event down.
 */
export function searchEvents(
  db: DbOrTx,
  filters: AuditEventFilters,
  limit: number,
): Promise<AuditEventRow[]> {
  let query = db.selectFrom('audit_events').selectAll();
  if (filters.actorId !== undefined) query = query.where('actor_id', '=', filters.actorId);
  if (filters.action !== undefined) query = query.where('action', '=', filters.action);
  if (filters.actionPrefix !== undefined)
    query = query.where(sql<boolean>`starts_with(action, ${filters.actionPrefix})`);
  if (filters.actorLabel !== undefined) query = query.where('actor_label', '=', filters.actorLabel);
  if (filters.objectType !== undefined) query = query.where('object_type', '=', filters.objectType);
  if (filters.objectId !== undefined) query = query.where('object_id', '=', filters.objectId);
  const { from, to } = filters;
  if (from !== undefined) {
    query = query
      .where('occurred_at', '>=', from)
      .where('id', '>=', (eb) =>
        eb
          .selectFrom('audit_events')
          .select('id')
          .where('occurred_at', '>=', from)
          .orderBy('occurred_at')
          .orderBy('id')
          .limit(1),
      );
  }
  if (to !== undefined) {
    query = query
      .where('occurred_at', '<', to)
      .where('id', '<=', (eb) =>
        eb
          .selectFrom('audit_events')
          .select('id')
          .where('occurred_at', '<', to)
          .orderBy('occurred_at', 'desc')
          .orderBy('id', 'desc')
          .limit(1),
      );
  }
  if (filters.before !== undefined) query = query.where('id', '<', filters.before);
  return query.orderBy('id', 'desc').limit(limit).execute();
}
