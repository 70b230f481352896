import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../platform/db/index.js';
import { Conflict, NotFound } from '../../platform/http/errors.js';
import { type FormState, parseForm, stateFromErrors, submittedValues } from '../../platform/http/forms.js';
import { localised } from '../../platform/i18n/index.js';
import { selectionRules } from './selection.access.js';
import { deliberationEn } from './selection.deliberation.en.js';
import { type DeliberationMessages, deliberationFr } from './selection.deliberation.fr.js';
import {
  createRankingService,
  type RankingFilter,
  rankingQuery,
  type SelectionActor,
  type SelectionContext,
} from './selection.ranking.service.js';
import { RankingPage } from './views/ranking.js';

export const selectionWords = localised({ fr: deliberationFr, en: deliberationEn });

export const callIdParams = z.object({ callId: z.uuid() });

export function callIdOf(request: FastifyRequest): string {
  const params = callIdParams.safeParse(request.params);
  if (!params.success) throw new NotFound();
  return params.data.callId;
}

export function actorOf(request: FastifyRequest): SelectionActor {
  if (!request.user) throw new Error('selection reached without a user');
  return { id: request.user.id, label: request.user.email };
}

export function contextOf(request: FastifyRequest): SelectionContext {
  return { ip: request.ip ?? null, requestId: request.id ?? null };
}

function asList(v: unknown): unknown[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function shortlistForm(w: DeliberationMessages) {
  return z.object({
    dossiers: z.preprocess(
      asList,
      z
        .array(z.uuid({ error: w.ranking.chooseDossiers }))
        .min(1, w.ranking.chooseDossiers)
        .max(500),
    ),
  });
}

export interface RankingRoutesOptions {
  db: Db;
}

/**
 * The ranking of a call's dossiers (staff of the call, second factor), its filters, and the shortlist for
 * auditions: `/admin/appels/:callId/selection/classement`.
 */
export async function selectionRankingRoutes(app: FastifyInstance, options: RankingRoutesOptions) {
  const service = createRankingService(options.db);
  const rules = selectionRules(options.db);
  const juryStaff = { access: rules.juryStaff };

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { status?: number; shortlist?: FormState; problem?: string; ignoreQuery?: boolean } = {},
  ) {
    const callId = callIdOf(request);
    const w = selectionWords(request.ctx.locale);
    const regions = await service.regions();
    const parsed = extra.ignoreQuery
      ? ({ ok: true, data: { domaine: null, region: null } } as const)
      : parseForm(
          rankingQuery(
            w,
            regions.map((r) => r.code),
          ),
          request.query,
        );
    const filter: RankingFilter = parsed.ok
      ? { domain: parsed.data.domaine, region: parsed.data.region }
      : { domain: null, region: null };
    const ranking = await service.ranking(callId, filter);
    const done = (request.query as Record<string, unknown> | undefined)?.preselection;
    const notice =
      extra.status === undefined && typeof done === 'string' && /^\d{1,4}$/.test(done)
        ? w.ranking.shortlisted(Number(done))
        : undefined;
    return reply.page(
      w.ranking.title(ranking.call.title),
      <RankingPage
        ctx={request.ctx}
        w={w}
        ranking={ranking}
        filter={filter}
        filterState={parsed.ok ? undefined : parsed.state}
        shortlist={extra.shortlist}
        notice={notice}
        problem={extra.problem}
      />,
      { status: extra.status ?? (parsed.ok ? 200 : 400) },
    );
  }

  app.get('/admin/appels/:callId/selection/classement', { config: juryStaff }, async (request, reply) =>
    page(request, reply),
  );

  app.post(
    '/admin/appels/:callId/selection/classement/preselection',
    { config: juryStaff },
    async (request, reply) => {
      const callId = callIdOf(request);
      const w = selectionWords(request.ctx.locale);
      const parsed = parseForm(shortlistForm(w), request.body);
      if (!parsed.ok)
        return page(request, reply, { status: 400, shortlist: parsed.state, ignoreQuery: true });
      try {
        const n = await service.shortlist(
          callId,
          parsed.data.dossiers,
          actorOf(request),
          contextOf(request),
          w,
        );
        return reply.redirect(`/admin/appels/${callId}/selection/classement?preselection=${n}`, 303);
      } catch (error) {
        if (!(error instanceof Conflict)) throw error;
        return page(request, reply, {
          status: 409,
          problem: error.message,
          shortlist: stateFromErrors(submittedValues(request.body), {}),
          ignoreQuery: true,
        });
      }
    },
  );
}
