import type { ColumnType } from 'kysely';

/** A JSON value, as `jsonb` stores it and `JSON.parse` returns it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * `audit_events` as Kysely sees it (see migrations/0006_platform_audit.sql). Append-only: no column can be
 * set by an update (the database refuses updates anyway). bigint ids come back as strings.
 */
export interface AuditEventsTable {
  /** Given by `recordAudit` (nextval under the chain lock) so that id order is chain order. */
  id: ColumnType<string, string, never>;
  occurred_at: ColumnType<Date, Date, never>;
  actor_id: ColumnType<string | null, string | null, never>;
  actor_label: ColumnType<string | null, string | null, never>;
  action: ColumnType<string, string, never>;
  object_type: ColumnType<string, string, never>;
  object_id: ColumnType<string | null, string | null, never>;
  ip: ColumnType<string | null, string | null, never>;
  request_id: ColumnType<string | null, string | null, never>;
  /** jsonb: read as parsed JSON (always an object), written as JSON text. */
  summary: ColumnType<{ [key: string]: JsonValue }, string, never>;
  prev_hash: ColumnType<string, string, never>;
  hash: ColumnType<string, string, never>;
}

/** `audit_chain_head`: one row (id 1), the last event of the chain. */
export interface AuditChainHeadTable {
  id: ColumnType<number, never, never>;
  last_id: ColumnType<string, never, string>;
  last_hash: ColumnType<string, never, string>;
}

declare module '../db/schema.js' {
  interface Tables {
    audit_events: AuditEventsTable;
    audit_chain_head: AuditChainHeadTable;
  }
}
