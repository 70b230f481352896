export { MAIL_CSS, MailFrame, type MailFrameProps, textFrame } from './frame.js';
export {
  countOutboxMessages,
  findOutboxMessage,
  listOutboxMessages,
  type OutboxMessage,
  type OutboxSummary,
} from './mail.queries.js';
export type { MailOutboxTable } from './mail.tables.js';
export type { MailAttachment, MailJobPayload, MailTemplate } from './mail.types.js';
export { createMailer, MAIL_JOB, type Mailer, type MailerOptions, type SendMail } from './mailer.js';
export { type OutboxRoutesOptions, outboxRoutes, shouldServeOutbox } from './outbox.routes.js';
export { type TestMailData, testMail } from './templates/test.js';
