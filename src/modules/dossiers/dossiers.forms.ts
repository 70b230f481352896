/**
 * The recorded forms of calls (call_form_versions), parsed once. A recorded version never changes, but the
 * parse (zod) is costly and every page of a dossier needs its form: parsed forms are kept in memory, keyed
 * by the MD5 of the stored JSON, so that a cached form is always the one in the database (a different
 * content is a different key: nothing to invalidate). Cached forms are frozen: nobody may change them.
 */
import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/index.js';
import { type CallForm, parseCallForm } from '../calls/index.js';

/** Distinct forms kept (a few per call); the oldest used is dropped beyond. */
const MAX_FORMS = 200;
const parsed = new Map<string, CallForm>();

/** SQL: the digest of a recorded form, the key of the cache (`md5(form::text)`). */
export const formDigest = (column: string) => sql<string>`md5(${sql.ref(column)}::text)`;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The parsed form of this digest when already parsed. */
export function cachedForm(digest: string | null | undefined): CallForm | undefined {
  if (!digest) return undefined;
  const form = parsed.get(digest);
  if (form) {
    // Most recently used last (the Map keeps insertion order).
    parsed.delete(digest);
    parsed.set(digest, form);
  }
  return form;
}

/** Parses a recorded form (valid by construction) and keeps it under its digest. */
export function rememberForm(digest: string, json: unknown): CallForm {
  const known = cachedForm(digest);
  if (known) return known;
  const result = parseCallForm(json);
  if (!result.ok) throw new Error('a recorded call form does not parse');
  const form = deepFreeze(result.form);
  parsed.set(digest, form);
  if (parsed.size > MAX_FORMS) {
    const oldest = parsed.keys().next().value;
    if (oldest !== undefined) parsed.delete(oldest);
  }
  return form;
}

/**
 * The form of `callId` recorded at `version`, undefined when not recorded. `digest`, when the caller read
 * it with the dossier (`formDigest`), spares the query for a form already parsed.
 */
export async function recordedForm(
  db: DbOrTx,
  callId: string,
  version: number,
  digest?: string | null,
): Promise<CallForm | undefined> {
  const known = cachedForm(digest);
  if (known) return known;
  const row = await db
    .selectFrom('call_form_versions')
    .select(['form', formDigest('form').as('digest')])
    .where('call_id', '=', callId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? rememberForm(row.digest, row.form) : undefined;
}
