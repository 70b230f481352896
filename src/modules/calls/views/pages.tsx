import type { RequestContext } from '../../../platform/http/context.js';
import type { FormState } from '../../../platform/http/forms.js';
import { formatDateTime } from '../../../platform/i18n/index.js';
import {
  Alert,
  Badge,
  Breadcrumb,
  ErrorSummary,
  Input,
  Select,
  Table,
  Textarea,
} from '../../../platform/views/components/index.js';
import type { CallsMessages } from '../calls.fr.js';
import type { CallRow } from '../calls.queries.js';
import type { CallState } from '../calls.service.js';
import { CALL_KINDS } from '../calls.tables.js';

interface PageProps {
  ctx: RequestContext;
  w: CallsMessages;
}

function Csrf({ ctx }: { ctx: RequestContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

function value(state: FormState, key: string): string | undefined {
  const v = state.values[key];
  return typeof v === 'string' ? v : undefined;
}

/** Paragraphs of a plain text: separated by blank lines, single line breaks kept. */
function Paragraphs({ text }: { text: string }) {
  const paragraphs = text.split(/\n\s*\n/).filter((p) => p.trim() !== '');
  return (
    <>
      {paragraphs.map((p) => (
        <p class="fi-pre-line" safe>
          {p.trim()}
        </p>
      ))}
    </>
  );
}

function timeline(call: CallRow, ctx: RequestContext, w: CallsMessages): string[] {
  if (!call.opens_at) return [w.noDate];
  const lines = [w.opens(formatDateTime(call.opens_at, ctx.locale))];
  lines.push(call.closes_at ? w.closes(formatDateTime(call.closes_at, ctx.locale)) : w.permanent);
  return lines;
}

const STATE_BADGE = { open: 'success', coming: 'info', closed: 'warning' } as const;

export interface CallsListPageProps extends PageProps {
  groups: Record<CallState, CallRow[]>;
}

/** GET /appels: the published calls, open, upcoming and closed. */
export function CallsListPage({ ctx, w, groups }: CallsListPageProps) {
  return (
    <>
      <Breadcrumb items={[{ label: w.home, href: '/' }]} current={w.title} labels={ctx.m.components} />
      <h1 safe>{w.title}</h1>
      <p class="fr-text--lead" safe>
        {w.lead}
      </p>
      {(['open', 'coming', 'closed'] as const).map((state) => (
        <section class="fr-mt-4w" id={`appels-${state}`} aria-labelledby={`appels-${state}-titre`}>
          <h2 id={`appels-${state}-titre`} safe>
            {w.groups[state]}
          </h2>
          {groups[state].length === 0 ? (
            <p safe>{w.emptyGroup}</p>
          ) : (
            <ul class="fr-raw-list">
              {groups[state].map((call) => (
                <li class="fr-mb-3w">
                  <h3 class="fr-h5 fr-mb-1w">
                    <a href={`/appels/${call.slug}`} safe>
                      {call.title}
                    </a>
                  </h3>
                  <Badge label={w.states[state]} type={STATE_BADGE[state]} size="sm" />
                  <p class="fr-mb-1w" safe>
                    {w.kinds[call.kind]}
                  </p>
                  {call.summary ? <p safe>{call.summary}</p> : ''}
                  <p class="fr-text--sm" safe>
                    {timeline(call, ctx, w).join(' — ')}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}

export interface CallPageProps extends PageProps {
  call: CallRow;
  state: CallState;
  /** The administration's preview: a notice, the actions, and the forms' state. */
  admin?: { form: FormState; problem?: string | undefined; notice?: string | undefined } | undefined;
  /** Sections other modules add to the public page (calls.page.ts), e.g. « Candidater ». */
  sections?: JSX.Element[] | undefined;
}

/** GET /appels/:slug and its preview GET /admin/appels/:id/apercu. */
export function CallPage({ ctx, w, call, state, admin, sections }: CallPageProps) {
  const items = admin
    ? [
        { label: w.home, href: '/' },
        { label: w.admin, href: '/admin' },
        { label: w.manage.title, href: '/admin/appels' },
      ]
    : [
        { label: w.home, href: '/' },
        { label: w.title, href: '/appels' },
      ];
  return (
    <>
      <Breadcrumb items={items} current={call.title} labels={ctx.m.components} />
      {admin ? <ErrorSummary errors={admin.form.summary} labels={ctx.m.components} /> : ''}
      {admin?.problem ? <Alert type="error" size="sm" description={admin.problem} /> : ''}
      {admin?.notice ? <Alert type="success" size="sm" description={admin.notice} /> : ''}
      {admin && call.status === 'draft' ? <Alert type="info" size="sm" description={w.preview} /> : ''}
      <h1 safe>{call.title}</h1>
      <p class="fr-mb-1w" safe>
        {w.kinds[call.kind]}
      </p>
      {call.status === 'draft' ? (
        <Badge label={w.statuses.draft} type="new" />
      ) : (
        <Badge label={w.states[state]} type={STATE_BADGE[state]} />
      )}
      {call.summary ? (
        <p class="fr-text--lead fr-mt-2w" safe>
          {call.summary}
        </p>
      ) : (
        ''
      )}
      {call.status === 'closed_early' ? (
        <Alert type="warning" title={w.closedEarly} description={call.closed_message ?? ''} />
      ) : (
        ''
      )}
      <section class="fr-mt-4w" aria-labelledby="calendrier">
        <h2 id="calendrier" safe>
          {w.timeline}
        </h2>
        <ul>
          {timeline(call, ctx, w).map((line) => (
            <li safe>{line}</li>
          ))}
        </ul>
      </section>
      {call.presentation ? (
        <section class="fr-mt-4w" aria-labelledby="presentation">
          <h2 id="presentation" safe>
            {w.presentation}
          </h2>
          <Paragraphs text={call.presentation} />
        </section>
      ) : (
        ''
      )}
      {call.eligibility ? (
        <section class="fr-mt-4w" aria-labelledby="eligibilite">
          <h2 id="eligibilite" safe>
            {w.eligibility}
          </h2>
          <Paragraphs text={call.eligibility} />
        </section>
      ) : (
        ''
      )}
      {admin ? '' : (sections ?? [])}
      {admin ? <AdminActions ctx={ctx} w={w} call={call} form={admin.form} /> : ''}
    </>
  );
}

function AdminActions({ ctx, w, call, form }: PageProps & { call: CallRow; form: FormState }) {
  return (
    <section class="fr-mt-6w fr-p-3w fr-background-alt--grey" aria-label={w.manage.colActions}>
      <ul class="fr-btns-group fr-btns-group--inline-md">
        {call.status !== 'closed_early' ? (
          <li>
            <a class="fr-btn fr-btn--secondary" href={`/admin/appels/${call.id}/modifier`} safe>
              {w.manage.edit}
            </a>
          </li>
        ) : (
          ''
        )}
        <li>
          <a class="fr-btn fr-btn--secondary" href={`/admin/appels/${call.id}/formulaire`} safe>
            {w.manage.builder}
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href={`/admin/appels/${call.id}/instructeurs`} safe>
            {w.manage.instructors}
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href={`/admin/appels/${call.id}/selection`} safe>
            {w.manage.selection}
          </a>
        </li>
        {call.status !== 'draft' ? (
          <li>
            <a class="fr-btn fr-btn--tertiary" href={`/appels/${call.slug}`} safe>
              {w.manage.publicPage}
            </a>
          </li>
        ) : (
          ''
        )}
      </ul>
      {call.status === 'draft' ? (
        <form method="post" action={`/admin/appels/${call.id}/publication`}>
          <Csrf ctx={ctx} />
          <button type="submit" class="fr-btn" safe>
            {w.manage.publish}
          </button>
        </form>
      ) : (
        ''
      )}
      {call.status === 'published' ? (
        <form method="post" action={`/admin/appels/${call.id}/cloture`} novalidate>
          <Csrf ctx={ctx} />
          <Textarea
            name="closed_message"
            label={w.manage.closeMessage}
            hint={w.manage.closeMessageHint}
            value={value(form, 'closed_message')}
            error={form.errors.closed_message}
            required
            labels={ctx.m.components}
          />
          <button type="submit" class="fr-btn fr-btn--secondary" safe>
            {w.manage.close}
          </button>
        </form>
      ) : (
        ''
      )}
      {call.status === 'closed_early' ? (
        <form method="post" action={`/admin/appels/${call.id}/reouverture`}>
          <Csrf ctx={ctx} />
          <button type="submit" class="fr-btn" safe>
            {w.manage.reopen}
          </button>
        </form>
      ) : (
        ''
      )}
    </section>
  );
}

export interface AdminCallsPageProps extends PageProps {
  calls: CallRow[];
}

/** GET /admin/appels: every call with its status. */
export function AdminCallsPage({ ctx, w, calls }: AdminCallsPageProps) {
  return (
    <>
      <Breadcrumb
        items={[
          { label: w.home, href: '/' },
          { label: w.admin, href: '/admin' },
        ]}
        current={w.manage.title}
        labels={ctx.m.components}
      />
      <h1 safe>{w.manage.title}</h1>
      <p>
        <a class="fr-btn fr-icon-add-line fr-btn--icon-left" href="/admin/appels/nouveau" safe>
          {w.manage.create}
        </a>
      </p>
      <Table
        caption={w.manage.caption}
        emptyText={w.manage.empty}
        rows={calls}
        columns={[
          {
            header: w.manage.colTitle,
            rowHeader: true,
            render: (call) => (
              <a href={`/admin/appels/${call.id}/apercu`} safe>
                {call.title}
              </a>
            ),
          },
          { header: w.manage.colKind, value: (call) => w.kinds[call.kind] },
          { header: w.manage.colStatus, value: (call) => w.statuses[call.status] },
          { header: w.manage.colDates, value: (call) => timeline(call, ctx, w).join(' — ') },
        ]}
      />
    </>
  );
}

export interface CallFormPageProps extends PageProps {
  /** The call being edited, or undefined for a new one. */
  call?: CallRow | undefined;
  state: FormState;
  problem?: string | undefined;
}

/** GET/POST /admin/appels/nouveau and /admin/appels/:id/modifier. */
export function CallFormPage({ ctx, w, call, state, problem }: CallFormPageProps) {
  const f = w.fields;
  const labels = ctx.m.components;
  const title = call ? w.manage.editTitle(call.title) : w.manage.createTitle;
  const field = (name: string) => ({ name, value: value(state, name), error: state.errors[name], labels });
  return (
    <>
      <Breadcrumb
        items={[
          { label: w.home, href: '/' },
          { label: w.admin, href: '/admin' },
          { label: w.manage.title, href: '/admin/appels' },
        ]}
        current={title}
        labels={labels}
      />
      <h1 safe>{title}</h1>
      <ErrorSummary errors={state.summary} labels={labels} />
      {problem ? <Alert type="error" size="sm" description={problem} /> : ''}
      <form
        method="post"
        action={call ? `/admin/appels/${call.id}/modifier` : '/admin/appels/nouveau'}
        novalidate
      >
        <Csrf ctx={ctx} />
        <Input {...field('title')} label={f.title} maxlength={200} required />
        <Input {...field('slug')} label={f.slug} hint={f.slugHint} spellcheck={false} required />
        <Select
          {...field('kind')}
          label={f.kind}
          options={CALL_KINDS.map((kind) => ({ value: kind, label: w.kinds[kind] }))}
          required
        />
        <Textarea {...field('summary')} label={f.summary} hint={f.summaryHint} />
        <Textarea {...field('presentation')} label={f.presentation} hint={f.presentationHint} />
        <Textarea {...field('eligibility')} label={f.eligibility} hint={f.presentationHint} />
        <div class="fr-grid-row fr-grid-row--gutters">
          <div class="fr-col-12 fr-col-md-6">
            <Input {...field('opens_date')} type="date" label={f.opensDate} hint={f.dateHint} />
          </div>
          <div class="fr-col-12 fr-col-md-6">
            <Input {...field('opens_time')} type="time" label={f.opensTime} hint={f.timeHint} />
          </div>
          <div class="fr-col-12 fr-col-md-6">
            <Input {...field('closes_date')} type="date" label={f.closesDate} hint={f.closesDateHint} />
          </div>
          <div class="fr-col-12 fr-col-md-6">
            <Input {...field('closes_time')} type="time" label={f.closesTime} hint={f.timeHint} />
          </div>
        </div>
        <button type="submit" class="fr-btn" safe>
          {w.manage.save}
        </button>
      </form>
    </>
  );
}
