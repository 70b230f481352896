/**
 * The kinds of e-mails a person may receive. A topic marked `legal` is legally needed (receipt of a
 * submission, admissibility decision): it cannot be switched off, and an opt-out row for it is ignored.
 */
export const NOTIFICATION_TOPICS = [
  'dossier_receipt',
  'dossier_decision',
  'dossier_status',
  'dossier_messages',
  'dossier_staff_activity',
] as const;
export type NotificationTopic = (typeof NOTIFICATION_TOPICS)[number];

export interface TopicDefinition {
  id: NotificationTopic;
  legal: boolean;
}

/** The registry, in the order of the preferences page (words in notifications.fr.ts / .en.ts). */
export const TOPICS: readonly TopicDefinition[] = [
  { id: 'dossier_receipt', legal: true },
  { id: 'dossier_decision', legal: true },
  // Correction requests belong here: not legally needed as an e-mail (the request is on the dossier's page
  // and its deadline applies whether or not the e-mail is received, which the page says).
  { id: 'dossier_status', legal: false },
  { id: 'dossier_messages', legal: false },
  { id: 'dossier_staff_activity', legal: false },
];

export function isTopic(value: unknown): value is NotificationTopic {
  return typeof value === 'string' && (NOTIFICATION_TOPICS as readonly string[]).includes(value);
}

export function isLegalTopic(topic: NotificationTopic): boolean {
  return TOPICS.some((t) => t.id === topic && t.legal);
}
