import { createHash } from 'node:crypto';
import type { JsonValue } from './audit.tables.js';

/** The `prev_hash` of the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Names the serialisation that `hashAuditRow` hashes. It is part of every hash: a future format must get
 * a new name (and verification must keep computing the old one for the rows written with it).
 */
export const HASH_FORMAT = 'fi-audit/1';

/** The fields of an `audit_events` row that its hash covers: all of them but the hash itself. */
export interface ChainedRow {
  id: string;
  occurred_at: Date;
  actor_id: string | null;
  actor_label: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  ip: string | null;
  request_id: string | null;
  summary: { [key: string]: JsonValue };
  prev_hash: string;
}

/**
 * SHA-256 (hexadecimal) of the row's canonical serialisation: the JSON array
 * `[HASH_FORMAT, id, occurred_at as ISO 8601 UTC with milliseconds, actor_id, actor_label, action,
 *   object_type, object_id, ip, request_id, summary, prev_hash]` written by `canonicalJson` (no spaces,
 * object keys sorted). Recomputable from the stored row: `occurred_at` is stored at millisecond precision
 * and `jsonb` gives back the same JSON values (key order aside, which the sort removes).
 */
export function hashAuditRow(row: ChainedRow): string {
  const text = canonicalJson([
    HASH_FORMAT,
    row.id,
    row.occurred_at.toISOString(),
    row.actor_id,
    row.actor_label,
    row.action,
    row.object_type,
    row.object_id,
    row.ip,
    row.request_id,
    row.summary,
    row.prev_hash,
  ]);
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const MAX_DEPTH = 32;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * JSON with object keys sorted (by UTF-16 code units) and no whitespace: the same value always gives the
 * same text, whatever the key order it was built or stored with. JSON's own rules otherwise (`toJSON` is
 * called, so a Date becomes its ISO string; undefined properties are left out). Refuses what `jsonb` could
 * not store identically: non-finite numbers, bigints, strings with U+0000 or a lone surrogate.
 */
export function canonicalJson(value: unknown): string {
  const text = write(value, 0);
  if (text === undefined)
    throw new TypeError('canonicalJson: the value is not JSON (undefined, function, symbol)');
  return text;
}

function write(input: unknown, depth: number): string | undefined {
  if (depth > MAX_DEPTH) throw new TypeError(`canonicalJson: nested deeper than ${MAX_DEPTH} levels`);
  let value = input;
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  switch (typeof value) {
    case 'string':
      return writeString(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('canonicalJson: a bigint is not a JSON number (write it as a string)');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    return `[${value.map((item) => write(item, depth + 1) ?? 'null').join(',')}]`;
  }
  const parts: string[] = [];
  for (const key of Object.keys(value as object).sort()) {
    const item = write((value as Record<string, unknown>)[key], depth + 1);
    if (item !== undefined) parts.push(`${writeString(key)}:${item}`);
  }
  return `{${parts.join(',')}}`;
}

function writeString(value: string): string {
  if (value.includes('\u0000')) throw new TypeError('canonicalJson: a string contains U+0000');
  if (LONE_SURROGATE.test(value)) throw new TypeError('canonicalJson: a string contains a lone surrogate');
  return JSON.stringify(value);
}
