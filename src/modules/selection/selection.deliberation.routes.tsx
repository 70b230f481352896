import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../platform/db/index.js';
import { Conflict } from '../../platform/http/errors.js';
import { type FormState, parseForm, stateFromErrors, submittedValues } from '../../platform/http/forms.js';
import type { Mailer } from '../../platform/mail/index.js';
import { selectionRules } from './selection.access.js';
import { createDeliberationService, decisionForm, quotaMessage } from './selection.deliberation.service.js';
import { actorOf, callIdOf, contextOf, selectionWords } from './selection.ranking.routes.js';
import { DeliberationPage } from './views/deliberation.js';

const dossierField = z.object({ dossier: z.uuid() });

export interface DeliberationRoutesOptions {
  db: Db;
  mailer: Mailer;
  /** Absolute base of links in e-mails (PUBLIC_URL). */
  baseUrl: string;
}

/**
 * The deliberation (the jury's president, the call's staff): `/evaluations/appels/:callId/deliberation`,
 * a decision per dossier, and the publication of the results.
 */
export async function selectionDeliberationRoutes(app: FastifyInstance, options: DeliberationRoutesOptions) {
  const service = createDeliberationService(options);
  const rules = selectionRules(options.db);
  const president = { access: rules.president };

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { status?: number; form?: { dossierId: string; state: FormState }; problem?: string } = {},
  ) {
    const callId = callIdOf(request);
    const w = selectionWords(request.ctx.locale);
    const data = await service.page(callId);
    const done = (request.query as Record<string, unknown> | undefined)?.fait;
    const notice =
      extra.status === undefined
        ? done === 'decision'
          ? w.deliberation.saved
          : done === 'publication'
            ? w.deliberation.publishedNotice
            : undefined
        : undefined;
    return reply.page(
      w.deliberation.title(data.call.title),
      <DeliberationPage
        ctx={request.ctx}
        w={w}
        page={data}
        quota={quotaMessage(w, data.laureates, data.call.quota_min, data.call.quota_max)}
        form={extra.form}
        notice={notice}
        problem={extra.problem}
      />,
      { status: extra.status ?? 200 },
    );
  }

  function dossierOf(body: unknown): string {
    const parsed = dossierField.safeParse(submittedValues(body));
    return parsed.success ? parsed.data.dossier : '';
  }

  app.get('/evaluations/appels/:callId/deliberation', { config: president }, async (request, reply) =>
    page(request, reply),
  );

  app.post(
    '/evaluations/appels/:callId/deliberation/decisions',
    { config: president },
    async (request, reply) => {
      const callId = callIdOf(request);
      const w = selectionWords(request.ctx.locale);
      const parsed = parseForm(decisionForm(w), request.body);
      const dossierId = dossierOf(request.body);
      if (!parsed.ok) return page(request, reply, { status: 400, form: { dossierId, state: parsed.state } });
      try {
        await service.decide(
          callId,
          {
            dossierId: parsed.data.dossier,
            decision: parsed.data.decision,
            motivation: parsed.data.motivation,
          },
          actorOf(request),
          contextOf(request),
          w,
        );
        return reply.redirect(
          `/evaluations/appels/${callId}/deliberation?fait=decision#deliberation-${dossierId}-titre`,
          303,
        );
      } catch (error) {
        if (!(error instanceof Conflict)) throw error;
        return page(request, reply, {
          status: 409,
          problem: error.message,
          form: { dossierId, state: stateFromErrors(submittedValues(request.body), {}) },
        });
      }
    },
  );

  app.post(
    '/evaluations/appels/:callId/deliberation/publication',
    { config: president },
    async (request, reply) => {
      const callId = callIdOf(request);
      const w = selectionWords(request.ctx.locale);
      try {
        await service.publish(callId, actorOf(request), contextOf(request), w);
        return reply.redirect(`/evaluations/appels/${callId}/deliberation?fait=publication`, 303);
      } catch (error) {
        if (!(error instanceof Conflict)) throw error;
        return page(request, reply, { status: 409, problem: error.message });
      }
    },
  );
}
