import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../platform/db/index.js';
import { Conflict, NotFound, Validation } from '../../platform/http/errors.js';
import { type FormState, stateFromErrors, submittedValues } from '../../platform/http/forms.js';
import { localised } from '../../platform/i18n/index.js';
import { isReviewerOf, selectionRules } from './selection.access.js';
import { assignmentEn } from './selection.assignment.en.js';
import { assignmentFr } from './selection.assignment.fr.js';
import { createConflictsService } from './selection.conflicts.service.js';
import { ConflictsPage } from './views/conflicts.js';

const words = localised({ fr: assignmentFr, en: assignmentEn });

const callParams = z.object({ callId: z.uuid() });
const declareForm = z.object({
  dossier: z.string().trim().default(''),
  raison: z.string().default(''),
});

export interface ConflictsRoutesOptions {
  db: Db;
}

/** Conflicts of interest (évaluateurs of the call, and its staff): `/evaluations/appels/:callId/conflits`. */
export async function selectionConflictsRoutes(app: FastifyInstance, options: ConflictsRoutesOptions) {
  const service = createConflictsService(options.db);
  const rules = selectionRules(options.db);
  const config = { access: rules.juryOfCall };

  function callIdOf(request: FastifyRequest): string {
    const parsed = callParams.safeParse(request.params);
    if (!parsed.success) throw new NotFound();
    return parsed.data.callId;
  }

  function userOf(request: FastifyRequest): { id: string; label: string } {
    if (!request.user) throw new Error('conflicts reached without a user');
    return { id: request.user.id, label: request.user.email };
  }

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { status?: number; form?: FormState; problem?: string } = {},
  ) {
    const w = words(request.ctx.locale);
    const callId = callIdOf(request);
    const data = await service.page(callId, userOf(request).id);
    const done = (request.query as Record<string, unknown> | undefined)?.fait === 'declare';
    return reply.page(
      w.conflicts.title,
      <ConflictsPage
        ctx={request.ctx}
        w={w}
        page={data}
        form={extra.form}
        problem={extra.problem}
        notice={extra.status === undefined && done ? w.conflicts.declared : undefined}
      />,
      { status: extra.status ?? 200 },
    );
  }

  app.get('/evaluations/appels/:callId/conflits', { config }, async (request, reply) => page(request, reply));

  app.post('/evaluations/appels/:callId/conflits', { config }, async (request, reply) => {
    const callId = callIdOf(request);
    const w = words(request.ctx.locale);
    const parsed = declareForm.safeParse(submittedValues(request.body));
    const values = submittedValues(request.body);
    try {
      await service.declare(
        callId,
        {
          dossierId: parsed.success ? parsed.data.dossier : '',
          reason: parsed.success ? parsed.data.raison : '',
        },
        userOf(request),
        { ip: request.ip ?? null, requestId: request.id ?? null },
        w,
        isReviewerOf(request.principal, callId),
      );
      return reply.redirect(`/evaluations/appels/${callId}/conflits?fait=declare`, 303);
    } catch (error) {
      if (error instanceof Validation)
        return page(request, reply, { status: 400, form: stateFromErrors(values, error.fieldErrors) });
      if (error instanceof Conflict)
        return page(request, reply, {
          status: 409,
          problem: error.message,
          form: stateFromErrors(values, {}),
        });
      throw error;
    }
  });
}
