import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { signedIn } from '../../platform/access/index.js';
import type { Db } from '../../platform/db/index.js';
import { localised } from '../../platform/i18n/index.js';
import { notificationsEn } from './notifications.en.js';
import { notificationsFr } from './notifications.fr.js';
import {
  notificationPreferences,
  parseTopics,
  saveNotificationPreferences,
} from './notifications.service.js';
import { NotificationsPage } from './views/NotificationsPage.js';

const words = localised({ fr: notificationsFr, en: notificationsEn });
const SIGNED_IN = { config: { access: signedIn } };

export interface NotificationsRoutesOptions {
  db: Db;
}

/** « Notifications par e-mail » of « Mon compte »: which e-mails a person receives. */
export async function notificationsRoutes(
  app: FastifyInstance,
  options: NotificationsRoutesOptions,
): Promise<void> {
  const { db } = options;

  function userOf(request: FastifyRequest) {
    const user = request.user;
    if (!user) throw new Error('notifications route reached without a user');
    return user;
  }

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { saved?: boolean; error?: string; status?: number } = {},
  ) {
    const w = words(request.ctx.locale);
    const preferences = await notificationPreferences(db, userOf(request).id);
    return reply.page(
      w.title,
      <NotificationsPage
        ctx={request.ctx}
        w={w}
        preferences={preferences}
        saved={extra.saved ?? false}
        error={extra.error}
      />,
      { status: extra.status ?? 200 },
    );
  }

  app.get('/compte/notifications', SIGNED_IN, (request, reply) =>
    page(request, reply, {
      saved: (request.query as Record<string, unknown> | undefined)?.fait === 'enregistre',
    }),
  );

  app.post('/compte/notifications', SIGNED_IN, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const topics = parseTopics(body.topics);
    if (topics === null)
      return page(request, reply, { error: words(request.ctx.locale).invalid, status: 400 });
    const user = userOf(request);
    await saveNotificationPreferences(db, { id: user.id, email: user.email }, topics, {
      ip: request.ip ?? null,
      requestId: request.id ?? null,
    });
    return reply.redirect('/compte/notifications?fait=enregistre', 303);
  });
}
