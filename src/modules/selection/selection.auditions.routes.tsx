import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../platform/db/index.js';
import { Conflict, NotFound } from '../../platform/http/errors.js';
import { type FormState, parseForm, stateFromErrors, submittedValues } from '../../platform/http/forms.js';
import type { Mailer } from '../../platform/mail/index.js';
import { selectionRules } from './selection.access.js';
import { auditionForm, createAuditionsService, noteForm } from './selection.auditions.service.js';
import { actorOf, callIdOf, contextOf, selectionWords } from './selection.ranking.routes.js';
import { AuditionsPage, NotesPage } from './views/auditions.js';

const notesParams = z.object({ callId: z.uuid(), dossierId: z.uuid() });
const dossierField = z.object({ dossier: z.uuid() });

export interface AuditionsRoutesOptions {
  db: Db;
  mailer: Mailer;
}

const NOTICES = ['enregistree', 'deplacee', 'invitation', 'deja'] as const;

/**
 * Auditions of shortlisted dossiers (staff of the call): schedule, invite with a calendar file, reschedule
 * (`/admin/appels/:callId/selection/auditions`); and the jury's audition notes
 * (`/evaluations/appels/:callId/auditions/:dossierId/notes`, évaluateurs of the call and its staff).
 */
export async function selectionAuditionsRoutes(app: FastifyInstance, options: AuditionsRoutesOptions) {
  const service = createAuditionsService({ db: options.db, mailer: options.mailer });
  const rules = selectionRules(options.db);
  const juryStaff = { access: rules.juryStaff };
  const juryOfCall = { access: rules.juryOfCall };

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { status?: number; form?: { dossierId: string; state: FormState }; problem?: string } = {},
  ) {
    const callId = callIdOf(request);
    const w = selectionWords(request.ctx.locale);
    const { call, rows } = await service.page(callId);
    const done = NOTICES.find((k) => k === (request.query as Record<string, unknown> | undefined)?.fait);
    const notice =
      extra.status === undefined && done
        ? done === 'enregistree'
          ? w.auditions.saved
          : done === 'deplacee'
            ? w.auditions.savedAndReinvited
            : done === 'deja'
              ? w.auditions.justSent
              : w.auditions.sent
        : undefined;
    return reply.page(
      w.auditions.title(call.title),
      <AuditionsPage
        ctx={request.ctx}
        w={w}
        call={call}
        rows={rows}
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

  app.get('/admin/appels/:callId/selection/auditions', { config: juryStaff }, async (request, reply) =>
    page(request, reply),
  );

  app.post('/admin/appels/:callId/selection/auditions', { config: juryStaff }, async (request, reply) => {
    const callId = callIdOf(request);
    const w = selectionWords(request.ctx.locale);
    const parsed = parseForm(auditionForm(w), request.body);
    if (!parsed.ok)
      return page(request, reply, {
        status: 400,
        form: { dossierId: dossierOf(request.body), state: parsed.state },
      });
    try {
      const { dossierId, ...values } = parsed.data;
      const result = await service.schedule(
        callId,
        { dossierId, ...values },
        actorOf(request),
        contextOf(request),
        w,
      );
      const fait = result.reinvited ? 'deplacee' : 'enregistree';
      return reply.redirect(
        `/admin/appels/${callId}/selection/auditions?fait=${fait}#audition-${dossierId}-titre`,
        303,
      );
    } catch (error) {
      if (!(error instanceof Conflict)) throw error;
      return page(request, reply, {
        status: 409,
        problem: error.message,
        form: {
          dossierId: dossierOf(request.body),
          state: stateFromErrors(submittedValues(request.body), {}),
        },
      });
    }
  });

  app.post(
    '/admin/appels/:callId/selection/auditions/invitations',
    { config: juryStaff },
    async (request, reply) => {
      const callId = callIdOf(request);
      const w = selectionWords(request.ctx.locale);
      const dossierId = dossierOf(request.body);
      if (!dossierId)
        return page(request, reply, { status: 400, problem: w.auditions.errors.notShortlisted });
      try {
        const { sent } = await service.invite(callId, dossierId, actorOf(request), contextOf(request), w);
        return reply.redirect(
          `/admin/appels/${callId}/selection/auditions?fait=${sent ? 'invitation' : 'deja'}#audition-${dossierId}-titre`,
          303,
        );
      } catch (error) {
        if (!(error instanceof Conflict)) throw error;
        return page(request, reply, { status: 409, problem: error.message });
      }
    },
  );

  // --- Audition notes (the jury) -------------------------------------------------------------------
  function notesIds(request: FastifyRequest): { callId: string; dossierId: string } {
    const params = notesParams.safeParse(request.params);
    if (!params.success) throw new NotFound();
    return params.data;
  }

  async function notesPage(request: FastifyRequest, reply: FastifyReply, state?: FormState) {
    const { callId, dossierId } = notesIds(request);
    const w = selectionWords(request.ctx.locale);
    const { dossier, notes } = await service.notesPage(callId, dossierId);
    const saved = (request.query as Record<string, unknown> | undefined)?.enregistree !== undefined;
    return reply.page(
      w.notes.title(dossier.reference),
      <NotesPage
        ctx={request.ctx}
        w={w}
        callId={callId}
        dossier={dossier}
        notes={notes}
        userId={actorOf(request).id}
        state={state}
        notice={!state && saved ? w.notes.saved : undefined}
      />,
      { status: state ? 400 : 200 },
    );
  }

  app.get(
    '/evaluations/appels/:callId/auditions/:dossierId/notes',
    { config: juryOfCall },
    async (request, reply) => notesPage(request, reply),
  );

  app.post(
    '/evaluations/appels/:callId/auditions/:dossierId/notes',
    { config: juryOfCall },
    async (request, reply) => {
      const { callId, dossierId } = notesIds(request);
      const w = selectionWords(request.ctx.locale);
      const parsed = parseForm(noteForm(w), request.body);
      if (!parsed.ok) return notesPage(request, reply, parsed.state);
      await service.saveNote(callId, dossierId, actorOf(request).id, parsed.data.note);
      return reply.redirect(`/evaluations/appels/${callId}/auditions/${dossierId}/notes?enregistree=1`, 303);
    },
  );
}
