import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { publicAccess } from '../../platform/access/index.js';
import type { Db } from '../../platform/db/index.js';
import { Conflict, NotFound, Validation } from '../../platform/http/errors.js';
import {
  emptyForm,
  type FormState,
  parseForm,
  stateFromErrors,
  submittedValues,
} from '../../platform/http/forms.js';
import { localised } from '../../platform/i18n/index.js';
import { callsBuilderRoutes } from './calls.builder.routes.js';
import { callsEn } from './calls.en.js';
import { type CallsMessages, callsFr } from './calls.fr.js';
import { renderCallPageSections } from './calls.page.js';
import { callsManager, canSeeDraftCall } from './calls.permissions.js';
import type { CallRow } from './calls.queries.js';
import { callForm, callIdParams, callSlugParams, closeForm, utcToParisFields } from './calls.schemas.js';
import {
  type CallActor,
  type CallContext,
  type CallState,
  callState,
  createCallsService,
} from './calls.service.js';
import { AdminCallsPage, CallFormPage, CallPage, CallsListPage } from './views/pages.js';

const words = localised({ fr: callsFr, en: callsEn });

export interface CallsRoutesOptions {
  db: Db;
}

function actorOf(request: FastifyRequest): CallActor {
  if (!request.user) throw new Error('calls administration reached without a user');
  return { id: request.user.id, label: request.user.email };
}

function contextOf(request: FastifyRequest): CallContext {
  return { ip: request.ip ?? null, requestId: request.id ?? null };
}

/** The form's values for an existing call (Paris date and time fields). */
function valuesOf(call: CallRow): FormState {
  const opens = utcToParisFields(call.opens_at);
  const closes = utcToParisFields(call.closes_at);
  return {
    ...emptyForm,
    values: {
      slug: call.slug,
      kind: call.kind,
      title: call.title,
      summary: call.summary,
      presentation: call.presentation,
      eligibility: call.eligibility,
      opens_date: opens.date,
      opens_time: opens.time,
      closes_date: closes.date,
      closes_time: closes.time,
    },
  };
}

const admin = { access: callsManager };
const NOTICES = { enregistre: 'saved', publie: 'published', clos: 'closed', rouvert: 'reopened' } as const;

/** Calls: the public list and pages, and their administration (administrators with a second factor). */
export async function callsRoutes(app: FastifyInstance, options: CallsRoutesOptions) {
  const service = createCallsService(options.db);

  async function callById(request: FastifyRequest): Promise<CallRow> {
    const params = callIdParams.safeParse(request.params);
    if (!params.success) throw new NotFound();
    const call = await service.byId(params.data.id);
    if (!call) throw new NotFound();
    return call;
  }

  // --- Public pages ----------------------------------------------------------------------------
  app.get('/appels', { config: { access: publicAccess } }, async (request, reply) => {
    const w = words(request.ctx.locale);
    const now = new Date();
    const groups: Record<CallState, CallRow[]> = { open: [], coming: [], closed: [] };
    for (const call of await service.listPublic()) groups[callState(call, now)].push(call);
    groups.closed.reverse();
    return reply.page(w.title, <CallsListPage ctx={request.ctx} w={w} groups={groups} />);
  });

  app.get('/appels/:slug', { config: { access: publicAccess } }, async (request, reply) => {
    const params = callSlugParams.safeParse(request.params);
    if (!params.success) throw new NotFound();
    const call = await service.bySlug(params.data.slug);
    if (!call || (call.status === 'draft' && !canSeeDraftCall(request.principal))) throw new NotFound();
    const w = words(request.ctx.locale);
    const state = callState(call, new Date());
    const sections = await renderCallPageSections({ call, state, request, db: options.db });
    return reply.page(
      call.title,
      <CallPage ctx={request.ctx} w={w} call={call} state={state} sections={sections} />,
    );
  });

  // --- Administration --------------------------------------------------------------------------
  app.get('/admin/appels', { config: admin }, async (request, reply) => {
    const w = words(request.ctx.locale);
    const calls = await service.listAll();
    return reply.page(w.manage.title, <AdminCallsPage ctx={request.ctx} w={w} calls={calls} />);
  });

  function formPage(
    request: FastifyRequest,
    reply: FastifyReply,
    call: CallRow | undefined,
    state: FormState,
    status: number,
    problem?: string,
  ) {
    const w = words(request.ctx.locale);
    const title = call ? w.manage.editTitle(call.title) : w.manage.createTitle;
    return reply.page(
      title,
      <CallFormPage ctx={request.ctx} w={w} call={call} state={state} problem={problem} />,
      { status },
    );
  }

  /** Saves the form (create or update); the same page again with 400 (or 409) and the values kept. */
  async function save(request: FastifyRequest, reply: FastifyReply, call: CallRow | undefined) {
    const w = words(request.ctx.locale);
    const parsed = parseForm(callForm(w), request.body);
    if (!parsed.ok) return formPage(request, reply, call, parsed.state, 400);
    try {
      let id: string;
      if (call) {
        await service.update(call.id, parsed.data, actorOf(request), contextOf(request), w);
        id = call.id;
      } else {
        id = await service.create(parsed.data, actorOf(request), contextOf(request), w);
      }
      return reply.redirect(`/admin/appels/${id}/apercu?enregistre=1`, 303);
    } catch (error) {
      const values = submittedValues(request.body);
      if (error instanceof Validation) {
        return formPage(request, reply, call, stateFromErrors(values, error.fieldErrors), 400);
      }
      if (error instanceof Conflict) {
        return formPage(request, reply, call, stateFromErrors(values, {}), 409, error.message);
      }
      throw error;
    }
  }

  app.get('/admin/appels/nouveau', { config: admin }, async (request, reply) =>
    formPage(request, reply, undefined, { ...emptyForm, values: { kind: 'projets' } }, 200),
  );
  app.post('/admin/appels/nouveau', { config: admin }, async (request, reply) =>
    save(request, reply, undefined),
  );

  app.get('/admin/appels/:id/modifier', { config: admin }, async (request, reply) => {
    const call = await callById(request);
    return formPage(request, reply, call, valuesOf(call), 200);
  });
  app.post('/admin/appels/:id/modifier', { config: admin }, async (request, reply) =>
    save(request, reply, await callById(request)),
  );

  function previewPage(
    request: FastifyRequest,
    reply: FastifyReply,
    call: CallRow,
    extra: { status?: number; form?: FormState; problem?: string; notice?: string } = {},
  ) {
    const w = words(request.ctx.locale);
    return reply.page(
      call.title,
      <CallPage
        ctx={request.ctx}
        w={w}
        call={call}
        state={callState(call, new Date())}
        admin={{ form: extra.form ?? emptyForm, problem: extra.problem, notice: extra.notice }}
      />,
      { status: extra.status ?? 200 },
    );
  }

  app.get('/admin/appels/:id/apercu', { config: admin }, async (request, reply) => {
    const call = await callById(request);
    const w = words(request.ctx.locale);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const key = (Object.keys(NOTICES) as (keyof typeof NOTICES)[]).find((k) => query[k] !== undefined);
    return previewPage(request, reply, call, key ? { notice: w.manage[NOTICES[key]] } : {});
  });

  /** Runs a state change; on refusal, the preview again with the reason (400 or 409). */
  async function change(
    request: FastifyRequest,
    reply: FastifyReply,
    notice: keyof typeof NOTICES,
    run: (call: CallRow, w: CallsMessages) => Promise<void>,
  ) {
    const call = await callById(request);
    const w = words(request.ctx.locale);
    try {
      await run(call, w);
      return reply.redirect(`/admin/appels/${call.id}/apercu?${notice}=1`, 303);
    } catch (error) {
      if (error instanceof Validation || error instanceof Conflict) {
        const status = error instanceof Validation ? 400 : 409;
        return previewPage(request, reply, call, { status, problem: error.message });
      }
      throw error;
    }
  }

  app.post('/admin/appels/:id/publication', { config: admin }, async (request, reply) =>
    change(request, reply, 'publie', (call, w) =>
      service.publish(call.id, actorOf(request), contextOf(request), w),
    ),
  );

  app.post('/admin/appels/:id/cloture', { config: admin }, async (request, reply) => {
    const call = await callById(request);
    const w = words(request.ctx.locale);
    const parsed = parseForm(closeForm(w), request.body);
    if (!parsed.ok) return previewPage(request, reply, call, { status: 400, form: parsed.state });
    return change(request, reply, 'clos', (c) =>
      service.close(c.id, parsed.data.closed_message, actorOf(request), contextOf(request), w),
    );
  });

  app.post('/admin/appels/:id/reouverture', { config: admin }, async (request, reply) =>
    change(request, reply, 'rouvert', (call, w) =>
      service.reopen(call.id, actorOf(request), contextOf(request), w),
    ),
  );

  // The form builder and the instructeurs of a call (calls.builder.routes.tsx).
  await callsBuilderRoutes(app, options);
}
