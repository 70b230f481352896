import { randomUUID } from 'node:crypto';
import { finished } from 'node:stream/promises';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { signedIn } from '../../platform/access/index.js';
import type { Db } from '../../platform/db/index.js';
import type { FileStore } from '../../platform/files/index.js';
import { AppError, NotFound } from '../../platform/http/errors.js';
import { localised } from '../../platform/i18n/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import {
  type CallForm,
  type FormField,
  MAX_ATTACHMENT_BYTES,
  registerCallPageSection,
  visibleFields,
  visibleSections,
} from '../calls/index.js';
import { dossierRowOfRequest, dossierRules } from './dossiers.access.js';
import { applyBox } from './dossiers.apply.js';
import { dossiersEn } from './dossiers.en.js';
import { type DossiersMessages, dossiersFr } from './dossiers.fr.js';
import { isEditable } from './dossiers.lifecycle.js';
import {
  type Actor,
  type Answers,
  attachmentFieldAt,
  completeSections,
  createDossiersService,
  type LoadedDossier,
  type ReceivedUpload,
  type RequestInfo,
  summaryCheck,
} from './dossiers.service.js';
import { ApplyBox } from './views/applicantApply.js';
import {
  MyDossiersPage,
  OverviewPage,
  PartnersPage,
  StepPage,
  type StepPageProps,
  SummaryPage,
} from './views/applicantPages.js';

const words = localised({ fr: dossiersFr, en: dossiersEn });

export interface DossiersRoutesOptions {
  db: Db;
  files: FileStore;
  mailer?: Mailer;
  config?: Config;
}

/** The identifiers of a call form's sections and fields (calls.form.ts). */
const FORM_ID = /^[a-z][a-z0-9_]{0,62}$/;
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const idParams = z.object({ id: uuid });
const stepParams = z.object({ id: uuid, section: z.string().regex(FORM_ID) });
const pieceParams = z.object({
  id: uuid,
  fieldId: z.string().regex(/^[a-z][a-z0-9_]{0,62}(?:\.\d{1,3}\.[a-z][a-z0-9_]{0,62})?$/),
});
const fileParams = z.object({ id: uuid, fileId: z.string() });
const partnerParams = z.object({ id: uuid, organisationId: z.string() });
const slugParams = z.object({ slug: z.string().min(1).max(200) });
const lockVersion = z.coerce.number().int().min(0).max(2_147_483_647);
const stepQuery = z.object({
  enregistre: z.string().optional(),
  ajout: z.string().regex(FORM_ID).optional(),
  piece: z.enum(['ajoutee', 'retiree']).optional(),
});
const flatFields = z.record(
  z.string().max(300),
  z.union([z.string().max(30_000), z.array(z.string().max(30_000)).max(600)]),
);
const autosaveBody = z.object({
  section: z.string().regex(FORM_ID),
  lock_version: lockVersion,
  fields: flatFields,
});

function actorOf(request: FastifyRequest): Actor {
  if (!request.user) throw new Error('dossier route reached without a user');
  return { id: request.user.id, label: request.user.email };
}

function infoOf(request: FastifyRequest): RequestInfo {
  return { ip: request.ip ?? null, requestId: request.id ?? null };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function lastString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const strings = value.filter((v): v is string => typeof v === 'string');
    return strings[strings.length - 1];
  }
  return undefined;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * The answers of a page's fields from its flat form (`field`, `field` repeated for boxes, and
 * `block.index.child` inside repeatable blocks).
 */
export function postedAnswers(fields: readonly FormField[], flat: Record<string, unknown>): Answers {
  const answers: Answers = {};
  for (const field of fields) {
    if (field.type === 'heading' || field.type === 'attachment') continue;
    if (field.type === 'repeatable_block') {
      const occurrences: Record<string, unknown>[] = [];
      const prefix = `${field.id}.`;
      for (const key of Object.keys(flat)) {
        if (!key.startsWith(prefix)) continue;
        const match = /^(\d{1,3})\.([a-z][a-z0-9_]*)$/.exec(key.slice(prefix.length));
        if (!match) continue;
        const index = Number(match[1]);
        if (index >= field.maxOccurrences) continue;
        const child = field.fields.find((c) => c.id === match[2]);
        if (!child || child.type === 'heading' || child.type === 'attachment') continue;
        while (occurrences.length <= index) occurrences.push({});
        const occurrence = occurrences[index] as Record<string, unknown>;
        occurrence[child.id] = child.type === 'multiple_choice' ? strings(flat[key]) : lastString(flat[key]);
      }
      answers[field.id] = occurrences;
      continue;
    }
    if (!Object.hasOwn(flat, field.id)) continue;
    answers[field.id] =
      field.type === 'multiple_choice' ? strings(flat[field.id]) : lastString(flat[field.id]);
  }
  return answers;
}

/** « 14 h 03 » (Paris time). */
function clock(date: Date, locale: 'fr' | 'en'): string {
  const parts = new Intl.DateTimeFormat('fr-FR', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Paris',
  }).formatToParts(date);
  const h = parts.find((p) => p.type === 'hour')?.value ?? '00';
  const m = parts.find((p) => p.type === 'minute')?.value ?? '00';
  return locale === 'fr' ? `${Number(h)} h ${m}` : `${h}:${m}`;
}

/** The ids of the fields shown for these answers (top level and in blocks). */
function visibleIds(form: CallForm, answers: Answers): Set<string> {
  const ids = new Set<string>();
  for (const field of visibleFields(form, answers)) {
    ids.add(field.id);
    if (field.type === 'repeatable_block') for (const child of field.fields) ids.add(child.id);
  }
  return ids;
}

function uploadMessage(w: DossiersMessages, outcome: Extract<ReceivedUpload, { ok: false }>): string {
  const p = w.attachment.problems;
  switch (outcome.problem) {
    case 'tooLarge':
      return p.tooLarge(outcome.maxBytes ?? MAX_ATTACHMENT_BYTES);
    case 'type':
      return p.type(outcome.allowedTypes ?? []);
    case 'missing':
      return p.missing;
    case 'empty':
      return p.empty;
    case 'html':
      return p.html;
    case 'notEditable':
      return p.notEditable;
    case 'unknownField':
      return p.unknownField;
  }
}

/**
 * The applicant's pages of a dossier: « Mes dossiers », starting a dossier on an open call, the overview,
 * the steps (with autosave), attachments, partners and the summary before submission.
 */
export async function dossiersRoutes(app: FastifyInstance, options: DossiersRoutesOptions) {
  const { db, files } = options;
  const service = createDossiersService(db, files);
  const rules = dossierRules(db);
  const applicant = { config: { access: rules.applicant } };
  const reader = { config: { access: rules.reader } };

  // « Candidater » on the public page of an open call.
  registerCallPageSection('candidature', (section) =>
    section.state === 'open' && section.call.status === 'published'
      ? applyBox(section.db, section.request, section.call.slug)
      : null,
  );

  async function dossierOr404(request: FastifyRequest): Promise<LoadedDossier> {
    const params = idParams.safeParse(request.params);
    if (!params.success) throw new NotFound();
    // Read once per request, by the access rule of the route.
    const row = await dossierRowOfRequest(db, request);
    const dossier = row?.id === params.data.id ? await service.fromRow(row) : undefined;
    if (!dossier) throw new NotFound();
    return dossier;
  }

  type StepOptions = Partial<
    Pick<StepPageProps, 'display' | 'errors' | 'lockVersion' | 'addTo' | 'notice' | 'conflict' | 'problem'>
  > & { status?: number };

  function renderStep(
    request: FastifyRequest,
    reply: FastifyReply,
    dossier: LoadedDossier,
    sectionId: string,
    opts: StepOptions = {},
  ) {
    const w = words(request.ctx.locale);
    const section = dossier.form.sections.find((s) => s.id === sectionId);
    if (!section) throw new NotFound(w.step.unknownSection);
    const display = opts.display ?? dossier.answersRecord;
    const shown = visibleSections(dossier.form, display);
    const steps = shown.includes(section.id) ? shown : [...shown, section.id];
    const index = steps.indexOf(section.id);
    const nextId = steps[index + 1];
    const nextTitle = dossier.form.sections.find((s) => s.id === nextId)?.title;
    return reply.page(
      `${section.title} — ${dossier.title}`,
      <StepPage
        ctx={request.ctx}
        w={w}
        dossier={dossier}
        section={section}
        index={index + 1}
        total={steps.length}
        nextTitle={nextTitle}
        display={display}
        visible={visibleIds(dossier.form, display)}
        errors={opts.errors ?? {}}
        lockVersion={opts.lockVersion ?? dossier.lock_version}
        addTo={opts.addTo}
        notice={opts.notice}
        conflict={opts.conflict}
        problem={opts.problem}
      />,
      { status: opts.status ?? 200 },
    );
  }

  // --- « Mes dossiers » and starting a dossier ---------------------------------------------------
  app.get('/dossiers', { config: { access: signedIn } }, async (request, reply) => {
    const w = words(request.ctx.locale);
    const dossiers = await service.listMine(actorOf(request).id);
    return reply.page(w.myDossiers, <MyDossiersPage ctx={request.ctx} w={w} dossiers={dossiers} />);
  });

  app.post('/appels/:slug/candidature', { config: { access: signedIn } }, async (request, reply) => {
    const w = words(request.ctx.locale);
    const params = slugParams.safeParse(request.params);
    if (!params.success) throw new NotFound();
    const body = isRecord(request.body) ? request.body : {};
    const organisation = lastString(body.organisation) ?? '';
    const result = await service.start(params.data.slug, organisation, actorOf(request), infoOf(request));
    if (result.ok) return reply.redirect(`/dossiers/${result.id}`, 303);
    if (result.problem === 'unknownCall') throw new NotFound(w.apply.problems.unknownCall);
    const organisations = await service.myOrganisations(actorOf(request).id);
    return reply.page(
      w.apply.title,
      <ApplyBox
        ctx={request.ctx}
        w={w}
        slug={params.data.slug}
        organisations={result.problem === 'callNotOpen' ? [] : organisations}
        error={w.apply.problems[result.problem]}
      />,
      { status: result.problem === 'callNotOpen' ? 409 : 400 },
    );
  });

  // --- Overview ----------------------------------------------------------------------------------
  app.get('/dossiers/:id', applicant, async (request, reply) => {
    const w = words(request.ctx.locale);
    const dossier = await dossierOr404(request);
    const [partners, versions] = await Promise.all([
      service.partners(dossier.id),
      service.versions(dossier.id),
    ]);
    const complete = completeSections(dossier.form, dossier.answersRecord);
    const steps = dossier.form.sections
      .filter((s) => complete.has(s.id))
      .map((section) => ({ section, complete: complete.get(section.id) === true }));
    return reply.page(
      dossier.title,
      <OverviewPage
        ctx={request.ctx}
        w={w}
        dossier={dossier}
        partners={partners}
        steps={steps}
        versions={versions}
      />,
    );
  });

  // --- Steps -------------------------------------------------------------------------------------
  app.get('/dossiers/:id/etapes/:section', applicant, async (request, reply) => {
    const w = words(request.ctx.locale);
    const params = stepParams.safeParse(request.params);
    if (!params.success) throw new NotFound();
    const dossier = await dossierOr404(request);
    const query = stepQuery.safeParse(request.query);
    const q = query.success ? query.data : {};
    const notice =
      q.piece === 'ajoutee'
        ? w.attachment.saved
        : q.piece === 'retiree'
          ? w.attachment.removed
          : q.enregistre
            ? w.step.saved
            : undefined;
    return renderStep(request, reply, dossier, params.data.section, { addTo: q.ajout, notice });
  });

  app.post('/dossiers/:id/etapes/:section', applicant, async (request, reply) => {
    const w = words(request.ctx.locale);
    const params = stepParams.safeParse(request.params);
    if (!params.success) throw new NotFound();
    const dossier = await dossierOr404(request);
    const section = dossier.form.sections.find((s) => s.id === params.data.section);
    if (!section) throw new NotFound(w.step.unknownSection);
    const body = isRecord(request.body) ? request.body : {};
    const posted = postedAnswers(section.fields, body);
    if (!isEditable(dossier.status))
      return renderStep(request, reply, dossier, section.id, { status: 409, problem: w.step.notEditable });
    const lock = lockVersion.safeParse(lastString(body.lock_version));
    if (!lock.success)
      return renderStep(request, reply, dossier, section.id, {
        status: 400,
        display: { ...dossier.answersRecord, ...posted },
        problem: w.autosave.invalid,
      });
    const result = await service.saveAnswers(
      dossier.id,
      section.id,
      posted,
      lock.data,
      actorOf(request),
      infoOf(request),
      {
        audit: true,
      },
    );
    switch (result.kind) {
      case 'unknownSection':
        throw new NotFound(w.step.unknownSection);
      case 'notEditable': {
        const now = (await service.load(dossier.id)) ?? dossier;
        return renderStep(request, reply, now, section.id, { status: 409, problem: w.step.notEditable });
      }
      case 'conflict':
        return renderStep(request, reply, dossier, section.id, {
          status: 409,
          display: result.raw,
          conflict: result.current,
          lockVersion: result.lockVersion,
        });
      case 'saved': {
        const saved = (await service.load(dossier.id)) ?? dossier;
        if (Object.keys(result.errors).length > 0)
          return renderStep(request, reply, saved, section.id, {
            status: 400,
            display: result.raw,
            errors: result.errors,
            lockVersion: result.lockVersion,
          });
        const add = lastString(body.ajouter);
        const block = section.fields.find((f) => f.id === add && f.type === 'repeatable_block');
        if (block)
          return reply.redirect(
            `/dossiers/${dossier.id}/etapes/${section.id}?ajout=${block.id}#field-${block.id}`,
            303,
          );
        if (lastString(body.suite) !== undefined) {
          const shown = visibleSections(saved.form, saved.answersRecord);
          const next = shown[shown.indexOf(section.id) + 1];
          return reply.redirect(
            next ? `/dossiers/${dossier.id}/etapes/${next}` : `/dossiers/${dossier.id}/recapitulatif`,
            303,
          );
        }
        return reply.redirect(`/dossiers/${dossier.id}/etapes/${section.id}?enregistre=1`, 303);
      }
    }
  });

  // Autosave (the page's script): JSON in, JSON out.
  app.post('/dossiers/:id/brouillon', applicant, async (request, reply) => {
    const w = words(request.ctx.locale);
    const dossier = await dossierOr404(request);
    const parsed = autosaveBody.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send({ ok: false, message: w.autosave.invalid });
    const section = dossier.form.sections.find((s) => s.id === parsed.data.section);
    if (!section) return reply.code(400).send({ ok: false, message: w.autosave.invalid });
    if (!isEditable(dossier.status))
      return reply.code(409).send({ ok: false, message: w.autosave.notEditable });
    const posted = postedAnswers(section.fields, parsed.data.fields);
    const result = await service.saveAnswers(
      dossier.id,
      section.id,
      posted,
      parsed.data.lock_version,
      actorOf(request),
      infoOf(request),
    );
    switch (result.kind) {
      case 'saved':
        return reply.send({
          ok: true,
          lockVersion: result.lockVersion,
          message: w.step.savedAt(clock(new Date(), request.ctx.locale)),
          errors: result.errors,
        });
      case 'conflict':
        return reply.code(409).send({ ok: false, conflict: true, message: w.autosave.conflict });
      case 'notEditable':
        return reply.code(409).send({ ok: false, message: w.autosave.notEditable });
      case 'unknownSection':
        return reply.code(400).send({ ok: false, message: w.autosave.invalid });
    }
  });

  // --- Attachments -------------------------------------------------------------------------------
  app.post('/dossiers/:id/pieces/:fieldId/suppression', applicant, async (request, reply) => {
    const w = words(request.ctx.locale);
    const params = pieceParams.safeParse(request.params);
    if (!params.success) throw new NotFound();
    const dossier = await dossierOr404(request);
    const target = attachmentFieldAt(dossier.form, params.data.fieldId);
    if (!target) throw new NotFound(w.attachment.problems.unknownField);
    const body = isRecord(request.body) ? request.body : {};
    const lock = lockVersion.safeParse(lastString(body.lock_version));
    if (!isEditable(dossier.status))
      return renderStep(request, reply, dossier, target.sectionId, {
        status: 409,
        problem: w.step.notEditable,
      });
    if (!lock.success)
      return renderStep(request, reply, dossier, target.sectionId, {
        status: 400,
        problem: w.autosave.invalid,
      });
    const result = await service.removeAttachment(
      dossier.id,
      params.data.fieldId,
      lock.data,
      actorOf(request),
      infoOf(request),
    );
    if (result.kind === 'saved')
      return reply.redirect(`/dossiers/${dossier.id}/etapes/${target.sectionId}?piece=retiree`, 303);
    const now = (await service.load(dossier.id)) ?? dossier;
    return renderStep(request, reply, now, target.sectionId, {
      status: result.kind === 'unknownField' ? 400 : 409,
      problem: result.kind === 'conflict' ? w.attachment.problems.conflict : w.step.notEditable,
    });
  });

  // The upload, in its own scope: only this route reads multipart bodies. The file is streamed into the
  // store while the body is read (never held whole in memory), at most the field's size; its type is read
  // from its content. The CSRF token (a field of the form) is checked before the handler, which records it;
  // a file received for a request that does not reach that point is removed from the store.
  await app.register(async (scope) => {
    const received = new WeakMap<FastifyRequest, ReceivedUpload>();
    const handled = new WeakSet<FastifyRequest>();
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      limits: {
        fileSize: MAX_ATTACHMENT_BYTES,
        files: 1,
        fields: 6,
        parts: 7,
        fieldSize: 1000,
        fieldNameSize: 100,
      },
      async onFile(this: FastifyRequest, part: MultipartFile) {
        const drain = async () => {
          part.file.resume();
          await finished(part.file).catch(() => {});
        };
        if (part.fieldname !== 'fichier' || received.has(this)) return drain();
        const params = pieceParams.safeParse(this.params);
        if (!params.success) {
          received.set(this, { ok: false, problem: 'unknownField' });
          return drain();
        }
        if (!part.filename) {
          received.set(this, { ok: false, problem: 'missing' });
          return drain();
        }
        const row = await dossierRowOfRequest(db, this);
        const loaded = row?.id === params.data.id ? await service.fromRow(row) : undefined;
        received.set(
          this,
          await service.receiveUpload(params.data.id, params.data.fieldId, part.file, part.filename, loaded),
        );
      },
    });

    scope.addHook('onResponse', async (request) => {
      const upload = received.get(request);
      if (upload?.ok && !handled.has(request)) await files.remove(upload.stored.key).catch(() => {});
    });

    // A multipart body that cannot be read (or a file over the absolute limit): the step again, with why.
    scope.setErrorHandler(async (error: FastifyError, request, reply) => {
      if (error instanceof AppError) throw error;
      const params = pieceParams.safeParse(request.params);
      const dossier = params.success ? await service.load(params.data.id) : undefined;
      const target = dossier ? attachmentFieldAt(dossier.form, params.data?.fieldId ?? '') : undefined;
      if (!dossier || !target) throw error;
      const w = words(request.ctx.locale);
      const tooLarge = error.code === 'FST_REQ_FILE_TOO_LARGE' || error.statusCode === 413;
      request.log.info({ code: error.code, err: error.message }, 'dossier upload refused');
      return renderStep(request, reply, dossier, target.sectionId, {
        status: tooLarge ? 413 : 400,
        errors: {
          [params.data?.fieldId ?? '']: tooLarge
            ? w.attachment.problems.tooLarge(target.field.maxSize)
            : w.attachment.problems.unreadable,
        },
      });
    });

    scope.post('/dossiers/:id/pieces/:fieldId', applicant, async (request, reply) => {
      handled.add(request);
      const w = words(request.ctx.locale);
      const params = pieceParams.safeParse(request.params);
      if (!params.success) throw new NotFound();
      const dossier = await dossierOr404(request);
      const target = attachmentFieldAt(dossier.form, params.data.fieldId);
      const upload = received.get(request);
      const discard = async () => {
        if (upload?.ok) await files.remove(upload.stored.key);
      };
      if (!target) {
        await discard();
        throw new NotFound(w.attachment.problems.unknownField);
      }
      const fieldPath = params.data.fieldId;
      if (!isEditable(dossier.status)) {
        await discard();
        return renderStep(request, reply, dossier, target.sectionId, {
          status: 409,
          problem: w.step.notEditable,
        });
      }
      const body = isRecord(request.body) ? request.body : {};
      const lock = lockVersion.safeParse(lastString(body.lock_version));
      if (!lock.success) {
        await discard();
        return renderStep(request, reply, dossier, target.sectionId, {
          status: 400,
          problem: w.autosave.invalid,
        });
      }
      const outcome: ReceivedUpload = upload ?? { ok: false, problem: 'missing' };
      if (!outcome.ok)
        return renderStep(request, reply, dossier, target.sectionId, {
          status: outcome.problem === 'tooLarge' ? 413 : outcome.problem === 'notEditable' ? 409 : 400,
          errors: { [fieldPath]: uploadMessage(w, outcome) },
        });
      const result = await service.attachUpload(
        dossier.id,
        outcome,
        lock.data,
        actorOf(request),
        infoOf(request),
        dossier,
      );
      if (result.kind === 'saved')
        return reply.redirect(
          `/dossiers/${dossier.id}/etapes/${target.sectionId}?piece=ajoutee#field-${fieldPath.replace(/\./g, '-')}`,
          303,
        );
      const now = (await service.load(dossier.id)) ?? dossier;
      return renderStep(request, reply, now, target.sectionId, {
        status: 409,
        problem: result.kind === 'conflict' ? w.attachment.problems.conflict : w.step.notEditable,
      });
    });
  });

  app.get('/dossiers/:id/fichiers/:fileId', reader, async (request, reply) => {
    const w = words(request.ctx.locale);
    const params = fileParams.safeParse(request.params);
    if (!params.success || !uuid.safeParse(params.data.fileId).success)
      throw new NotFound(w.download.notFound);
    const file = await service.file(params.data.id, params.data.fileId);
    if (!file || file.content_type === 'text/html' || !(await files.exists(file.storage_key)))
      throw new NotFound(w.download.notFound);
    return sendDossierFile(reply, files, file);
  });

  // --- Partners ----------------------------------------------------------------------------------
  async function partnersPage(
    request: FastifyRequest,
    reply: FastifyReply,
    dossier: LoadedDossier,
    extra: { status?: number; value?: string; error?: string; notice?: string; problem?: string } = {},
  ) {
    const w = words(request.ctx.locale);
    const [partners, canManage] = await Promise.all([
      service.partners(dossier.id),
      service.isMainMember(dossier, actorOf(request).id),
    ]);
    return reply.page(
      w.partners.title,
      <PartnersPage
        ctx={request.ctx}
        w={w}
        dossier={dossier}
        partners={partners}
        canManage={canManage}
        value={extra.value}
        error={extra.error}
        notice={extra.notice}
        problem={extra.problem}
      />,
      { status: extra.status ?? 200 },
    );
  }

  app.get('/dossiers/:id/partenaires', applicant, async (request, reply) => {
    const w = words(request.ctx.locale);
    const dossier = await dossierOr404(request);
    const query = request.query as Record<string, unknown>;
    const notice = query.retire === '1' ? w.partners.removed : undefined;
    return partnersPage(request, reply, dossier, { notice });
  });

  app.post('/dossiers/:id/partenaires', applicant, async (request, reply) => {
    const w = words(request.ctx.locale);
    const dossier = await dossierOr404(request);
    const body = isRecord(request.body) ? request.body : {};
    const value = (lastString(body.identifiant) ?? '').slice(0, 100);
    const result = await service.addPartner(dossier.id, value, actorOf(request), infoOf(request));
    if (result.ok)
      return partnersPage(request, reply, dossier, { notice: w.partners.added(result.partner.name) });
    const message =
      result.problem === 'sameSiren' && result.twin
        ? w.partners.sameSiren(result.twin)
        : w.partners.problems[result.problem];
    const fieldProblem =
      result.problem === 'invalid' ||
      result.problem === 'unknown' ||
      result.problem === 'self' ||
      result.problem === 'already' ||
      result.problem === 'sameSiren';
    return partnersPage(request, reply, dossier, {
      status: result.problem === 'notMainMember' ? 403 : result.problem === 'notEditable' ? 409 : 400,
      value,
      ...(fieldProblem ? { error: message } : { problem: message }),
    });
  });

  app.post('/dossiers/:id/partenaires/:organisationId/suppression', applicant, async (request, reply) => {
    const w = words(request.ctx.locale);
    const dossier = await dossierOr404(request);
    const params = partnerParams.safeParse(request.params);
    if (!params.success) throw new NotFound();
    const result = await service.removePartner(
      dossier.id,
      params.data.organisationId,
      actorOf(request),
      infoOf(request),
    );
    if (result.ok) return reply.redirect(`/dossiers/${dossier.id}/partenaires?retire=1`, 303);
    if (result.problem === 'unknown') throw new NotFound();
    return partnersPage(request, reply, dossier, {
      status: result.problem === 'notMainMember' ? 403 : 409,
      problem: w.partners.problems[result.problem],
    });
  });

  // --- Summary -----------------------------------------------------------------------------------
  app.get('/dossiers/:id/recapitulatif', applicant, async (request, reply) => {
    const w = words(request.ctx.locale);
    const dossier = await dossierOr404(request);
    const check = summaryCheck(dossier);
    const shownIds = new Set(visibleSections(dossier.form, dossier.answersRecord));
    const fields = visibleFields(dossier.form, dossier.answersRecord);
    const fieldIds = new Set(fields.map((f) => f.id));
    const sections = dossier.form.sections
      .filter((s) => shownIds.has(s.id))
      .map((section) => ({ section, fields: section.fields.filter((f) => fieldIds.has(f.id)) }));
    const errors = Object.entries(check.errors).map(([field, message]) => {
      const top = field.split('.')[0] ?? field;
      const section = dossier.form.sections.find((s) => s.fields.some((f) => f.id === top));
      const label = section?.fields.find((f) => f.id === top)?.label ?? field;
      return { field, message, label, sectionId: section?.id ?? '' };
    });
    return reply.page(
      w.summary.title,
      <SummaryPage
        ctx={request.ctx}
        w={w}
        dossier={dossier}
        sections={sections}
        errors={errors}
        reasons={check.reasons}
        canSubmit={check.canSubmit}
        submissionKey={randomUUID()}
      />,
    );
  });
}

/**
 * Sends a file of a dossier as a download: never rendered by the browser (attachment, nosniff, sandbox),
 * never cached. The caller checked who may read it and that it exists.
 */
export function sendDossierFile(
  reply: FastifyReply,
  files: FileStore,
  file: { name: string; content_type: string; size: number; storage_key: string },
): FastifyReply {
  const ascii = file.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .header('content-type', file.content_type)
    .header('content-length', String(file.size))
    .header(
      'content-disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    )
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "sandbox; default-src 'none'")
    .header('cache-control', 'private, no-store')
    .send(files.open(file.storage_key));
}
