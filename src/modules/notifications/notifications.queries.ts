import type { DbOrTx } from '../../platform/db/index.js';

/** The topics a person switched off. */
export async function listOptOuts(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('notification_opt_outs')
    .select('topic')
    .where('user_id', '=', userId)
    .execute();
  return rows.map((r) => r.topic);
}

/** Of `userIds`, those who switched `topic` off. */
export async function usersWithOptOut(
  db: DbOrTx,
  userIds: readonly string[],
  topic: string,
): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('notification_opt_outs')
    .select('user_id')
    .where('topic', '=', topic)
    .where('user_id', 'in', [...userIds])
    .execute();
  return rows.map((r) => r.user_id);
}

/** Replaces a person's opt-outs by `topics`. */
export async function replaceOptOuts(db: DbOrTx, userId: string, topics: readonly string[]): Promise<void> {
  await db.deleteFrom('notification_opt_outs').where('user_id', '=', userId).execute();
  if (topics.length > 0)
    await db
      .insertInto('notification_opt_outs')
      .values(topics.map((topic) => ({ user_id: userId, topic })))
      .execute();
}
