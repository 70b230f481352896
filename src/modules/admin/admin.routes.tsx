import type { FastifyInstance, FastifyRequest } from 'fastify';
import { administrator, type Role } from '../../platform/access/index.js';
import type { AuditChainReport } from '../../platform/audit/index.js';
import type { Db } from '../../platform/db/index.js';
import { Conflict, NotFound } from '../../platform/http/errors.js';
import {
  emptyForm,
  type FormState,
  parseForm,
  stateFromErrors,
  submittedValues,
} from '../../platform/http/forms.js';
import { localised } from '../../platform/i18n/index.js';
import { type RoleActor, roleWords } from '../accounts/index.js';
import { adminEn } from './admin.en.js';
import { type AdminMessages, adminFr } from './admin.fr.js';
import { assignmentParams, grantForm, journalQuery, rolesQuery } from './admin.schemas.js';
import { type AdminContext, createAdminService, type GrantRefusal } from './admin.service.js';
import { AdminHomePage, JournalPage, RolesPage } from './views/pages.js';

const words = localised({ fr: adminFr, en: adminEn });

export interface AdminRoutesOptions {
  db: Db;
}

/** The signed-in administrator, as the audit trail names them. */
function actorOf(request: FastifyRequest): RoleActor {
  if (!request.user) throw new Error('administrator route reached without a user');
  return { id: request.user.id, label: request.user.email };
}

function contextOf(request: FastifyRequest): AdminContext {
  return { ip: request.ip ?? null, requestId: request.id ?? null };
}

function refusalMessage(w: AdminMessages, refusal: GrantRefusal): string {
  return w.errors[refusal.problem];
}

const config = { access: administrator };

/** The administration pages: roles of accounts and the audit trail. Administrators only (second factor). */
export async function adminRoutes(app: FastifyInstance, options: AdminRoutesOptions) {
  const service = createAdminService(options.db);

  app.get('/admin', { config }, async (request, reply) => {
    const w = words(request.ctx.locale);
    return reply.page(w.title, <AdminHomePage ctx={request.ctx} w={w} />);
  });

  // --- Roles -----------------------------------------------------------------------------------
  async function rolesPage(
    request: FastifyRequest,
    state: FormState,
    extra: { status?: number; notice?: 'granted' | 'revoked'; problem?: string } = {},
  ) {
    const w = words(request.ctx.locale);
    const parsed = rolesQuery(w).safeParse(request.query ?? {});
    const filter: { email?: string | undefined; role?: Role | undefined; page: number } = parsed.success
      ? parsed.data
      : { page: 1 };
    const list = await service.listRoles(filter);
    return {
      title: w.roles.title,
      body: (
        <RolesPage
          ctx={request.ctx}
          w={w}
          r={roleWords(request.ctx.locale)}
          list={list}
          filter={filter}
          state={state}
          notice={extra.notice}
          problem={extra.problem}
        />
      ),
      status: extra.status ?? 200,
    };
  }

  app.get('/admin/roles', { config }, async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const notice =
      query.attribue !== undefined ? 'granted' : query.retire !== undefined ? 'revoked' : undefined;
    const page = await rolesPage(request, emptyForm, notice ? { notice } : {});
    return reply.page(page.title, page.body, { status: page.status });
  });

  app.post('/admin/roles', { config }, async (request, reply) => {
    const w = words(request.ctx.locale);
    const parsed = parseForm(grantForm(w, roleWords(request.ctx.locale).scopes), request.body);
    let state: FormState;
    let status = 400;
    if (parsed.ok) {
      const refusal = await service.grant(parsed.data, actorOf(request), contextOf(request));
      if (!refusal) return reply.redirect('/admin/roles?attribue=1', 303);
      state = stateFromErrors(submittedValues(request.body), { [refusal.field]: refusalMessage(w, refusal) });
      if (refusal.problem === 'alreadyHeld') status = 409;
    } else {
      state = parsed.state;
    }
    const page = await rolesPage(request, state, { status });
    return reply.page(page.title, page.body, { status: page.status });
  });

  app.post('/admin/roles/:id/retrait', { config }, async (request, reply) => {
    const params = assignmentParams.safeParse(request.params);
    if (!params.success) throw new NotFound();
    const w = words(request.ctx.locale);
    try {
      const { ownAdministrator } = await service.revoke(params.data.id, actorOf(request), contextOf(request));
      // Without the administrator role, the administration pages are closed to this user now.
      return reply.redirect(ownAdministrator ? '/compte' : '/admin/roles?retire=1', 303);
    } catch (error) {
      if (!(error instanceof Conflict)) throw error;
      const page = await rolesPage(request, emptyForm, {
        status: 409,
        problem: w.errors.lastAdministrator,
      });
      return reply.page(page.title, page.body, { status: page.status });
    }
  });

  // --- Audit trail -----------------------------------------------------------------------------
  async function journalPage(request: FastifyRequest, report?: AuditChainReport) {
    const w = words(request.ctx.locale);
    const raw = (request.query ?? {}) as Record<string, unknown>;
    const values = submittedValues(raw);
    delete values.avant;
    const parsed = parseForm(journalQuery(w), raw);
    if (!parsed.ok) {
      return {
        title: w.journal.title,
        status: 400,
        body: (
          <JournalPage
            ctx={request.ctx}
            w={w}
            state={parsed.state}
            events={[]}
            olderHref={null}
            newestHref={null}
            report={report}
          />
        ),
      };
    }
    const result = await service.searchJournal(parsed.data);
    const link = (before: string | null) => {
      const params = new URLSearchParams();
      for (const [key, v] of Object.entries(values)) if (typeof v === 'string' && v) params.set(key, v);
      if (before) params.set('avant', before);
      const text = params.toString();
      return `/admin/journal${text ? `?${text}` : ''}#evenements`;
    };
    return {
      title: w.journal.title,
      status: 200,
      body: (
        <JournalPage
          ctx={request.ctx}
          w={w}
          state={{ values, errors: {}, summary: [] }}
          events={result.events}
          olderHref={result.nextBefore ? link(result.nextBefore) : null}
          newestHref={parsed.data.avant ? link(null) : null}
          report={report}
        />
      ),
    };
  }

  app.get('/admin/journal', { config }, async (request, reply) => {
    const page = await journalPage(request);
    return reply.page(page.title, page.body, { status: page.status });
  });

  // Runs the check and shows its result on the journal page (no state change: nothing to redirect to).
  app.post('/admin/journal/verification', { config }, async (request, reply) => {
    const report = await service.verifyJournal();
    const page = await journalPage(request, report);
    return reply.page(page.title, page.body, { status: page.status });
  });
}
