import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { publicAccess } from '../access/index.js';
import type { Db } from '../db/index.js';
import type { RequestContext } from '../http/context.js';
import { NotFound } from '../http/errors.js';
import { emptyForm, type FormState, parseForm } from '../http/forms.js';
import { MAIL_CSS } from './frame.js';
import { type MailLabels, mailLabels } from './mail.labels.js';
import { countOutboxMessages, findOutboxMessage, listOutboxMessages } from './mail.queries.js';
import type { Mailer } from './mailer.js';
import { testMail } from './templates/test.js';
import { OUTBOX_PATH, OutboxListPage, OutboxMessagePage } from './views/OutboxPages.js';

export const OUTBOX_PAGE_SIZE = 50;

export interface OutboxRoutesOptions {
  db: Db;
  mailer: Pick<Mailer, 'send' | 'delivery'>;
}

/**
 * The development outbox is served only where mail really stays in it: never in production, and never
 * where SMTP is configured (a staging server would otherwise let anyone send the test mail anywhere).
 */
export function shouldServeOutbox(config: Pick<Config, 'NODE_ENV' | 'SMTP_URL'>): boolean {
  return config.NODE_ENV !== 'production' && !config.SMTP_URL;
}

/**
 * The HTML version is a document of its own, served in a sandbox (opaque origin: no script, no form, no
 * same-origin access), allowed to load nothing but the frame's own style sheet (by its hash).
 */
const HTML_PREVIEW_CSP = [
  'sandbox',
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(MAIL_CSS).digest('base64')}'`,
  'img-src data:',
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const listQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  /** Set by the redirect after the test mail was queued. */
  envoye: z.unknown().optional(),
});
const idParam = z.object({ id: z.string().regex(/^[1-9][0-9]{0,17}$/) });

const testMailForm = (l: MailLabels['outbox']) =>
  z.object({
    email: z
      .string({ message: l.emailRequired })
      .trim()
      .min(1, l.emailRequired)
      .max(254, l.emailInvalid)
      .pipe(z.email(l.emailInvalid)),
  });

/**
 * GET /dev/boite-mail (list), GET /dev/boite-mail/:id (one message), GET /dev/boite-mail/:id/html (its
 * HTML, sandboxed), POST /dev/boite-mail/essai (queue the test mail, then 303 back to the list).
 */
export async function outboxRoutes(app: FastifyInstance, options: OutboxRoutesOptions): Promise<void> {
  const { db, mailer } = options;

  async function renderList(ctx: RequestContext, rawQuery: unknown, form: FormState) {
    const l = mailLabels(ctx.locale).outbox;
    const query = listQuery.safeParse(rawQuery ?? {});
    if (!query.success) throw new NotFound(l.badPage);
    const total = await countOutboxMessages(db);
    const pages = Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE));
    const page = query.data.page;
    if (page > pages) throw new NotFound(l.badPage);
    const messages = await listOutboxMessages(db, {
      limit: OUTBOX_PAGE_SIZE,
      offset: (page - 1) * OUTBOX_PAGE_SIZE,
    });
    return {
      title: l.title,
      body: (
        <OutboxListPage
          ctx={ctx}
          l={l}
          messages={messages}
          total={total}
          page={page}
          pages={pages}
          delivery={mailer.delivery}
          queued={query.data.envoye === '1' && form.summary.length === 0}
          form={form}
        />
      ),
    };
  }

  app.get(OUTBOX_PATH, { config: { access: publicAccess } }, async (request, reply) => {
    const { title, body } = await renderList(request.ctx, request.query, emptyForm);
    return reply.page(title, body);
  });

  app.get(`${OUTBOX_PATH}/:id`, { config: { access: publicAccess } }, async (request, reply) => {
    const l = mailLabels(request.ctx.locale).outbox;
    const params = idParam.safeParse(request.params);
    const message = params.success ? await findOutboxMessage(db, params.data.id) : undefined;
    if (!message) throw new NotFound(l.notFound);
    return reply.page(
      l.detailTitle(message.subject),
      <OutboxMessagePage ctx={request.ctx} l={l} message={message} />,
    );
  });

  app.get(`${OUTBOX_PATH}/:id/html`, { config: { access: publicAccess } }, async (request, reply) => {
    const l = mailLabels(request.ctx.locale).outbox;
    const params = idParam.safeParse(request.params);
    const message = params.success ? await findOutboxMessage(db, params.data.id) : undefined;
    if (!message) throw new NotFound(l.notFound);
    return reply
      .header('content-security-policy', HTML_PREVIEW_CSP)
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .type('text/html; charset=utf-8')
      .send(message.html_body);
  });

  app.post(`${OUTBOX_PATH}/essai`, { config: { access: publicAccess } }, async (request, reply) => {
    const l = mailLabels(request.ctx.locale).outbox;
    const parsed = parseForm(testMailForm(l), request.body);
    if (!parsed.ok) {
      // GOV.UK pattern: the same page again, status 400, the value kept, the error under the field.
      const { title, body } = await renderList(request.ctx, {}, parsed.state);
      return reply.page(title, body, { status: 400 });
    }
    await mailer.send({
      to: parsed.data.email,
      template: testMail,
      data: { requestedAt: new Date() },
      locale: request.ctx.locale,
    });
    return reply.redirect(`${OUTBOX_PATH}?envoye=1`, 303);
  });
}
