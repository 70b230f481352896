/** The notifications module's public API: topics, preferences, and the closing lines of e-mails. */

export { notificationsEn } from './notifications.en.js';
export { type NotificationsMessages, notificationsFr } from './notifications.fr.js';
export { type NotificationsRoutesOptions, notificationsRoutes } from './notifications.routes.js';
export {
  isNotificationOn,
  notificationPreferences,
  optOutLines,
  preferencesUrl,
  recipientsWithTopicOn,
  saveNotificationPreferences,
} from './notifications.service.js';
export {
  isLegalTopic,
  isTopic,
  NOTIFICATION_TOPICS,
  type NotificationTopic,
  TOPICS,
  type TopicDefinition,
} from './notifications.topics.js';
