import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../platform/db/index.js';
import { Conflict, NotFound, Validation } from '../../platform/http/errors.js';
import { emptyForm, type FormState, stateFromErrors, submittedValues } from '../../platform/http/forms.js';
import { localised } from '../../platform/i18n/index.js';
import { callsBuilderEn } from './calls.builder.en.js';
import { type CallsBuilderMessages, callsBuilderFr } from './calls.builder.fr.js';
import {
  addField,
  addRule,
  addSection,
  type DraftForm,
  deleteField,
  deleteRule,
  deleteSection,
  fieldValues,
  findField,
  isFieldType,
  issuesToInputs,
  moveField,
  moveSection,
  pathOf,
  readField,
  readRule,
  readSection,
  ruleValues,
  sectionValues,
  updateField,
  updateRule,
  updateSection,
  type Values,
} from './calls.builder.js';
import { type ApplyResult, createCallsBuilderService, type FormChange } from './calls.builder.service.js';
import { type FieldType, FORM_ID } from './calls.form.js';
import { callsManager } from './calls.permissions.js';
import type { CallRow } from './calls.queries.js';
import type { CallActor, CallContext } from './calls.service.js';
import { InstructorsPage } from './views/builder.instructors.js';
import {
  BuilderPage,
  BuilderPreviewPage,
  FieldFormPage,
  FieldTypePage,
  RuleFormPage,
  SectionFormPage,
} from './views/builder.js';

const words = localised({ fr: callsBuilderFr, en: callsBuilderEn });
const admin = { access: callsManager };

const callParams = z.object({ id: z.uuid() });
const sectionParams = callParams.extend({ sectionId: z.string().regex(FORM_ID) });
const fieldParams = callParams.extend({ fieldId: z.string().regex(FORM_ID) });
const ruleParams = callParams.extend({ ruleId: z.string().regex(FORM_ID) });
const assignmentParams = callParams.extend({ assignmentId: z.uuid() });

function params<S extends z.ZodType>(schema: S, request: FastifyRequest): z.output<S> {
  const parsed = schema.safeParse(request.params);
  if (!parsed.success) throw new NotFound();
  return parsed.data;
}

function actorOf(request: FastifyRequest): CallActor {
  if (!request.user) throw new Error('form builder reached without a user');
  return { id: request.user.id, label: request.user.email };
}

function contextOf(request: FastifyRequest): CallContext {
  return { ip: request.ip ?? null, requestId: request.id ?? null };
}

function stateOf(values: Values, errors: Record<string, string> = {}): FormState {
  return { ...stateFromErrors(values, errors), values };
}

function direction(body: unknown): 'up' | 'down' {
  const d = (body as Record<string, unknown> | undefined)?.direction;
  return d === 'up' ? 'up' : 'down';
}

export interface CallsBuilderRoutesOptions {
  db: Db;
}

/**
 * The form builder of a call (sections, fields, eligibility rules, reorder, preview) and its instructeurs,
 * for administrators. Plain forms, no script: every change is a POST answered by 303, or by the same page
 * with the French messages (400) and nothing saved.
 */
export async function callsBuilderRoutes(app: FastifyInstance, options: CallsBuilderRoutesOptions) {
  const service = createCallsBuilderService(options.db);

  async function load(request: FastifyRequest) {
    const { id } = params(callParams, request);
    const w = words(request.ctx.locale);
    return { ...(await service.load(id)), w };
  }

  function overview(
    request: FastifyRequest,
    reply: FastifyReply,
    page: { call: CallRow; form: DraftForm; w: CallsBuilderMessages },
    extra: { status?: number; notice?: string; problems?: string[] } = {},
  ) {
    return reply.page(
      page.w.title(page.call.title),
      <BuilderPage
        ctx={request.ctx}
        w={page.w}
        call={page.call}
        form={page.form}
        notice={extra.notice}
        problems={extra.problems}
      />,
      { status: extra.status ?? 200 },
    );
  }

  /**
   * Applies a change; 303 back to the builder when saved. Otherwise `invalid` renders the page again
   * (400); a call closed early or an element gone gives the builder with the reason (409).
   */
  async function change(
    request: FastifyRequest,
    reply: FastifyReply,
    page: { call: CallRow; form: DraftForm; w: CallsBuilderMessages },
    formChange: FormChange,
    invalid: (result: Extract<ApplyResult, { ok: false }>) => FastifyReply | Promise<FastifyReply>,
    anchor = '',
  ) {
    try {
      const result = await service.apply(
        page.call.id,
        formChange,
        actorOf(request),
        contextOf(request),
        page.w,
        request.ctx.locale === 'en' ? 'en' : 'fr',
      );
      if (!result.ok) return invalid(result);
      return reply.redirect(`/admin/appels/${page.call.id}/formulaire?enregistre=1${anchor}`, 303);
    } catch (error) {
      if (error instanceof Conflict || error instanceof Validation) {
        const fresh = await service.load(page.call.id);
        return overview(request, reply, { ...fresh, w: page.w }, { status: 409, problems: [error.message] });
      }
      throw error;
    }
  }

  /** Invalid structural change (move, delete): the builder with the reasons, 400. */
  function structural(
    request: FastifyRequest,
    reply: FastifyReply,
    page: { call: CallRow; form: DraftForm; w: CallsBuilderMessages },
  ) {
    return (result: Extract<ApplyResult, { ok: false }>) =>
      overview(request, reply, page, { status: 400, problems: result.issues.map((i) => i.message) });
  }

  /**
   * The move (`…/deplacement`, body `direction` up or down) and delete (`…/suppression`) routes of one kind
   * of element (`path` below `/formulaire/`, with its id parameter).
   */
  function structuralRoutes<S extends z.ZodType>(
    path: string,
    schema: S,
    idOf: (params: z.output<S>) => string,
    changes: { move?: (id: string, to: 'up' | 'down') => FormChange; remove: (id: string) => FormChange },
    anchor = '',
  ) {
    const run = async (request: FastifyRequest, reply: FastifyReply, make: (id: string) => FormChange) => {
      const id = idOf(params(schema, request));
      const page = await load(request);
      return change(request, reply, page, make(id), structural(request, reply, page), anchor);
    };
    const { move } = changes;
    if (move)
      app.post(`/admin/appels/:id/formulaire/${path}/deplacement`, { config: admin }, (request, reply) =>
        run(request, reply, (id) => move(id, direction(request.body))),
      );
    app.post(`/admin/appels/:id/formulaire/${path}/suppression`, { config: admin }, (request, reply) =>
      run(request, reply, changes.remove),
    );
  }

  // --- Overview and preview -----------------------------------------------------------------------
  app.get('/admin/appels/:id/formulaire', { config: admin }, async (request, reply) => {
    const page = await load(request);
    const query = (request.query ?? {}) as Record<string, unknown>;
    return overview(request, reply, page, query.enregistre !== undefined ? { notice: page.w.saved } : {});
  });

  app.get('/admin/appels/:id/formulaire/apercu', { config: admin }, async (request, reply) => {
    const { call, form, w } = await load(request);
    return reply.page(
      w.previewTitle(call.title),
      <BuilderPreviewPage ctx={request.ctx} w={w} call={call} form={form} />,
    );
  });

  // --- Sections ------------------------------------------------------------------------------------
  function sectionPage(
    request: FastifyRequest,
    reply: FastifyReply,
    page: { call: CallRow; form: DraftForm; w: CallsBuilderMessages },
    sectionId: string | undefined,
    state: FormState,
    status: number,
    problems?: string[],
  ) {
    const section = sectionId ? page.form.sections.find((s) => s.id === sectionId) : undefined;
    if (sectionId && !section) throw new NotFound();
    const title = section ? page.w.sectionForm.edit(section.title) : page.w.sectionForm.add;
    return reply.page(
      title,
      <SectionFormPage
        ctx={request.ctx}
        w={page.w}
        call={page.call}
        form={page.form}
        state={state}
        problems={problems}
        section={section}
      />,
      { status },
    );
  }

  async function saveSection(request: FastifyRequest, reply: FastifyReply, sectionId: string | undefined) {
    const page = await load(request);
    const values = submittedValues(request.body);
    const read = readSection(values, page.form, page.w, sectionId);
    if (Object.keys(read.errors).length > 0)
      return sectionPage(request, reply, page, sectionId, stateOf(values, read.errors), 400);
    const formChange: FormChange = sectionId
      ? { operation: 'section.update', apply: (f) => updateSection(f, sectionId, read.value) }
      : { operation: 'section.add', apply: (f) => addSection(f, read.value) };
    return change(request, reply, page, formChange, (result) => {
      const { errors, general } = issuesToInputs(
        result.issues,
        pathOf(result.candidate, 'section', read.value.id),
      );
      return sectionPage(request, reply, page, sectionId, stateOf(values, errors), 400, general);
    });
  }

  app.get('/admin/appels/:id/formulaire/sections/nouvelle', { config: admin }, async (request, reply) =>
    sectionPage(request, reply, await load(request), undefined, emptyForm, 200),
  );
  app.post('/admin/appels/:id/formulaire/sections/nouvelle', { config: admin }, async (request, reply) =>
    saveSection(request, reply, undefined),
  );
  app.get(
    '/admin/appels/:id/formulaire/sections/:sectionId/modifier',
    { config: admin },
    async (request, reply) => {
      const { sectionId } = params(sectionParams, request);
      const page = await load(request);
      const section = page.form.sections.find((s) => s.id === sectionId);
      if (!section) throw new NotFound();
      return sectionPage(request, reply, page, sectionId, stateOf(sectionValues(section, page.form)), 200);
    },
  );
  app.post(
    '/admin/appels/:id/formulaire/sections/:sectionId/modifier',
    { config: admin },
    async (request, reply) => saveSection(request, reply, params(sectionParams, request).sectionId),
  );
  structuralRoutes('sections/:sectionId', sectionParams, (p) => p.sectionId, {
    move: (id, to) => ({ operation: `section.move_${to}`, apply: (f) => moveSection(f, id, to) }),
    remove: (id) => ({ operation: 'section.delete', apply: (f) => deleteSection(f, id) }),
  });

  // --- Fields --------------------------------------------------------------------------------------
  function fieldPage(
    request: FastifyRequest,
    reply: FastifyReply,
    page: { call: CallRow; form: DraftForm; w: CallsBuilderMessages },
    where: { sectionId?: string; fieldId?: string },
    type: FieldType,
    state: FormState,
    status: number,
    problems?: string[],
  ) {
    const section = where.sectionId ? page.form.sections.find((s) => s.id === where.sectionId) : undefined;
    const field = where.fieldId ? (findField(page.form, where.fieldId) ?? undefined) : undefined;
    if (!section && !field) throw new NotFound();
    const title = field
      ? page.w.fieldForm.edit(String(field.label ?? field.id))
      : page.w.fieldForm.add(section?.title ?? '');
    return reply.page(
      title,
      <FieldFormPage
        ctx={request.ctx}
        w={page.w}
        call={page.call}
        form={page.form}
        state={state}
        problems={problems}
        type={type}
        section={section}
        field={field}
      />,
      { status },
    );
  }

  async function saveField(
    request: FastifyRequest,
    reply: FastifyReply,
    page: { call: CallRow; form: DraftForm; w: CallsBuilderMessages },
    where: { sectionId?: string; fieldId?: string },
    type: FieldType,
  ) {
    const values = submittedValues(request.body);
    const read = readField(values, type, page.form, page.w, where.fieldId);
    if (Object.keys(read.errors).length > 0)
      return fieldPage(request, reply, page, where, type, stateOf(values, read.errors), 400);
    const { fieldId, sectionId } = where;
    const formChange: FormChange = fieldId
      ? { operation: 'field.update', apply: (f) => updateField(f, fieldId, read.value) }
      : { operation: 'field.add', apply: (f) => addField(f, sectionId ?? '', read.value) };
    return change(request, reply, page, formChange, (result) => {
      const { errors, general } = issuesToInputs(
        result.issues,
        pathOf(result.candidate, 'field', read.value.id),
        type,
      );
      return fieldPage(request, reply, page, where, type, stateOf(values, errors), 400, general);
    });
  }

  app.get(
    '/admin/appels/:id/formulaire/sections/:sectionId/champs/nouveau',
    { config: admin },
    async (request, reply) => {
      const { sectionId } = params(sectionParams, request);
      const page = await load(request);
      const section = page.form.sections.find((s) => s.id === sectionId);
      if (!section) throw new NotFound();
      const type = String(((request.query ?? {}) as Record<string, unknown>).type ?? '');
      if (isFieldType(type))
        return fieldPage(
          request,
          reply,
          page,
          { sectionId },
          type,
          { ...emptyForm, values: { display: 'radio' } },
          200,
        );
      const state = type ? stateOf({ type }, { type: page.w.errors.type }) : emptyForm;
      return reply.page(
        page.w.fieldForm.add(section.title),
        <FieldTypePage
          ctx={request.ctx}
          w={page.w}
          call={page.call}
          form={page.form}
          state={state}
          section={section}
        />,
        { status: type ? 400 : 200 },
      );
    },
  );
  app.post(
    '/admin/appels/:id/formulaire/sections/:sectionId/champs/nouveau',
    { config: admin },
    async (request, reply) => {
      const { sectionId } = params(sectionParams, request);
      const page = await load(request);
      const section = page.form.sections.find((s) => s.id === sectionId);
      if (!section) throw new NotFound();
      const type = String((request.body as Record<string, unknown> | undefined)?.type ?? '');
      if (!isFieldType(type)) {
        return reply.page(
          page.w.fieldForm.add(section.title),
          <FieldTypePage
            ctx={request.ctx}
            w={page.w}
            call={page.call}
            form={page.form}
            state={stateOf({ type }, { type: page.w.errors.type })}
            section={section}
          />,
          { status: 400 },
        );
      }
      return saveField(request, reply, page, { sectionId }, type);
    },
  );
  app.get(
    '/admin/appels/:id/formulaire/champs/:fieldId/modifier',
    { config: admin },
    async (request, reply) => {
      const { fieldId } = params(fieldParams, request);
      const page = await load(request);
      const field = findField(page.form, fieldId);
      if (!field || !isFieldType(field.type)) throw new NotFound();
      return fieldPage(
        request,
        reply,
        page,
        { fieldId },
        field.type,
        stateOf(fieldValues(field, page.form)),
        200,
      );
    },
  );
  app.post(
    '/admin/appels/:id/formulaire/champs/:fieldId/modifier',
    { config: admin },
    async (request, reply) => {
      const { fieldId } = params(fieldParams, request);
      const page = await load(request);
      const field = findField(page.form, fieldId);
      if (!field || !isFieldType(field.type)) throw new NotFound();
      return saveField(request, reply, page, { fieldId }, field.type);
    },
  );
  structuralRoutes('champs/:fieldId', fieldParams, (p) => p.fieldId, {
    move: (id, to) => ({ operation: `field.move_${to}`, apply: (f) => moveField(f, id, to) }),
    remove: (id) => ({ operation: 'field.delete', apply: (f) => deleteField(f, id) }),
  });

  // --- Eligibility rules ---------------------------------------------------------------------------
  function rulePage(
    request: FastifyRequest,
    reply: FastifyReply,
    page: { call: CallRow; form: DraftForm; w: CallsBuilderMessages },
    ruleId: string | undefined,
    state: FormState,
    status: number,
    problems?: string[],
  ) {
    if (ruleId && !page.form.eligibility.some((r) => r.id === ruleId)) throw new NotFound();
    return reply.page(
      ruleId ? page.w.ruleForm.edit(ruleId) : page.w.ruleForm.add,
      <RuleFormPage
        ctx={request.ctx}
        w={page.w}
        call={page.call}
        form={page.form}
        state={state}
        problems={problems}
        ruleId={ruleId}
      />,
      { status },
    );
  }

  async function saveRule(request: FastifyRequest, reply: FastifyReply, ruleId: string | undefined) {
    const page = await load(request);
    if (ruleId && !page.form.eligibility.some((r) => r.id === ruleId)) throw new NotFound();
    const values = submittedValues(request.body);
    const read = readRule(values, page.form, page.w, ruleId);
    if (Object.keys(read.errors).length > 0)
      return rulePage(request, reply, page, ruleId, stateOf(values, read.errors), 400);
    const formChange: FormChange = ruleId
      ? { operation: 'rule.update', apply: (f) => updateRule(f, ruleId, read.value) }
      : { operation: 'rule.add', apply: (f) => addRule(f, read.value) };
    return change(
      request,
      reply,
      page,
      formChange,
      (result) => {
        const { errors, general } = issuesToInputs(
          result.issues,
          pathOf(result.candidate, 'rule', read.value.id),
        );
        return rulePage(request, reply, page, ruleId, stateOf(values, errors), 400, general);
      },
      '#eligibilite',
    );
  }

  app.get('/admin/appels/:id/formulaire/regles/nouvelle', { config: admin }, async (request, reply) =>
    rulePage(request, reply, await load(request), undefined, emptyForm, 200),
  );
  app.post('/admin/appels/:id/formulaire/regles/nouvelle', { config: admin }, async (request, reply) =>
    saveRule(request, reply, undefined),
  );
  app.get(
    '/admin/appels/:id/formulaire/regles/:ruleId/modifier',
    { config: admin },
    async (request, reply) => {
      const { ruleId } = params(ruleParams, request);
      const page = await load(request);
      const rule = page.form.eligibility.find((r) => r.id === ruleId);
      if (!rule) throw new NotFound();
      return rulePage(request, reply, page, ruleId, stateOf(ruleValues(rule, page.form)), 200);
    },
  );
  app.post(
    '/admin/appels/:id/formulaire/regles/:ruleId/modifier',
    { config: admin },
    async (request, reply) => saveRule(request, reply, params(ruleParams, request).ruleId),
  );
  structuralRoutes(
    'regles/:ruleId',
    ruleParams,
    (p) => p.ruleId,
    { remove: (id) => ({ operation: 'rule.delete', apply: (f) => deleteRule(f, id) }) },
    '#eligibilite',
  );

  // --- Instructeurs --------------------------------------------------------------------------------
  async function instructorsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    call: CallRow,
    extra: { state?: FormState; status?: number; notice?: string; problem?: string } = {},
  ) {
    const w = words(request.ctx.locale);
    return reply.page(
      w.instructors.title(call.title),
      <InstructorsPage
        ctx={request.ctx}
        w={w}
        call={call}
        instructors={await service.instructors(call.id)}
        state={extra.state ?? emptyForm}
        notice={extra.notice}
        problem={extra.problem}
      />,
      { status: extra.status ?? 200 },
    );
  }

  app.get('/admin/appels/:id/instructeurs', { config: admin }, async (request, reply) => {
    const { call, w } = await load(request);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const notice =
      query.ajoute !== undefined
        ? w.instructors.added
        : query.retire !== undefined
          ? w.instructors.removed
          : undefined;
    return instructorsPage(request, reply, call, notice ? { notice } : {});
  });

  app.post('/admin/appels/:id/instructeurs', { config: admin }, async (request, reply) => {
    const { call, w } = await load(request);
    const values = submittedValues(request.body);
    const email = z.email().safeParse(typeof values.email === 'string' ? values.email.trim() : '');
    if (!email.success)
      return instructorsPage(request, reply, call, {
        state: stateOf(values, { email: w.instructors.errors.email }),
        status: 400,
      });
    const refusal = await service.addInstructor(call.id, email.data, actorOf(request), contextOf(request));
    if (refusal === 'unknown')
      return instructorsPage(request, reply, call, {
        state: stateOf(values, { email: w.instructors.errors.unknown }),
        status: 400,
      });
    if (refusal === 'already')
      return instructorsPage(request, reply, call, {
        state: stateOf(values, { email: w.instructors.errors.already }),
        status: 409,
      });
    return reply.redirect(`/admin/appels/${call.id}/instructeurs?ajoute=1`, 303);
  });

  app.post(
    '/admin/appels/:id/instructeurs/:assignmentId/retrait',
    { config: admin },
    async (request, reply) => {
      const { assignmentId } = params(assignmentParams, request);
      const { call, w } = await load(request);
      try {
        await service.removeInstructor(call.id, assignmentId, actorOf(request), contextOf(request));
      } catch (error) {
        if (error instanceof NotFound)
          return instructorsPage(request, reply, call, { status: 404, problem: w.instructors.errors.gone });
        throw error;
      }
      return reply.redirect(`/admin/appels/${call.id}/instructeurs?retire=1`, 303);
    },
  );
}
