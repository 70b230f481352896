import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../platform/db/index.js';
import { Conflict, NotFound, Validation } from '../../platform/http/errors.js';
import { type FormState, stateFromErrors, submittedValues } from '../../platform/http/forms.js';
import { localised } from '../../platform/i18n/index.js';
import { selectionRules } from './selection.access.js';
import { assignmentEn } from './selection.assignment.en.js';
import { type AssignmentMessages, assignmentFr } from './selection.assignment.fr.js';
import { createAssignmentService } from './selection.assignment.service.js';
import { AssignmentPage, assignmentPages } from './views/assignment.js';

const words = localised({ fr: assignmentFr, en: assignmentEn });

const callParams = z.object({ callId: z.uuid() });
const pairForm = z.object({
  dossier: z.string().trim().default(''),
  evaluateur: z.string().trim().default(''),
});

export interface AssignmentRoutesOptions {
  db: Db;
}

const NOTICES = ['calcul', 'ajout', 'retrait', 'publication'] as const;

function count(value: unknown): number {
  return typeof value === 'string' && /^\d{1,7}$/.test(value) ? Number(value) : 0;
}

function noticeOf(w: AssignmentMessages, query: Record<string, unknown>): string | undefined {
  const done = NOTICES.find((n) => n === query.fait);
  switch (done) {
    case 'calcul':
      return w.notices.computed(count(query.n), count(query.m));
    case 'ajout':
      return w.notices.added;
    case 'retrait':
      return w.notices.removed;
    case 'publication':
      return w.notices.published(count(query.n), count(query.m));
    default:
      return undefined;
  }
}

/**
 * The assignment of a call's dossiers (instructeurs of the call and administrators, second factor):
 * `/admin/appels/:callId/selection/affectation` — inputs, compute, preview, hand adjustments, publication.
 */
export async function selectionAssignmentRoutes(app: FastifyInstance, options: AssignmentRoutesOptions) {
  const service = createAssignmentService(options.db);
  const rules = selectionRules(options.db);
  const config = { access: rules.juryStaff };
  const base = (callId: string) => `/admin/appels/${callId}/selection/affectation`;

  function callIdOf(request: FastifyRequest): string {
    const parsed = callParams.safeParse(request.params);
    if (!parsed.success) throw new NotFound();
    return parsed.data.callId;
  }

  function actorOf(request: FastifyRequest): { id: string; label: string } {
    if (!request.user) throw new Error('assignment reached without a user');
    return { id: request.user.id, label: request.user.email };
  }

  function contextOf(request: FastifyRequest) {
    return { ip: request.ip ?? null, requestId: request.id ?? null };
  }

  /**
   * The page of the « Par dossier » table a request asks for (`?page=` on a GET, the form's hidden `page`
   * on a POST): anything else than a number means the first page, never an error.
   */
  function pageAsked(request: FastifyRequest): number {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const raw = request.method === 'GET' ? query.page : submittedValues(request.body).page;
    return typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Math.max(1, Number(raw)) : 1;
  }

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { status?: number; add?: FormState; problem?: string } = {},
  ) {
    const w = words(request.ctx.locale);
    const preview = await service.preview(callIdOf(request));
    const query = (request.query ?? {}) as Record<string, unknown>;
    return reply.page(
      w.title,
      <AssignmentPage
        ctx={request.ctx}
        w={w}
        preview={preview}
        page={Math.min(pageAsked(request), assignmentPages(preview))}
        add={extra.add}
        problem={extra.problem}
        notice={extra.status === undefined ? noticeOf(w, query) : undefined}
      />,
      { status: extra.status ?? 200 },
    );
  }

  /** Runs a change: redirects on success, the page with the error otherwise (400 or 409, values kept). */
  async function act(
    request: FastifyRequest,
    reply: FastifyReply,
    run: (callId: string, w: AssignmentMessages) => Promise<string>,
  ) {
    const callId = callIdOf(request);
    const w = words(request.ctx.locale);
    const values = submittedValues(request.body);
    const back = pageAsked(request);
    try {
      const notice = await run(callId, w);
      return reply.redirect(`${base(callId)}?${notice}${back > 1 ? `&page=${back}` : ''}`, 303);
    } catch (error) {
      if (error instanceof Validation)
        return page(request, reply, { status: 400, add: stateFromErrors(values, error.fieldErrors) });
      if (error instanceof Conflict)
        return page(request, reply, {
          status: 409,
          problem: error.message,
          add: stateFromErrors(values, {}),
        });
      throw error;
    }
  }

  function pairOf(request: FastifyRequest, w: AssignmentMessages): { dossierId: string; userId: string } {
    const parsed = pairForm.safeParse(submittedValues(request.body));
    const dossierId = parsed.success ? parsed.data.dossier : '';
    const userId = parsed.success ? parsed.data.evaluateur : '';
    const errors: Record<string, string> = {};
    if (!z.uuid().safeParse(dossierId).success) errors.dossier = w.errors.noDossier;
    if (!z.uuid().safeParse(userId).success) errors.evaluateur = w.errors.noReviewer;
    if (Object.keys(errors).length > 0) throw new Validation(Object.values(errors)[0] ?? '', errors);
    return { dossierId, userId };
  }

  app.get('/admin/appels/:callId/selection/affectation', { config }, async (request, reply) =>
    page(request, reply),
  );

  app.post('/admin/appels/:callId/selection/affectation/calcul', { config }, async (request, reply) =>
    act(request, reply, async (callId, w) => {
      const result = await service.compute(callId, actorOf(request), contextOf(request), w);
      return `fait=calcul&n=${result.pairs}&m=${result.short}`;
    }),
  );

  app.post('/admin/appels/:callId/selection/affectation/ajout', { config }, async (request, reply) =>
    act(request, reply, async (callId, w) => {
      await service.add(callId, pairOf(request, w), actorOf(request), contextOf(request), w);
      return 'fait=ajout';
    }),
  );

  app.post('/admin/appels/:callId/selection/affectation/retrait', { config }, async (request, reply) =>
    act(request, reply, async (callId, w) => {
      await service.remove(callId, pairOf(request, w), actorOf(request), contextOf(request), w);
      return 'fait=retrait';
    }),
  );

  app.post('/admin/appels/:callId/selection/affectation/publication', { config }, async (request, reply) =>
    act(request, reply, async (callId, w) => {
      const result = await service.publish(callId, actorOf(request), contextOf(request), w);
      return `fait=publication&n=${result.pairs}&m=${result.reviewers}`;
    }),
  );
}
