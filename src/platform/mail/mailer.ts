import nodemailer from 'nodemailer';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { Db, DbOrTx } from '../db/index.js';
import type { Locale } from '../i18n/index.js';
import {
  type EnqueueResult,
  enqueue,
  type JobContext,
  type JobHandlers,
  type Logger,
} from '../jobs/index.js';
import { insertOutboxMessage } from './mail.queries.js';
import type { MailJobPayload, MailTemplate } from './mail.types.js';

export const MAIL_JOB = 'mail.send';
const MAX_RECIPIENTS = 50;
const address = z.email();

export interface SendMail<Data> {
  /** One address or a few (each gets the same message; all see each other). */
  to: string | readonly string[];
  template: MailTemplate<Data>;
  data: Data;
  /** The recipient's language (default `fr`). */
  locale?: Locale;
  replyTo?: string;
  /** The caller's transaction: the mail is queued only if it commits. Default: the mailer's database. */
  db?: DbOrTx;
  /** Not before this time. */
  runAt?: Date;
  /** Queue the mail once only for this key (see `enqueue`). */
  dedupeKey?: string;
  /** Delivery attempts before the job is dead (default 10: about two hours of retries). */
  maxAttempts?: number;
  /** Small files to attach (a receipt), kept in the job's payload; the development outbox does not keep them. */
  attachments?: readonly { filename: string; contentType: string; content: Buffer }[];
}

export interface Mailer {
  /**
   * Renders the message now and queues a `mail.send` job, so that the mail survives a restart and commits
   * with the caller's transaction (pass it as `db`). Throws on an invalid address.
   */
  send<Data>(mail: SendMail<Data>): Promise<EnqueueResult>;
  /** The job handler to give the worker: `new JobWorker({ handlers: { ...mailer.handlers } })`. */
  readonly handlers: JobHandlers;
  /** Where `mail.send` jobs deliver: an SMTP server (SMTP_URL) or the `mail_outbox` table. */
  readonly delivery: 'smtp' | 'outbox';
  /** Closes the SMTP connections (at shutdown, after the worker has stopped). */
  close(): void;
}

export interface MailerOptions {
  logger?: Logger;
  /** SMTP timeouts (ms); a settings query string in SMTP_URL wins. */
  smtpTimeoutsMs?: { connection?: number; greeting?: number; socket?: number };
}

/** The domain of the sender's address, for Message-IDs. */
function senderDomain(from: string): string {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'french-impact.invalid';
}

/**
 * The platform's mail service. With `SMTP_URL` the `mail.send` job delivers through that server (nodemailer);
 * without it (development, tests) the message is kept in `mail_outbox`, shown at /dev/boite-mail.
 */
export function createMailer(
  config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM'>,
  db: Db,
  options: MailerOptions = {},
): Mailer {
  const timeouts = options.smtpTimeoutsMs ?? {};
  const transport = config.SMTP_URL
    ? nodemailer.createTransport({
        url: config.SMTP_URL,
        connectionTimeout: timeouts.connection ?? 10_000,
        greetingTimeout: timeouts.greeting ?? 10_000,
        socketTimeout: timeouts.socket ?? 60_000,
      })
    : undefined;
  const messageIdDomain = senderDomain(config.MAIL_FROM);

  async function deliver(payload: MailJobPayload, job: JobContext): Promise<void> {
    if (!transport) {
      await insertOutboxMessage(db, {
        job_id: job.id,
        template: payload.template,
        locale: payload.locale,
        from_address: payload.from,
        to_address: payload.to.join(', '),
        subject: payload.subject,
        html_body: payload.html,
        text_body: payload.text,
      });
      return;
    }
    // The same Message-ID on every attempt: a message delivered twice (crash after sending) is recognisable.
    const messageId = `<job-${job.id}@${messageIdDomain}>`;
    const info = await transport.sendMail({
      from: payload.from,
      to: payload.to,
      ...(payload.replyTo ? { replyTo: payload.replyTo } : {}),
      subject: payload.subject,
      text: payload.text,
      html: payload.html,
      ...(payload.attachments?.length
        ? {
            attachments: payload.attachments.map((a) => ({
              filename: a.filename,
              contentType: a.contentType,
              content: Buffer.from(a.contentBase64, 'base64'),
            })),
          }
        : {}),
      messageId,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
    options.logger?.info(
      { jobId: job.id, template: payload.template, messageId, smtpResponse: info.response },
      'mail sent',
    );
  }

  return {
    delivery: transport ? 'smtp' : 'outbox',
    handlers: { [MAIL_JOB]: deliver },
    close: () => transport?.close(),
    async send<Data>(mail: SendMail<Data>): Promise<EnqueueResult> {
      const to = typeof mail.to === 'string' ? [mail.to] : [...mail.to];
      if (to.length === 0 || to.length > MAX_RECIPIENTS) {
        throw new RangeError(`mailer.send: between 1 and ${MAX_RECIPIENTS} recipients (got ${to.length})`);
      }
      for (const recipient of [...to, ...(mail.replyTo ? [mail.replyTo] : [])]) {
        if (!address.safeParse(recipient).success) throw new TypeError('mailer.send: an address is invalid');
      }
      const locale = mail.locale ?? 'fr';
      const payload: MailJobPayload = {
        template: mail.template.name,
        locale,
        from: config.MAIL_FROM,
        to,
        ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
        // A subject is one header line, whatever a template puts in it.
        subject: mail.template
          .subject(mail.data, locale)
          .replace(/[\r\n]+/g, ' ')
          .trim(),
        html: await mail.template.html(mail.data, locale),
        text: mail.template.text(mail.data, locale),
        ...(mail.attachments?.length
          ? {
              attachments: mail.attachments.map((a) => ({
                filename: a.filename,
                contentType: a.contentType,
                contentBase64: a.content.toString('base64'),
              })),
            }
          : {}),
      };
      return enqueue(mail.db ?? db, MAIL_JOB, payload, {
        maxAttempts: mail.maxAttempts ?? 10,
        ...(mail.runAt ? { runAt: mail.runAt } : {}),
        ...(mail.dedupeKey ? { dedupeKey: mail.dedupeKey } : {}),
      });
    },
  };
}
