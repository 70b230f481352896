import type { Locale } from '../i18n/index.js';

/**
 * An e-mail template: a typed module with the subject, the HTML body (TSX, wrapped in `MailFrame`) and
 * the plain-text body, in the recipient's language. Modules keep their templates next to their code and
 * pass the template itself to `mailer.send()`: the platform needs no list of templates.
 */
export interface MailTemplate<Data> {
  /** Stable name, stored with the message (outbox, logs): `test`, `applications.submitted`… */
  name: string;
  subject(data: Data, locale: Locale): string;
  /** A whole HTML document: `<MailFrame …>`. Escape every text child (`safe` or `Html.escapeHtml`). */
  html(data: Data, locale: Locale): JSX.Element;
  text(data: Data, locale: Locale): string;
}

/** The `mail.send` job: the message rendered when it was queued, delivered as it is. */
export interface MailJobPayload {
  template: string;
  locale: Locale;
  from: string;
  to: string[];
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  /** Files attached to the message (small ones: a receipt), content in base64. */
  attachments?: MailAttachment[];
}

/** A file attached to a mail: its name, its type and its content in base64 (the payload is JSON). */
export interface MailAttachment {
  filename: string;
  contentType: string;
  contentBase64: string;
}

declare module '../jobs/jobs.types.js' {
  interface JobPayloads {
    'mail.send': MailJobPayload;
  }
}
