import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../platform/db/index.js';
import { NotFound } from '../../platform/http/errors.js';
import { emptyForm, type FormState, parseForm, submittedValues } from '../../platform/http/forms.js';
import { localised } from '../../platform/i18n/index.js';
import {
  dossierOfRequest,
  dossierRowOfRequest,
  dossierRules,
  isApplicantOf,
  isUuid,
} from './dossiers.access.js';
import { submissionEn } from './dossiers.submission.en.js';
import { type SubmissionMessages, submissionFr } from './dossiers.submission.fr.js';
import type { LockedDossier } from './dossiers.submission.queries.js';
import {
  canWithdraw,
  loadVersionView,
  receiptDateTime,
  receiptFileName,
  receiptPdf,
  StaleDossier,
  type SubmissionActor,
  SubmissionClosed,
  type SubmissionContext,
  SubmissionInvalid,
  submitDossier,
  WrongStatus,
  withdrawDossier,
} from './dossiers.submission.service.js';
import { SubmissionRefusedPage, VersionPage, WithdrawPage } from './views/submission.js';

const words = localised({ fr: submissionFr, en: submissionEn });

export interface SubmissionRoutesOptions {
  db: Db;
  /**
   * The server's clock: the instant a submission is received is read from it at the start of the handler
   * (tests give a controllable one).
   */
  now?: () => Date;
}

const versionParams = z.object({
  id: z.string().refine(isUuid),
  version: z.coerce.number().int().min(1).max(1_000_000),
});

/** A lock version as a hidden field carries it: digits only (an empty field is not 0). */
const lockVersion = z
  .string()
  .regex(/^\d{1,10}$/)
  .transform(Number)
  .refine((n) => n <= 2_147_483_647);

/** The hidden fields of the summary's submit form. */
const submitForm = z.object({
  submission_key: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/),
  lock_version: lockVersion,
});

function withdrawForm(w: SubmissionMessages) {
  return z.object({
    lock_version: lockVersion,
    motif: z.string().trim().max(2000, w.withdraw.reasonTooLong).optional().default(''),
  });
}

function actorOf(request: FastifyRequest): SubmissionActor {
  if (!request.user) throw new Error('dossier submission reached without a user');
  return { id: request.user.id, label: request.user.email };
}

function contextOf(request: FastifyRequest): SubmissionContext {
  return { ip: request.ip ?? null, requestId: request.id ?? null };
}

/**
 * Submission (dépôt), frozen versions with their receipt, and withdrawal (retrait). Applicants submit and
 * withdraw; applicants and the staff of the call read versions and receipts.
 */
export async function dossierSubmissionRoutes(app: FastifyInstance, options: SubmissionRoutesOptions) {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const rules = dossierRules(db);

  async function headerOf(request: FastifyRequest) {
    // Read once per request, by the access rule of the route.
    const row = await dossierRowOfRequest(db, request);
    if (!row) throw new NotFound();
    const dossier: LockedDossier = {
      id: row.id,
      reference: row.reference,
      call_id: row.call_id,
      organisation_id: row.organisation_id,
      form_version: row.form_version,
      status: row.status,
      answers: row.answers,
      lock_version: row.lock_version,
      title: row.title,
      first_submitted_at: row.first_submitted_at,
    };
    return { dossier, callTitle: row.call_title };
  }

  // --- Submission ----------------------------------------------------------------------------------
  app.post('/dossiers/:id/depot', { config: { access: rules.applicant } }, async (request, reply) => {
    // The instant the request reached the server: what the closing rule compares, whatever comes after.
    const receivedAt = now();
    const w = words(request.ctx.locale);
    const { dossier } = await headerOf(request);
    const refused = (status: number, title: string, message: string, extra = {}) =>
      reply.page(
        title,
        <SubmissionRefusedPage
          ctx={request.ctx}
          w={w}
          dossier={dossier}
          title={title}
          message={message}
          {...extra}
        />,
        { status },
      );
    const parsed = parseForm(submitForm, request.body);
    if (!parsed.ok) return refused(400, w.refused.title, w.refused.badRequest);
    try {
      const result = await submitDossier(db, {
        dossierId: dossier.id,
        submissionKey: parsed.data.submission_key,
        expectedLockVersion: parsed.data.lock_version,
        actor: actorOf(request),
        receivedAt,
        context: contextOf(request),
        locale: request.ctx.locale,
        w,
      });
      const notice = result.kind === 'submitted' ? 'depose' : 'deja';
      return reply.redirect(`/dossiers/${dossier.id}/versions/${result.version}?${notice}=1`, 303);
    } catch (error) {
      if (error instanceof SubmissionInvalid)
        return refused(400, w.refused.invalidTitle, w.refused.invalid, {
          problems: error.problems,
          reasons: error.reasons,
        });
      if (error instanceof SubmissionClosed || error instanceof StaleDossier || error instanceof WrongStatus)
        return refused(409, w.refused.title, error.message);
      throw error;
    }
  });

  // --- Frozen versions -----------------------------------------------------------------------------
  async function versionOf(request: FastifyRequest) {
    const params = versionParams.safeParse(request.params);
    if (!params.success) throw new NotFound();
    const view = await loadVersionView(db, params.data.id, params.data.version);
    if (!view) throw new NotFound();
    return view;
  }

  app.get('/dossiers/:id/versions/:version', { config: { access: rules.reader } }, async (request, reply) => {
    const view = await versionOf(request);
    const w = words(request.ctx.locale);
    const facts = await dossierOfRequest(db, request);
    const side = facts && isApplicantOf(request.principal, facts) ? 'applicant' : 'staff';
    const query = (request.query ?? {}) as Record<string, unknown>;
    const notice = query.depose !== undefined ? 'submitted' : query.deja !== undefined ? 'already' : null;
    const locale = request.ctx.locale;
    return reply.page(
      w.versionTitle(view.version.version),
      <VersionPage
        ctx={request.ctx}
        w={w}
        view={view}
        side={side}
        notice={notice}
        receivedAt={receiptDateTime(view.version.submitted_at, locale, w)}
        versionDates={
          new Map(view.versions.map((v) => [v.version, receiptDateTime(v.submitted_at, locale, w)]))
        }
        canWithdraw={side === 'applicant' && canWithdraw(view.dossier.status)}
      />,
    );
  });

  app.get(
    '/dossiers/:id/versions/:version/accuse-de-reception.pdf',
    { config: { access: rules.reader } },
    async (request, reply) => {
      const view = await versionOf(request);
      const pdf = await receiptPdf(view);
      return reply
        .type('application/pdf')
        .header(
          'Content-Disposition',
          `attachment; filename="${receiptFileName(view.version.receipt_number)}"`,
        )
        .header('Cache-Control', 'private, no-store')
        .send(pdf);
    },
  );

  // --- Withdrawal ----------------------------------------------------------------------------------
  async function withdrawPage(
    request: FastifyRequest,
    reply: FastifyReply,
    state: FormState,
    status: number,
    problem?: string,
  ) {
    const w = words(request.ctx.locale);
    const { dossier, callTitle } = await headerOf(request);
    const done =
      dossier.status === 'sans_suite' &&
      (request.query as { fait?: unknown } | undefined)?.fait !== undefined;
    return reply.page(
      w.withdraw.title,
      <WithdrawPage
        ctx={request.ctx}
        w={w}
        dossier={dossier}
        call={callTitle}
        outcome={done ? 'done' : canWithdraw(dossier.status) ? null : 'refused'}
        state={state}
        problem={problem}
      />,
      { status },
    );
  }

  app.get('/dossiers/:id/retrait', { config: { access: rules.applicant } }, async (request, reply) =>
    withdrawPage(request, reply, emptyForm, 200),
  );

  app.post('/dossiers/:id/retrait', { config: { access: rules.applicant } }, async (request, reply) => {
    const w = words(request.ctx.locale);
    const { dossier } = await headerOf(request);
    const parsed = parseForm(withdrawForm(w), request.body);
    if (!parsed.ok) {
      const badHidden = parsed.state.errors.lock_version !== undefined;
      return withdrawPage(request, reply, parsed.state, 400, badHidden ? w.withdraw.badRequest : undefined);
    }
    try {
      await withdrawDossier(db, {
        dossierId: dossier.id,
        expectedLockVersion: parsed.data.lock_version,
        reason: parsed.data.motif === '' ? null : parsed.data.motif,
        actor: actorOf(request),
        context: contextOf(request),
        w,
      });
    } catch (error) {
      if (error instanceof StaleDossier || error instanceof WrongStatus)
        return withdrawPage(
          request,
          reply,
          { ...emptyForm, values: submittedValues(request.body) },
          409,
          error.message,
        );
      throw error;
    }
    return reply.redirect(`/dossiers/${dossier.id}/retrait?fait=1`, 303);
  });
}
