import { finished } from 'node:stream/promises';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.js';
import {
  type FileStore,
  FileTooLarge,
  SNIFF_HEAD_BYTES,
  sniffContentType,
} from '../../platform/files/index.js';
import { AppError, Conflict, NotFound, Validation } from '../../platform/http/errors.js';
import {
  emptyForm,
  type FormState,
  parseForm,
  stateFromErrors,
  submittedValues,
} from '../../platform/http/forms.js';
import { localised } from '../../platform/i18n/index.js';
import { applicantOrganisationOf, dossierOfRequest, dossierRules } from './dossiers.access.js';
import { instructionEn } from './dossiers.instruction.en.js';
import { type InstructionMessages, instructionFr } from './dossiers.instruction.fr.js';
import {
  admissibilityForm,
  annotationForm,
  batchForm,
  callIdParams,
  correctionForm,
  dossierIdParams,
  messageForm,
  readDiffQuery,
  readListQuery,
  seenForm,
} from './dossiers.instruction.schemas.js';
import {
  anyCallStaff,
  BATCH_VERBS,
  type BatchVerb,
  cleanAttachmentName,
  createInstructionService,
  type InstructionActor,
  type InstructionContext,
  MESSAGE_MAX_BYTES,
  type MessageAttachment,
} from './dossiers.instruction.service.js';
import {
  CallDossiersPage,
  DiffPage,
  type DossierPageForms,
  InstructionHomePage,
  StaffDossierPage,
} from './views/instruction.js';
import { ApplicantMessagesPage } from './views/instruction-messages.js';

const words = localised({ fr: instructionFr, en: instructionEn });

export interface InstructionRoutesOptions {
  db: Db;
  /** Where message attachments are kept. */
  files: FileStore;
}

function actorOf(request: FastifyRequest): InstructionActor {
  if (!request.user) throw new Error('instruction reached without a user');
  return { id: request.user.id, label: request.user.email };
}

function contextOf(request: FastifyRequest): InstructionContext {
  return { ip: request.ip ?? null, requestId: request.id ?? null };
}

function query(request: FastifyRequest): Record<string, unknown> {
  return (request.query ?? {}) as Record<string, unknown>;
}

/**
 * Instruction (staff of a call, second factor): `/instruction`, a call's dossiers and batch actions, a
 * dossier's page with its transitions, messages and private annotations; and the applicants' side of the
 * messages, `/dossiers/:id/messages`.
 */
export async function instructionRoutes(app: FastifyInstance, options: InstructionRoutesOptions) {
  const service = createInstructionService(options.db);
  const rules = dossierRules(options.db);
  const staff = { access: rules.staff };
  const callStaff = { access: rules.callStaff };

  function dossierId(request: FastifyRequest): string {
    const params = dossierIdParams.safeParse(request.params);
    if (!params.success) throw new NotFound();
    return params.data.id;
  }

  app.get('/instruction', { config: { access: anyCallStaff } }, async (request, reply) => {
    const w = words(request.ctx.locale);
    const calls = await service.instructedCalls(request.principal);
    return reply.page(w.title, <InstructionHomePage ctx={request.ctx} w={w} calls={calls} />);
  });

  async function listPage(
    request: FastifyRequest,
    reply: FastifyReply,
    callId: string,
    extra: { status?: number; batch?: FormState; notice?: string } = {},
  ) {
    const w = words(request.ctx.locale);
    const filter = extra.batch ? readListQuery({}) : readListQuery(request.query);
    const list = await service.callDossiers(callId, filter);
    return reply.page(
      list.call.title,
      <CallDossiersPage
        ctx={request.ctx}
        w={w}
        call={list.call}
        rows={list.rows}
        total={list.total}
        page={list.page}
        pages={list.pages}
        counts={list.counts}
        filter={filter}
        notice={extra.notice}
        batch={extra.batch}
      />,
      { status: extra.status ?? 200 },
    );
  }

  function callIdOf(request: FastifyRequest): string {
    const params = callIdParams.safeParse(request.params);
    if (!params.success) throw new NotFound();
    return params.data.callId;
  }

  app.get('/instruction/appels/:callId', { config: callStaff }, async (request, reply) => {
    const w = words(request.ctx.locale);
    const q = query(request);
    const action = BATCH_VERBS.find((v) => v === q.lot_action);
    const count = (v: unknown) => (typeof v === 'string' && /^\d{1,6}$/.test(v) ? Number(v) : 0);
    const notice = action ? w.batch.report(count(q.lot_fait), count(q.lot_ignores), action) : undefined;
    return listPage(request, reply, callIdOf(request), notice ? { notice } : {});
  });

  app.post('/instruction/appels/:callId/lot', { config: callStaff }, async (request, reply) => {
    const callId = callIdOf(request);
    const w = words(request.ctx.locale);
    const parsed = parseForm(batchForm(w), request.body);
    if (!parsed.ok) return listPage(request, reply, callId, { status: 400, batch: parsed.state });
    const verb: BatchVerb = parsed.data.action;
    const result = await service.batch(
      callId,
      parsed.data.dossiers,
      verb,
      actorOf(request),
      contextOf(request),
      w,
    );
    return reply.redirect(
      `/instruction/appels/${callId}?lot_action=${verb}&lot_fait=${result.done}&lot_ignores=${result.skipped}`,
      303,
    );
  });

  const NOTICES = ['statut', 'message', 'annotation'] as const;

  async function dossierPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { status?: number; forms?: DossierPageForms; problem?: string } = {},
  ) {
    const w = words(request.ctx.locale);
    const page = await service.dossierPage(id);
    const done = NOTICES.find((n) => n === query(request).fait);
    const notice =
      extra.status === undefined && done
        ? done === 'statut'
          ? w.dossier.statusChanged(w.statuses[page.dossier.status])
          : done === 'message'
            ? w.messages.sent
            : w.annotations.added
        : undefined;
    return reply.page(
      page.dossier.reference,
      <StaffDossierPage
        ctx={request.ctx}
        w={w}
        page={page}
        forms={extra.forms ?? {}}
        problem={extra.problem}
        notice={notice}
      />,
      { status: extra.status ?? 200 },
    );
  }

  app.get('/instruction/dossiers/:id', { config: staff }, async (request, reply) =>
    dossierPage(request, reply, dossierId(request)),
  );

  app.get('/instruction/dossiers/:id/versions', { config: staff }, async (request, reply) => {
    const id = dossierId(request);
    const w = words(request.ctx.locale);
    const asked = readDiffQuery(request.query);
    const result = await service.diff(id, asked?.from ?? 0, asked?.to ?? 0);
    const last = result.versions.at(-1)?.version ?? 1;
    const from = asked?.from ?? Math.max(1, last - 1);
    const to = asked?.to ?? last;
    const shown = asked ? result : await service.diff(id, from, to);
    return reply.page(
      w.diff.title(from, to),
      <DiffPage
        ctx={request.ctx}
        w={w}
        dossier={shown.dossier}
        versions={shown.versions}
        from={from}
        to={to}
        changes={shown.changes}
      />,
      { status: asked && shown.changes === null ? 400 : 200 },
    );
  });

  /**
   * Runs a staff transition: a malformed form gives the page again (400, values kept), a refusal (status
   * not allowing it, or changed since the page was read) the page with the reason (409).
   */
  async function act(
    request: FastifyRequest,
    reply: FastifyReply,
    which: keyof DossierPageForms | null,
    run: (id: string, w: InstructionMessages) => Promise<FormState | null>,
  ) {
    const id = dossierId(request);
    const w = words(request.ctx.locale);
    try {
      const invalid = await run(id, w);
      if (invalid)
        return dossierPage(request, reply, id, { status: 400, forms: which ? { [which]: invalid } : {} });
      return reply.redirect(`/instruction/dossiers/${id}?fait=statut`, 303);
    } catch (error) {
      if (error instanceof Validation) {
        const state = stateFromErrors(submittedValues(request.body), error.fieldErrors);
        return dossierPage(request, reply, id, { status: 400, forms: which ? { [which]: state } : {} });
      }
      if (error instanceof Conflict)
        return dossierPage(request, reply, id, {
          status: 409,
          problem: error.message,
          forms: which ? { [which]: stateFromErrors(submittedValues(request.body), {}) } : {},
        });
      throw error;
    }
  }

  app.post('/instruction/dossiers/:id/mise-en-instruction', { config: staff }, async (request, reply) =>
    act(request, reply, null, async (id, w) => {
      const parsed = parseForm(seenForm(), request.body);
      if (!parsed.ok) return parsed.state;
      await service.startInstruction(id, parsed.data.statut, actorOf(request), contextOf(request), w);
      return null;
    }),
  );

  app.post('/instruction/dossiers/:id/demande-de-correction', { config: staff }, async (request, reply) =>
    act(request, reply, 'correction', async (id, w) => {
      const parsed = parseForm(correctionForm(w), request.body);
      if (!parsed.ok) return parsed.state;
      await service.requestCorrection(
        id,
        parsed.data.statut,
        { message: parsed.data.message, dueAt: parsed.data.echeance },
        actorOf(request),
        contextOf(request),
        w,
      );
      return null;
    }),
  );

  app.post('/instruction/dossiers/:id/recevabilite', { config: staff }, async (request, reply) =>
    act(request, reply, 'admissibility', async (id, w) => {
      const parsed = parseForm(admissibilityForm(w), request.body);
      if (!parsed.ok) return parsed.state;
      await service.declareAdmissibility(
        id,
        parsed.data.statut,
        { decision: parsed.data.decision, motivation: parsed.data.motivation || null },
        actorOf(request),
        contextOf(request),
        w,
      );
      return null;
    }),
  );

  app.post('/instruction/dossiers/:id/annotations', { config: staff }, async (request, reply) => {
    const id = dossierId(request);
    const w = words(request.ctx.locale);
    const parsed = parseForm(annotationForm(w), request.body);
    if (!parsed.ok)
      return dossierPage(request, reply, id, { status: 400, forms: { annotation: parsed.state } });
    await service.addAnnotation(id, parsed.data.annotation, actorOf(request), contextOf(request));
    return reply.redirect(`/instruction/dossiers/${id}?fait=annotation#annotations-titre`, 303);
  });

  // --- Applicants' side of the messages ------------------------------------------------------------
  async function applicantPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state: FormState,
    status: number,
  ) {
    const w = words(request.ctx.locale);
    const dossier = await service.dossier(id);
    if (!dossier || dossier.status === 'brouillon') throw new NotFound();
    const messages = await service.messages(id);
    const notice = status === 200 && query(request).envoye !== undefined ? w.messages.sent : undefined;
    return reply.page(
      w.messages.applicantTitle(dossier.reference),
      <ApplicantMessagesPage
        ctx={request.ctx}
        w={w}
        dossier={{ ...dossier, status_label: w.statuses[dossier.status] }}
        messages={messages}
        files={await service.messageFiles(id)}
        state={state}
        notice={notice}
      />,
      { status },
    );
  }

  app.get('/dossiers/:id/messages', { config: { access: rules.applicant } }, async (request, reply) =>
    applicantPage(request, reply, dossierId(request), emptyForm, 200),
  );

  // --- Posting a message (both sides), with an optional attachment ----------------------------------
  // In its own scope: only these routes read multipart bodies (a plain form post works too). The file is
  // streamed into the store while the body is read, at most MESSAGE_MAX_BYTES; its type is read from its
  // content (markup refused). A file received for a message that is not recorded is removed afterwards.
  await app.register(async (scope) => {
    const received = new WeakMap<FastifyRequest, Received>();
    const kept = new WeakSet<FastifyRequest>();
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      limits: { fileSize: MESSAGE_MAX_BYTES + 1, files: 1, fields: 4, parts: 5, fieldSize: 40_000 },
      async onFile(this: FastifyRequest, part: MultipartFile) {
        const drain = async () => {
          part.file.resume();
          await finished(part.file).catch(() => {});
        };
        if (part.fieldname !== 'piece' || !part.filename || received.has(this)) return drain();
        try {
          const stored = await options.files.put(part.file, { maxBytes: MESSAGE_MAX_BYTES });
          const type = sniffContentType(await options.files.readHead(stored.key, SNIFF_HEAD_BYTES));
          if (type === null || type === 'text/html' || stored.size === 0) {
            await options.files.remove(stored.key);
            received.set(this, { ok: false, problem: 'pieceType' });
            return;
          }
          received.set(this, {
            ok: true,
            file: { ...stored, name: cleanAttachmentName(part.filename), type },
          });
        } catch (error) {
          if (!(error instanceof FileTooLarge)) throw error;
          received.set(this, { ok: false, problem: 'pieceTooLarge' });
          await drain();
        }
      },
    });

    scope.addHook('onResponse', async (request) => {
      const got = received.get(request);
      if (got?.ok && !kept.has(request)) await options.files.remove(got.file.key).catch(() => {});
    });

    /** A multipart body that cannot be read: the page again with why (413 for a file too large). */
    scope.setErrorHandler(async (error: FastifyError, request, reply) => {
      // Only what reading the multipart body raised (FST_…); anything else goes to the app's handler.
      if (error instanceof AppError || !String(error.code ?? '').startsWith('FST_')) throw error;
      const params = dossierIdParams.safeParse(request.params);
      if (!params.success) throw error;
      const w = words(request.ctx.locale);
      const tooLarge = error.code === 'FST_REQ_FILE_TOO_LARGE' || error.statusCode === 413;
      request.log.info({ code: error.code, err: error.message }, 'message attachment refused');
      const problem = tooLarge ? w.errors.pieceTooLarge : w.errors.pieceUnreadable;
      const state = stateFromErrors({}, { piece: problem });
      const status = tooLarge ? 413 : 400;
      if (request.url.startsWith('/instruction/'))
        return dossierPage(request, reply, params.data.id, { status, forms: { message: state } });
      return applicantPage(request, reply, params.data.id, state, status);
    });

    /** The message's text and file, or the form's state to show again. */
    function readMessage(request: FastifyRequest, w: InstructionMessages) {
      const parsed = parseForm(messageForm(w), request.body);
      const got = received.get(request);
      if (parsed.ok && (!got || got.ok))
        return { ok: true as const, body: parsed.data.corps, file: got?.file ?? null };
      const errors = parsed.ok ? {} : { ...parsed.state.errors };
      if (got && !got.ok) errors.piece = w.errors[got.problem];
      return { ok: false as const, state: stateFromErrors(submittedValues(request.body), errors) };
    }

    scope.post('/instruction/dossiers/:id/messages', { config: staff }, async (request, reply) => {
      const id = dossierId(request);
      const w = words(request.ctx.locale);
      const message = readMessage(request, w);
      if (!message.ok)
        return dossierPage(request, reply, id, { status: 400, forms: { message: message.state } });
      await service.postMessage(
        id,
        'staff',
        message.body,
        actorOf(request),
        contextOf(request),
        message.file,
      );
      kept.add(request);
      return reply.redirect(`/instruction/dossiers/${id}?fait=message#messages-titre`, 303);
    });

    scope.post('/dossiers/:id/messages', { config: { access: rules.applicant } }, async (request, reply) => {
      const id = dossierId(request);
      const w = words(request.ctx.locale);
      const message = readMessage(request, w);
      if (!message.ok) return applicantPage(request, reply, id, message.state, 400);
      const facts = await dossierOfRequest(options.db, request);
      await service.postMessage(
        id,
        'applicant',
        message.body,
        actorOf(request),
        contextOf(request),
        message.file,
        facts ? applicantOrganisationOf(request.principal, facts) : null,
      );
      kept.add(request);
      return reply.redirect(`/dossiers/${id}/messages?envoye=1#fil-messages`, 303);
    });
  });
}

type Received = { ok: true; file: MessageAttachment } | { ok: false; problem: 'pieceTooLarge' | 'pieceType' };
