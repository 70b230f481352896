import type { DbOrTx } from '../../platform/db/index.js';

/** Saves the form of a call (the builder's change). */
export async function saveCallForm(
  db: DbOrTx,
  callId: string,
  form: unknown,
  formVersion: number,
): Promise<void> {
  await db
    .updateTable('calls')
    .set({ form: JSON.stringify(form), form_version: formVersion, updated_at: new Date() })
    .where('id', '=', callId)
    .execute();
}

/** Records a version of a call's form (`call_form_versions`), frozen from then on. */
export async function insertFormVersion(
  db: DbOrTx,
  row: { callId: string; version: number; form: unknown; createdBy: string | null },
): Promise<void> {
  await db
    .insertInto('call_form_versions')
    .values({
      call_id: row.callId,
      version: row.version,
      form: JSON.stringify(row.form),
      created_by: row.createdBy,
    })
    .execute();
}

/** The recorded versions of a call's form, oldest first. */
export function listFormVersions(db: DbOrTx, callId: string) {
  return db
    .selectFrom('call_form_versions')
    .select(['version', 'form', 'created_at'])
    .where('call_id', '=', callId)
    .orderBy('version')
    .execute();
}
