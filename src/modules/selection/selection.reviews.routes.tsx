import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../platform/db/index.js';
import type { FileStore } from '../../platform/files/index.js';
import { Conflict, NotFound, Validation } from '../../platform/http/errors.js';
import { type FormState, stateFromErrors, submittedValues } from '../../platform/http/forms.js';
import { localised } from '../../platform/i18n/index.js';
import { sendDossierFile } from '../dossiers/index.js';
import { selectionRules } from './selection.access.js';
import type { SelectionActor, SelectionContext } from './selection.jury.service.js';
import { reviewsEn } from './selection.reviews.en.js';
import { reviewsFr } from './selection.reviews.fr.js';
import { createReviewsService, reviewerOfAnyCall } from './selection.reviews.service.js';
import { MyReviewsPage, ReviewDossierPageView } from './views/reviews.js';

const words = localised({ fr: reviewsFr, en: reviewsEn });

export interface ReviewsRoutesOptions {
  db: Db;
  /** Where the dossiers' files are kept. */
  files: FileStore;
}

const dossierParams = z.object({ id: z.uuid() });
const fileParams = z.object({ id: z.uuid(), fileId: z.uuid() });

function actorOf(request: FastifyRequest): SelectionActor {
  if (!request.user) throw new Error('reviews reached without a user');
  return { id: request.user.id, label: request.user.email };
}

function contextOf(request: FastifyRequest): SelectionContext {
  return { ip: request.ip ?? null, requestId: request.id ?? null };
}

function one(values: Record<string, string | string[]>, key: string): string {
  const v = values[key];
  return typeof v === 'string' ? v : '';
}

/**
 * The évaluateurs' pages (second factor): `/evaluations` (« Mes évaluations »), and for a dossier assigned
 * to them by a published assignment its frozen version, its files and their review.
 */
export async function selectionReviewsRoutes(app: FastifyInstance, options: ReviewsRoutesOptions) {
  const service = createReviewsService(options.db);
  const assigned = { access: selectionRules(options.db).assignedReviewer };

  function dossierIdOf(request: FastifyRequest): string {
    const parsed = dossierParams.safeParse(request.params);
    if (!parsed.success) throw new NotFound();
    return parsed.data.id;
  }

  app.get('/evaluations', { config: { access: reviewerOfAnyCall } }, async (request, reply) => {
    const w = words(request.ctx.locale);
    const calls = await service.myCalls(request.principal);
    return reply.page(w.title, <MyReviewsPage ctx={request.ctx} w={w} calls={calls} />);
  });

  async function dossierPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { status?: number; state?: FormState; problem?: string } = {},
  ) {
    const w = words(request.ctx.locale);
    const page = await service.dossierPage(id, actorOf(request).id);
    const q = (request.query ?? {}) as Record<string, unknown>;
    const notice =
      extra.status === undefined
        ? q.enregistre !== undefined
          ? w.review.saved
          : q.soumis !== undefined
            ? w.review.submitted
            : undefined
        : undefined;
    return reply.page(
      page.dossier.reference,
      <ReviewDossierPageView
        ctx={request.ctx}
        w={w}
        page={page}
        state={extra.state}
        problem={extra.problem}
        notice={notice}
      />,
      { status: extra.status ?? 200 },
    );
  }

  app.get('/evaluations/dossiers/:id', { config: assigned }, async (request, reply) =>
    dossierPage(request, reply, dossierIdOf(request)),
  );

  app.post('/evaluations/dossiers/:id/evaluation', { config: assigned }, async (request, reply) => {
    const id = dossierIdOf(request);
    const w = words(request.ctx.locale);
    const values = submittedValues(request.body);
    const action = one(values, 'action');
    const lock = one(values, 'lock_version');
    if ((action !== 'brouillon' && action !== 'soumettre') || !/^\d{1,9}$/.test(lock))
      return dossierPage(request, reply, id, {
        status: 400,
        state: stateFromErrors(values, {}),
        problem: w.review.invalid,
      });
    const scores: Record<string, string> = {};
    const comments: Record<string, string> = {};
    for (const [key, value] of Object.entries(values)) {
      if (typeof value !== 'string') continue;
      if (key.startsWith('score_')) scores[key.slice(6)] = value;
      else if (key.startsWith('comment_')) comments[key.slice(8)] = value;
    }
    try {
      await service.save(
        id,
        {
          scores,
          comments,
          overallComment: one(values, 'overall_comment'),
          recommendation: one(values, 'recommendation'),
          lockVersion: Number(lock),
          submit: action === 'soumettre',
        },
        actorOf(request),
        contextOf(request),
        w,
      );
    } catch (error) {
      if (error instanceof Validation)
        return dossierPage(request, reply, id, {
          status: 400,
          state: stateFromErrors(values, error.fieldErrors),
          problem: error.message,
        });
      if (error instanceof Conflict) {
        // What was typed is kept; the lock is the review's current one (the page reads it again).
        const { lock_version: _stale, ...kept } = values;
        return dossierPage(request, reply, id, {
          status: 409,
          state: stateFromErrors(kept, {}),
          problem: error.message,
        });
      }
      throw error;
    }
    return reply.redirect(
      `/evaluations/dossiers/${id}?${action === 'soumettre' ? 'soumis' : 'enregistre'}=1#evaluation-titre`,
      303,
    );
  });

  app.get('/evaluations/dossiers/:id/pieces/:fileId', { config: assigned }, async (request, reply) => {
    const w = words(request.ctx.locale);
    const params = fileParams.safeParse(request.params);
    if (!params.success) throw new NotFound(w.download.notFound);
    const file = await service.file(params.data.id, actorOf(request).id, params.data.fileId);
    if (!file || file.content_type === 'text/html' || !(await options.files.exists(file.storage_key)))
      throw new NotFound(w.download.notFound);
    return sendDossierFile(reply, options.files, file);
  });
}
