import type { DbOrTx } from '../db/index.js';
import { type ChainedRow, canonicalJson, GENESIS_HASH, hashAuditRow } from './audit.hash.js';
import {
  type AuditEventFilters,
  type AuditEventRow,
  appendEvent,
  lockChain,
  readAppendPoint,
  readChainHead,
  readEventsBatch,
  searchEvents,
} from './audit.queries.js';
import type { JsonValue } from './audit.tables.js';

/** A before/after summary: a small JSON object of what changed, never a secret. */
export type AuditSummary = { [key: string]: JsonValue | undefined };

/** What happened; who, from where, and the object it happened to. */
export interface AuditEvent {
  /** A stable code, `domain.verb` in lower case: `auth.sign_in`, `auth.sign_in_failed`, `roles.grant`. */
  action: string;
  /** What the action is about, in lower case: `account`, `role`, `application`. */
  objectType: string;
  objectId?: string | null | undefined;
  /** Absent or null: an anonymous visitor or the system. */
  actorId?: string | null | undefined;
  /** What identified the actor at the time (an e-mail address): kept as it was then. */
  actorLabel?: string | null | undefined;
  ip?: string | null | undefined;
  requestId?: string | null | undefined;
  summary?: AuditSummary | undefined;
}

export interface RecordedAudit {
  id: string;
  hash: string;
  occurredAt: Date;
}

/** Longest canonical JSON of a summary, in characters. An audit summary says what changed, briefly. */
export const MAX_SUMMARY_LENGTH = 16_384;
const ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const OBJECT_TYPE = /^[a-z][a-z0-9_]*$/;
const MAX_LENGTHS = { objectId: 200, actorId: 200, actorLabel: 320, ip: 100, requestId: 200 } as const;
/** Keys that name a secret (compared in lower case, without separators, at the end of the key). */
const SECRET_KEY =
  /(password(hash)?|passwd|passphrase|secret|token|apikey|privatekey|recoverycodes?|sessionid|cookie)$/;

/**
 * Appends an event to the audit trail, chained to the previous one by its SHA-256 hash.
 *
 * Pass the caller's transaction: the event then commits (or rolls back) with the change it records. Given
 * the plain database handle, it opens its own short transaction. (On PGlite, never pass the plain handle
 * while a transaction is open: the call would wait for that transaction forever.)
 *
 * Appends are serialised: the chain lock (`pg_advisory_xact_lock`) is held until the transaction ends, so
 * record the event as the last step of the transaction, just before it commits.
 *
 * Throws a TypeError or RangeError for a malformed event (a programming error): an action that is not a
 * `domain.verb` code, a summary that is not a JSON object, too long, or with a key naming a secret.
 */
export async function recordAudit(db: DbOrTx, event: AuditEvent): Promise<RecordedAudit> {
  const prepared = prepareEvent(event);
  if (!db.isTransaction) return db.transaction().execute((trx) => append(trx, prepared));
  return append(db, prepared);
}

type PreparedEvent = Omit<ChainedRow, 'id' | 'occurred_at' | 'prev_hash'> & { summaryText: string };

async function append(trx: DbOrTx, event: PreparedEvent): Promise<RecordedAudit> {
  await lockChain(trx);
  const point = await readAppendPoint(trx);
  if (!point)
    throw new Error('recordAudit: the audit_chain_head row is missing; the chain cannot be extended');
  const { summaryText, ...fields } = event;
  const row: ChainedRow = { ...fields, id: point.nextId, occurred_at: point.now, prev_hash: point.lastHash };
  const hash = hashAuditRow(row);
  if (!(await appendEvent(trx, { ...row, summary: summaryText, hash }))) {
    throw new Error('recordAudit: the audit_chain_head row is missing; the chain cannot be extended');
  }
  return { id: row.id, hash, occurredAt: row.occurred_at };
}

function prepareEvent(event: AuditEvent): PreparedEvent {
  if (typeof event.action !== 'string' || event.action.length > 100 || !ACTION.test(event.action)) {
    throw new RangeError(`recordAudit: the action "${event.action}" is not a code like "auth.sign_in"`);
  }
  if (
    typeof event.objectType !== 'string' ||
    event.objectType.length > 100 ||
    !OBJECT_TYPE.test(event.objectType)
  ) {
    throw new RangeError(`recordAudit: the object type "${event.objectType}" is not a code like "account"`);
  }
  const summary = event.summary ?? {};
  if (typeof summary !== 'object' || summary === null || Array.isArray(summary)) {
    throw new TypeError('recordAudit: the summary must be a JSON object');
  }
  let summaryText: string;
  try {
    summaryText = canonicalJson(summary);
  } catch (error) {
    throw new TypeError(`recordAudit: the summary is not storable JSON (${(error as Error).message})`);
  }
  if (summaryText.length > MAX_SUMMARY_LENGTH) {
    throw new RangeError(
      `recordAudit: the summary is ${summaryText.length} characters long (at most ${MAX_SUMMARY_LENGTH})`,
    );
  }
  const parsed = JSON.parse(summaryText) as { [key: string]: JsonValue };
  const secret = findSecretKey(parsed);
  if (secret !== undefined) {
    throw new TypeError(
      `recordAudit: the summary key "${secret}" names a secret; never put one in the audit trail`,
    );
  }
  return {
    action: event.action,
    object_type: event.objectType,
    object_id: optionalText(event.objectId, 'objectId'),
    actor_id: optionalText(event.actorId, 'actorId'),
    actor_label: optionalText(event.actorLabel, 'actorLabel'),
    ip: optionalText(event.ip, 'ip'),
    request_id: optionalText(event.requestId, 'requestId'),
    summary: parsed,
    summaryText,
  };
}

function optionalText(value: string | null | undefined, field: keyof typeof MAX_LENGTHS): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new TypeError(`recordAudit: ${field} must be a string`);
  if (value.length > MAX_LENGTHS[field]) {
    throw new RangeError(`recordAudit: ${field} is longer than ${MAX_LENGTHS[field]} characters`);
  }
  if (value.includes('\u0000')) throw new TypeError(`recordAudit: ${field} contains U+0000`);
  return value;
}

function findSecretKey(value: JsonValue): string | undefined {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findSecretKey(item);
      if (found !== undefined) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (SECRET_KEY.test(key.toLowerCase().replace(/[^a-z0-9]/g, ''))) return key;
      const found = findSecretKey(item);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Why a verification failed (a stable code; `detail` says it in French with the ids). */
export type AuditChainFailure =
  /** The row's content no longer gives its hash: the row was edited. */
  | 'hash_mismatch'
  /** The row's prev_hash is not the previous row's hash: a row was deleted or slipped in before it. */
  | 'broken_link'
  /** The chain does not end where its head says: rows deleted at the end, or the last row or head rewritten. */
  | 'tail_mismatch'
  /** A row lies beyond the head: inserted without `recordAudit`. */
  | 'beyond_head'
  /** The head row was deleted. */
  | 'head_missing';

export type AuditChainReport =
  | {
      ok: true;
      /** Events verified. */
      count: number;
      /** The end of the chain: what to anchor outside the database (see README). "0" when empty. */
      lastId: string;
      lastHash: string;
    }
  | {
      ok: false;
      /** Events verified before the first bad one. */
      count: number;
      /** The first event found wrong (see `AuditChainFailure`); null when the head row is missing. */
      firstBadId: string | null;
      reason: AuditChainFailure;
      /** In French, for the operator. */
      detail: string;
    };

export interface VerifyOptions {
  /** Rows read per query (default 5,000): memory stays constant whatever the length of the chain. */
  batchSize?: number;
}

/**
 * Walks the whole chain in id order, in batches, and checks each row's hash and its link to the previous
 * row, then that the chain ends where `audit_chain_head` says, and that no row lies beyond it. Runs no long
 * transaction: events appended meanwhile (beyond the head read at the start) are left for the next run.
 */
export async function verifyAuditChain(db: DbOrTx, options: VerifyOptions = {}): Promise<AuditChainReport> {
  const batchSize = options.batchSize ?? 5000;
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) {
    throw new RangeError(`verifyAuditChain: batchSize must be an integer >= 1 (got ${batchSize})`);
  }
  const head = await readChainHead(db);
  if (!head) {
    return {
      ok: false,
      count: 0,
      firstBadId: null,
      reason: 'head_missing',
      detail: 'la ligne de la table audit_chain_head a été supprimée : la fin de la chaîne est inconnue.',
    };
  }
  let count = 0;
  let previous: { id: string; hash: string } | undefined;
  let cursor = '0';
  for (;;) {
    const rows = await readEventsBatch(db, cursor, head.lastId, batchSize);
    for (const row of rows) {
      if (row.prev_hash !== (previous?.hash ?? GENESIS_HASH)) {
        const detail = previous
          ? `l'évènement n° ${row.id} n'est pas lié au n° ${previous.id} qui le précède (empreinte précédente différente) : un évènement a été supprimé ou inséré avant lui.`
          : `le premier évènement (n° ${row.id}) n'ouvre pas la chaîne : des évènements ont été supprimés avant lui.`;
        return { ok: false, count, firstBadId: row.id, reason: 'broken_link', detail };
      }
      if (hashAuditRow(row) !== row.hash) {
        return {
          ok: false,
          count,
          firstBadId: row.id,
          reason: 'hash_mismatch',
          detail: `le contenu de l'évènement n° ${row.id} ne correspond plus à son empreinte : il a été modifié.`,
        };
      }
      previous = { id: row.id, hash: row.hash };
      count += 1;
    }
    if (rows.length < batchSize) break;
    cursor = rows.at(-1)!.id;
  }
  const endId = previous?.id ?? '0';
  if (endId !== head.lastId || (previous?.hash ?? GENESIS_HASH) !== head.lastHash) {
    const detail =
      endId !== head.lastId
        ? `la chaîne s'arrête ${previous ? `au n° ${endId}` : 'avant le premier évènement'} alors que sa tête désigne le n° ${head.lastId} : des évènements ont été supprimés à la fin.`
        : `l'empreinte du dernier évènement (n° ${endId}) n'est pas celle que garde la tête de chaîne : le dernier évènement ou la tête ont été réécrits.`;
    return {
      ok: false,
      count,
      firstBadId: head.lastId === '0' ? null : head.lastId,
      reason: 'tail_mismatch',
      detail,
    };
  }
  if (head.firstIdBeyond !== null) {
    return {
      ok: false,
      count,
      firstBadId: head.firstIdBeyond,
      reason: 'beyond_head',
      detail: `l'évènement n° ${head.firstIdBeyond} se trouve après la fin de la chaîne (n° ${head.lastId}) : il n'a pas été ajouté par l'application.`,
    };
  }
  return { ok: true, count, lastId: head.lastId, lastHash: head.lastHash };
}

export interface AuditSearch extends AuditEventFilters {
  /** Events per page: 1 to 200 (default 50). */
  limit?: number | undefined;
}

export interface AuditPage {
  /** Newest first. */
  events: AuditEventRow[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: string | null;
}

const ID = /^[1-9][0-9]{0,18}$/;

/**
 * Searches the trail, newest first, by actor, action, object (type, or type and id), period (`from`
 * included, `to` excluded) and keyset cursor `before` (an event id: the page starts below it). Every filter
 * is optional; given ones are combined with AND.
 */
export async function searchAudit(db: DbOrTx, search: AuditSearch = {}): Promise<AuditPage> {
  const limit = search.limit ?? 50;
  if (!(Number.isInteger(limit) && limit >= 1 && limit <= 200)) {
    throw new RangeError(`searchAudit: limit must be an integer from 1 to 200 (got ${limit})`);
  }
  if (search.before !== undefined && !ID.test(search.before)) {
    throw new RangeError(`searchAudit: before must be an event id (got "${search.before}")`);
  }
  if (search.objectId !== undefined && search.objectType === undefined) {
    throw new RangeError('searchAudit: objectId needs objectType');
  }
  for (const key of ['from', 'to'] as const) {
    const date = search[key];
    if (date !== undefined && Number.isNaN(date.getTime()))
      throw new RangeError(`searchAudit: ${key} is an invalid date`);
  }
  const rows = await searchEvents(db, search, limit + 1);
  const events = rows.slice(0, limit);
  return { events, nextBefore: rows.length > limit ? events.at(-1)!.id : null };
}
