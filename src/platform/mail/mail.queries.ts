import type { Insertable, Selectable } from 'kysely';
import type { DbOrTx } from '../db/index.js';
import type { MailOutboxTable } from './mail.tables.js';

export type OutboxMessage = Selectable<MailOutboxTable>;
export type OutboxSummary = Pick<OutboxMessage, 'id' | 'created_at' | 'to_address' | 'subject'>;

/** Stores a message in the outbox; a job run twice stores it once (unique `job_id`). */
export async function insertOutboxMessage(db: DbOrTx, message: Insertable<MailOutboxTable>): Promise<void> {
  await db
    .insertInto('mail_outbox')
    .values(message)
    .onConflict((oc) => oc.column('job_id').doNothing())
    .execute();
}

export async function countOutboxMessages(db: DbOrTx): Promise<number> {
  const row = await db
    .selectFrom('mail_outbox')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Newest first. */
export async function listOutboxMessages(
  db: DbOrTx,
  { limit, offset }: { limit: number; offset: number },
): Promise<OutboxSummary[]> {
  return db
    .selectFrom('mail_outbox')
    .select(['id', 'created_at', 'to_address', 'subject'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function findOutboxMessage(db: DbOrTx, id: string): Promise<OutboxMessage | undefined> {
  return db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();
}
