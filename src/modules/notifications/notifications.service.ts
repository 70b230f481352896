import { recordAudit } from '../../platform/audit/index.js';
import type { Db, DbOrTx } from '../../platform/db/index.js';
import { type Locale, localised } from '../../platform/i18n/index.js';
import { notificationsEn } from './notifications.en.js';
import { notificationsFr } from './notifications.fr.js';
import { listOptOuts, replaceOptOuts, usersWithOptOut } from './notifications.queries.js';
import { isLegalTopic, isTopic, type NotificationTopic, TOPICS } from './notifications.topics.js';

const words = localised({ fr: notificationsFr, en: notificationsEn });

/** Whether `userId` receives the e-mails of `topic` (always, for a legally needed topic). */
export async function isNotificationOn(
  db: DbOrTx,
  userId: string,
  topic: NotificationTopic,
): Promise<boolean> {
  if (isLegalTopic(topic)) return true;
  const off = await usersWithOptOut(db, [userId], topic);
  return off.length === 0;
}

/** Of `userIds` (duplicates removed, order kept), those who receive the e-mails of `topic`. */
export async function recipientsWithTopicOn(
  db: DbOrTx,
  userIds: readonly string[],
  topic: NotificationTopic,
): Promise<string[]> {
  const unique = [...new Set(userIds)];
  if (isLegalTopic(topic)) return unique;
  const off = new Set(await usersWithOptOut(db, unique, topic));
  return unique.filter((id) => !off.has(id));
}

/** Each topic of the registry with whether it is on for this person. */
export async function notificationPreferences(
  db: DbOrTx,
  userId: string,
): Promise<{ topic: NotificationTopic; legal: boolean; on: boolean }[]> {
  const off = new Set(await listOptOuts(db, userId));
  return TOPICS.map((t) => ({ topic: t.id, legal: t.legal, on: t.legal || !off.has(t.id) }));
}

export interface NotificationsActor {
  id: string;
  email: string;
}

export interface NotificationsContext {
  ip: string | null;
  requestId: string | null;
}

/**
 * Saves the topics a person keeps on: every other topic that may be switched off is switched off. Legally
 * needed topics stay on whatever is sent. Audit `notifications.update` with the topics switched off.
 */
export async function saveNotificationPreferences(
  db: Db,
  actor: NotificationsActor,
  enabled: readonly NotificationTopic[],
  ctx: NotificationsContext,
): Promise<void> {
  const keep = new Set(enabled);
  const off = TOPICS.filter((t) => !t.legal && !keep.has(t.id)).map((t) => t.id);
  await db.transaction().execute(async (trx) => {
    await replaceOptOuts(trx, actor.id, off);
    await recordAudit(trx, {
      action: 'notifications.update',
      objectType: 'account',
      objectId: actor.id,
      actorId: actor.id,
      actorLabel: actor.email,
      ip: ctx.ip,
      requestId: ctx.requestId,
      summary: { off },
    });
  });
}

/** Topics of a form post (`topics` may be absent, one value or several); unknown values → null. */
export function parseTopics(value: unknown): NotificationTopic[] | null {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  if (!list.every(isTopic)) return null;
  return list as NotificationTopic[];
}

/** The address of the preferences page. */
export function preferencesUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/$/, '')}/compte/notifications`;
}

/**
 * The closing lines of an e-mail of a topic that may be switched off: why it was sent and where to stop
 * it. Empty for a legally needed topic.
 */
export function optOutLines(topic: NotificationTopic, locale: Locale, baseUrl: string): string[] {
  if (isLegalTopic(topic)) return [];
  const w = words(locale);
  return [`${w.mail.because(w.topics[topic].because)} ${w.mail.stop(preferencesUrl(baseUrl))}`];
}
