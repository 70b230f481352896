import Html from '@kitajs/html';
import { type Role, SCOPE_TYPES } from '../../../platform/access/index.js';
import type { AuditChainReport, AuditEventRow } from '../../../platform/audit/index.js';
import type { RequestContext } from '../../../platform/http/context.js';
import type { FormState } from '../../../platform/http/forms.js';
import { formatDateTime, formatNumber } from '../../../platform/i18n/index.js';
import {
  Alert,
  Breadcrumb,
  Button,
  ErrorSummary,
  Input,
  Pagination,
  Select,
  Table,
  Tile,
} from '../../../platform/views/components/index.js';
import type { RoleAssignmentView, roleWords } from '../../accounts/index.js';
import type { AdminMessages } from '../admin.fr.js';
import { GRANTABLE_ROLES } from '../admin.schemas.js';

type RoleWords = ReturnType<typeof roleWords>;

interface PageProps {
  ctx: RequestContext;
  w: AdminMessages;
}

function value(state: FormState, key: string): string | undefined {
  const v = state.values[key];
  return typeof v === 'string' ? v : undefined;
}

function Csrf({ ctx }: { ctx: RequestContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

/** Breadcrumb and title of an administration page. */
function Frame({
  ctx,
  w,
  title,
  children,
}: PageProps & { title?: string; children: JSX.Element | JSX.Element[] }) {
  const labels = ctx.m.components;
  const items = [{ label: w.home, href: '/' }];
  if (title) items.push({ label: w.title, href: '/admin' });
  return (
    <>
      <Breadcrumb items={items} current={title ?? w.title} labels={labels} />
      <h1 safe>{title ?? w.title}</h1>
      {children as 'safe'}
    </>
  );
}

export function AdminHomePage({ ctx, w }: PageProps) {
  return (
    <Frame ctx={ctx} w={w}>
      <p class="fr-text--lead" safe>
        {w.lead}
      </p>
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-6">
          <Tile title={w.menu.roles} description={w.menu.rolesText} href="/admin/roles" headingLevel={2} />
        </div>
        <div class="fr-col-12 fr-col-md-6">
          <Tile
            title={w.menu.journal}
            description={w.menu.journalText}
            href="/admin/journal"
            headingLevel={2}
          />
        </div>
        <div class="fr-col-12 fr-col-md-6">
          <Tile
            title={w.menu.claims}
            description={w.menu.claimsText}
            href="/admin/revendications"
            headingLevel={2}
          />
        </div>
        <div class="fr-col-12 fr-col-md-6">
          <Tile title={w.menu.calls} description={w.menu.callsText} href="/admin/appels" headingLevel={2} />
        </div>
        <div class="fr-col-12 fr-col-md-6">
          <Tile
            title={w.menu.instruction}
            description={w.menu.instructionText}
            href="/instruction"
            headingLevel={2}
          />
        </div>
      </div>
    </Frame>
  );
}

/** « Instructeur — appel : appel-1 », « Administrateur — toute la plateforme ». */
function scopeText(view: RoleAssignmentView, r: RoleWords, w: AdminMessages): string {
  const scope = view.grant.scope;
  return scope ? `${r.scopes[scope.type]} : ${scope.id}` : w.roles.global;
}

export interface RolesPageProps extends PageProps {
  r: RoleWords;
  list: { rows: RoleAssignmentView[]; total: number; pages: number; page: number };
  filter: { email?: string | undefined; role?: Role | undefined };
  state: FormState;
  notice?: 'granted' | 'revoked' | undefined;
  /** A refusal to show above the list (the last administrator cannot be removed). */
  problem?: string | undefined;
}

export function RolesPage({ ctx, w, r, list, filter, state, notice, problem }: RolesPageProps) {
  const labels = ctx.m.components;
  const roleOptions = GRANTABLE_ROLES.map((role) => ({ value: role, label: r.names[role] }));
  const query = (page: number) => {
    const params = new URLSearchParams();
    if (filter.email) params.set('email', filter.email);
    if (filter.role) params.set('role', filter.role);
    if (page > 1) params.set('page', String(page));
    const text = params.toString();
    return `/admin/roles${text ? `?${text}` : ''}`;
  };
  return (
    <Frame ctx={ctx} w={w} title={w.roles.title}>
      {notice ? (
        <Alert
          type="success"
          size="sm"
          role="status"
          description={notice === 'granted' ? w.roles.granted_ : w.roles.revoked}
        />
      ) : (
        ''
      )}
      {problem ? <Alert type="error" size="sm" role="alert" description={problem} /> : ''}
      <ErrorSummary errors={state.summary} labels={labels} />

      <section class="fr-mt-4w" aria-labelledby="attribuer-titre">
        <h2 id="attribuer-titre" safe>
          {w.roles.grantTitle}
        </h2>
        <p safe>{w.roles.grantLead}</p>
        <form method="post" action="/admin/roles" novalidate>
          <Csrf ctx={ctx} />
          <Input
            name="email"
            type="email"
            label={w.roles.fieldEmail}
            autocomplete="off"
            spellcheck={false}
            value={value(state, 'email')}
            error={state.errors.email}
            required
            labels={labels}
          />
          <Select
            name="role"
            label={w.roles.fieldRole}
            options={roleOptions}
            value={value(state, 'role')}
            error={state.errors.role}
            required
            labels={labels}
          />
          <Select
            name="scope_type"
            label={w.roles.fieldScopeType}
            hint={w.roles.fieldScopeTypeHint}
            options={SCOPE_TYPES.map((type) => ({ value: type, label: r.scopes[type] }))}
            placeholder={w.roles.noScope}
            value={value(state, 'scope_type')}
            error={state.errors.scope_type}
            labels={labels}
          />
          <Input
            name="scope_id"
            label={w.roles.fieldScopeId}
            hint={w.roles.fieldScopeIdHint}
            autocomplete="off"
            spellcheck={false}
            value={value(state, 'scope_id')}
            error={state.errors.scope_id}
            labels={labels}
          />
          <Button type="submit" label={w.roles.grant} />
        </form>
      </section>

      <section class="fr-mt-6w" aria-labelledby="liste-titre">
        <h2 id="liste-titre" safe>
          {w.roles.caption}
        </h2>
        <form method="get" action="/admin/roles" class="fr-mb-3w" aria-label={w.roles.filterTitle}>
          <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
            <div class="fr-col-12 fr-col-md-5">
              <Input
                name="email"
                id="filtre-email"
                label={w.roles.filterEmail}
                autocomplete="off"
                value={filter.email ?? ''}
                labels={labels}
              />
            </div>
            <div class="fr-col-12 fr-col-md-4">
              <Select
                name="role"
                id="filtre-role"
                label={w.roles.filterRole}
                options={roleOptions}
                placeholder={w.roles.allRoles}
                value={filter.role ?? ''}
                labels={labels}
              />
            </div>
            <div class="fr-col-12 fr-col-md-3">
              <Button type="submit" kind="secondary" label={w.roles.filter} />
            </div>
          </div>
        </form>
        <p role="status" safe>
          {w.roles.count(list.total)}
        </p>
        <Table
          caption={w.roles.caption}
          captionPosition="hidden"
          emptyText={w.roles.empty}
          rows={list.rows}
          columns={[
            { header: w.roles.account, value: (row) => row.name, rowHeader: true },
            { header: w.roles.email, value: (row) => row.email },
            { header: w.roles.role, value: (row) => r.names[row.grant.role] },
            { header: w.roles.scope, value: (row) => scopeText(row, r, w) },
            {
              header: w.roles.granted,
              value: (row) => w.roles.grantedBy(formatDateTime(row.grantedAt, ctx.locale), row.grantedBy),
            },
            {
              header: w.roles.action,
              render: (row) => (
                <form method="post" action={`/admin/roles/${row.id}/retrait`}>
                  <Csrf ctx={ctx} />
                  <button
                    type="submit"
                    class="fr-btn fr-btn--sm fr-btn--tertiary"
                    aria-label={w.roles.revokeTitle(r.names[row.grant.role], row.email)}
                  >
                    {Html.escapeHtml(w.roles.revoke)}
                  </button>
                </form>
              ),
            },
          ]}
        />
        <Pagination
          current={list.page}
          total={list.pages}
          href={query}
          ariaLabel={w.roles.pagination}
          labels={labels}
        />
      </section>
    </Frame>
  );
}

/** The summary as short, escaped JSON. */
function shortJson(summary: unknown): string {
  const text = JSON.stringify(summary);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

export interface JournalPageProps extends PageProps {
  state: FormState;
  events: AuditEventRow[];
  /** Link to the older page, or null on the last one. */
  olderHref: string | null;
  /** Link to the newest page, when this is not it. */
  newestHref: string | null;
  report?: AuditChainReport | undefined;
}

export function JournalPage({ ctx, w, state, events, olderHref, newestHref, report }: JournalPageProps) {
  const labels = ctx.m.components;
  const j = w.journal;
  return (
    <Frame ctx={ctx} w={w} title={j.title}>
      <p class="fr-text--lead" safe>
        {j.lead}
      </p>
      <section class="fr-mb-6w" aria-labelledby="verification-titre">
        <h2 id="verification-titre" safe>
          {j.verifyTitle}
        </h2>
        <p safe>{j.verifyLead}</p>
        {report ? (
          report.ok ? (
            <Alert
              type="success"
              role="status"
              size="sm"
              description={j.intact(formatNumber(report.count, ctx.locale))}
            />
          ) : (
            <Alert type="error" role="alert" title={j.broken} headingLevel={3}>
              <p safe>{report.detail}</p>
              {report.firstBadId ? <p safe>{j.brokenAt(report.firstBadId)}</p> : ''}
            </Alert>
          )
        ) : (
          ''
        )}
        <form method="post" action="/admin/journal/verification" class="fr-mt-2w">
          <Csrf ctx={ctx} />
          <Button type="submit" kind="secondary" label={j.verify} />
        </form>
      </section>

      <section aria-labelledby="recherche-titre">
        <h2 id="recherche-titre" safe>
          {j.filterTitle}
        </h2>
        <ErrorSummary errors={state.summary} labels={labels} />
        <form method="get" action="/admin/journal" novalidate>
          <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-12 fr-col-md-6">
              <Input
                name="action"
                label={j.action}
                hint={j.actionHint}
                autocomplete="off"
                spellcheck={false}
                value={value(state, 'action')}
                error={state.errors.action}
                labels={labels}
              />
            </div>
            <div class="fr-col-12 fr-col-md-6">
              <Input
                name="auteur"
                label={j.actor}
                hint={j.actorHint}
                autocomplete="off"
                spellcheck={false}
                value={value(state, 'auteur')}
                error={state.errors.auteur}
                labels={labels}
              />
            </div>
            <div class="fr-col-12 fr-col-md-6">
              <Input
                name="type"
                label={j.objectType}
                hint={j.objectTypeHint}
                autocomplete="off"
                spellcheck={false}
                value={value(state, 'type')}
                error={state.errors.type}
                labels={labels}
              />
            </div>
            <div class="fr-col-12 fr-col-md-6">
              <Input
                name="objet"
                label={j.objectId}
                autocomplete="off"
                spellcheck={false}
                value={value(state, 'objet')}
                error={state.errors.objet}
                labels={labels}
              />
            </div>
            <div class="fr-col-12 fr-col-md-6">
              <Input
                name="du"
                type="date"
                label={j.from}
                hint={j.datesHint}
                value={value(state, 'du')}
                error={state.errors.du}
                labels={labels}
              />
            </div>
            <div class="fr-col-12 fr-col-md-6">
              <Input
                name="au"
                type="date"
                label={j.to}
                hint={j.datesHint}
                value={value(state, 'au')}
                error={state.errors.au}
                labels={labels}
              />
            </div>
          </div>
          <Button type="submit" label={j.search} class="fr-mt-2w" />
        </form>

        <Table
          id="evenements"
          caption={j.caption}
          emptyText={j.empty}
          rows={events}
          size="sm"
          columns={[
            { header: j.time, value: (e) => formatDateTime(e.occurred_at, ctx.locale) },
            { header: j.event, render: (e) => <code safe>{e.action}</code> },
            { header: j.who, value: (e) => e.actor_label ?? j.nobody },
            {
              header: j.object,
              value: (e) => (e.object_id ? `${e.object_type} : ${e.object_id}` : e.object_type),
            },
            { header: j.ip, value: (e) => e.ip },
            { header: j.summary, render: (e) => <code safe>{shortJson(e.summary)}</code> },
          ]}
        />
        {olderHref || newestHref ? (
          <nav class="fr-pagination" aria-label={j.pagination}>
            <ul class="fr-pagination__list">
              <li>
                {newestHref ? (
                  <a class="fr-pagination__link fr-pagination__link--first" href={newestHref} safe>
                    {j.newest}
                  </a>
                ) : (
                  // biome-ignore lint/a11y/useValidAnchor: DSFR's disabled pagination link is an <a> without href
                  <a
                    class="fr-pagination__link fr-pagination__link--first"
                    role="link"
                    aria-disabled="true"
                    safe
                  >
                    {j.newest}
                  </a>
                )}
              </li>
              <li>
                {olderHref ? (
                  <a
                    class="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label"
                    href={olderHref}
                    safe
                  >
                    {j.older}
                  </a>
                ) : (
                  // biome-ignore lint/a11y/useValidAnchor: DSFR's disabled pagination link is an <a> without href
                  <a
                    class="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label"
                    role="link"
                    aria-disabled="true"
                    safe
                  >
                    {j.older}
                  </a>
                )}
              </li>
            </ul>
          </nav>
        ) : (
          ''
        )}
      </section>
    </Frame>
  );
}
