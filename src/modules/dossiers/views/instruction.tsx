import type { RequestContext } from '../../../platform/http/context.js';
import type { FormState } from '../../../platform/http/forms.js';
import { formatDateTime } from '../../../platform/i18n/index.js';
import {
  Alert,
  Badge,
  type BadgeProps,
  Breadcrumb,
  CheckboxGroup,
  ErrorSummary,
  Input,
  Pagination,
  RadioGroup,
  Select,
  Table,
  Textarea,
} from '../../../platform/views/components/index.js';
import type { FieldChange } from '../dossiers.diff.js';
import type { InstructionMessages } from '../dossiers.instruction.fr.js';
import type {
  DossierListRow,
  InstructedCallRow,
  StaffDossierRow,
  VersionRow,
} from '../dossiers.instruction.queries.js';
import { STAFF_STATUSES } from '../dossiers.instruction.schemas.js';
import { BATCH_VERBS, type CallSummary, type DossierPage } from '../dossiers.instruction.service.js';
import type { DossierStatus } from '../dossiers.tables.js';
import { AnswerSections } from './answers.js';
import { Csrf, Lines, MessageForm, MessageThread } from './instruction-messages.js';

interface PageProps {
  ctx: RequestContext;
  w: InstructionMessages;
}

const BADGE: Record<DossierStatus, BadgeProps['type']> = {
  brouillon: 'new',
  depose: 'info',
  en_instruction: 'new',
  a_corriger: 'warning',
  recevable: 'success',
  irrecevable: 'error',
  en_evaluation: 'new',
  auditionne: 'new',
  laureat: 'success',
  non_retenu: 'error',
  sans_suite: 'warning',
};

export function StatusBadge({ w, status }: { w: InstructionMessages; status: DossierStatus }) {
  return <Badge label={w.statuses[status]} type={BADGE[status]} size="sm" noIcon as="span" />;
}

function value(state: FormState, key: string): string {
  const v = state.values[key];
  return typeof v === 'string' ? v : '';
}

/** GET /instruction: the calls the signed-in person instructs, with their counts per status. */
export function InstructionHomePage({ ctx, w, calls }: PageProps & { calls: CallSummary[] }) {
  return (
    <>
      <Breadcrumb items={[{ label: w.home, href: '/' }]} current={w.title} labels={ctx.m.components} />
      <h1 safe>{w.title}</h1>
      <p class="fr-text--lead" safe>
        {w.lead}
      </p>
      <Table
        caption={w.calls.caption}
        emptyText={w.calls.empty}
        rows={calls}
        columns={[
          {
            header: w.calls.colCall,
            rowHeader: true,
            render: (c) => (
              <a href={`/instruction/appels/${c.id}`} safe>
                {c.title}
              </a>
            ),
          },
          { header: w.calls.colTotal, value: (c) => c.total, align: 'right' },
          {
            header: w.calls.colCounts,
            render: (c) =>
              c.total === 0 ? (
                <span safe>{w.calls.none}</span>
              ) : (
                <ul class="fr-raw-list">
                  {STAFF_STATUSES.filter((s) => (c.counts[s] ?? 0) > 0).map((s) => (
                    <li safe>{`${w.statuses[s]} : ${c.counts[s]}`}</li>
                  ))}
                </ul>
              ),
          },
        ]}
      />
    </>
  );
}

export interface CallDossiersPageProps extends PageProps {
  call: InstructedCallRow;
  rows: DossierListRow[];
  total: number;
  page: number;
  pages: number;
  counts: Partial<Record<DossierStatus, number>>;
  filter: { statuses: DossierStatus[]; q: string };
  notice?: string | undefined;
  batch?: FormState | undefined;
}

function listHref(callId: string, filter: { statuses: DossierStatus[]; q: string }, page: number): string {
  const params = new URLSearchParams();
  for (const s of filter.statuses) params.append('statut', s);
  if (filter.q) params.set('q', filter.q);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return `/instruction/appels/${callId}${text ? `?${text}` : ''}`;
}

/** GET /instruction/appels/:callId: the call's submitted dossiers, filters with counts, batch actions. */
export function CallDossiersPage(props: CallDossiersPageProps) {
  const { ctx, w, call, filter } = props;
  const batch = props.batch;
  const formId = 'lot';
  return (
    <>
      <Breadcrumb
        items={[
          { label: w.home, href: '/' },
          { label: w.title, href: '/instruction' },
        ]}
        current={call.title}
        labels={ctx.m.components}
      />
      {batch ? <ErrorSummary errors={batch.summary} labels={ctx.m.components} /> : ''}
      {props.notice ? <Alert type="success" size="sm" description={props.notice} /> : ''}
      <h1 safe>{call.title}</h1>
      <p>
        <a
          class="fr-link fr-icon-team-line fr-link--icon-left"
          href={`/admin/appels/${call.id}/selection`}
          safe
        >
          {w.list.selection}
        </a>
      </p>
      <form method="post" action={`/instruction/appels/${call.id}/exports`} class="fr-mb-3w">
        <Csrf ctx={ctx} />
        {filter.statuses.map((s) => (
          <input type="hidden" name="statut" value={s} />
        ))}
        <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
          <li>
            <button type="submit" name="format" value="csv" class="fr-btn fr-btn--tertiary" safe>
              {w.list.exportCsv}
            </button>
          </li>
          <li>
            <button type="submit" name="format" value="xlsx" class="fr-btn fr-btn--tertiary" safe>
              {w.list.exportXlsx}
            </button>
          </li>
        </ul>
      </form>
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-3">
          <form method="get" action={`/instruction/appels/${call.id}`} aria-label={w.list.filters}>
            <Input
              name="q"
              type="search"
              label={w.list.search}
              hint={w.list.searchHint}
              value={filter.q}
              labels={ctx.m.components}
            />
            <CheckboxGroup
              name="statut"
              label={w.list.statusLegend}
              size="sm"
              values={filter.statuses}
              options={STAFF_STATUSES.map((s) => ({
                value: s,
                label: `${w.statuses[s]} (${props.counts[s] ?? 0})`,
              }))}
              labels={ctx.m.components}
            />
            <ul class="fr-btns-group fr-btns-group--sm">
              <li>
                <button type="submit" class="fr-btn" safe>
                  {w.list.apply}
                </button>
              </li>
              <li>
                <a class="fr-btn fr-btn--tertiary" href={`/instruction/appels/${call.id}`} safe>
                  {w.list.reset}
                </a>
              </li>
            </ul>
          </form>
        </div>
        <div class="fr-col-12 fr-col-md-9">
          <form method="post" action={`/instruction/appels/${call.id}/lot`} id={formId} novalidate>
            <Csrf ctx={ctx} />
            <Table
              caption={w.list.caption(props.total)}
              emptyText={w.list.empty}
              rows={props.rows}
              size="sm"
              columns={[
                {
                  header: w.list.colSelect,
                  render: (r) => (
                    <div class="fr-checkbox-group fr-checkbox-group--sm">
                      <input type="checkbox" id={`lot-${r.id}`} name="dossiers" value={r.id} />
                      <label class="fr-label" for={`lot-${r.id}`}>
                        <span class="fr-sr-only" safe>
                          {w.list.select(r.reference)}
                        </span>
                      </label>
                    </div>
                  ),
                },
                {
                  header: w.list.colReference,
                  rowHeader: true,
                  render: (r) => (
                    <a href={`/instruction/dossiers/${r.id}`} safe>
                      {r.reference}
                    </a>
                  ),
                },
                { header: w.list.colOrganisation, value: (r) => r.organisation_name },
                { header: w.list.colTitle, value: (r) => r.title },
                { header: w.list.colStatus, render: (r) => <StatusBadge w={w} status={r.status} /> },
                {
                  header: w.list.colSubmitted,
                  value: (r) => (r.last_submitted_at ? formatDateTime(r.last_submitted_at, ctx.locale) : ''),
                },
                { header: w.list.colInstructor, value: (r) => r.instructor_name ?? w.list.noInstructor },
              ]}
            />
            <fieldset class="fr-fieldset">
              <legend class="fr-fieldset__legend" safe>
                {w.list.batchTitle}
              </legend>
              <div class="fr-fieldset__element">
                <Select
                  name="action"
                  label={w.list.batchAction}
                  value={batch ? value(batch, 'action') : ''}
                  error={batch?.errors.action}
                  options={BATCH_VERBS.map((v) => ({ value: v, label: w.batch.actions[v] }))}
                  labels={ctx.m.components}
                />
              </div>
              <div class="fr-fieldset__element">
                <button type="submit" class="fr-btn fr-btn--secondary" safe>
                  {w.list.batchSubmit}
                </button>
              </div>
            </fieldset>
          </form>
          <Pagination
            current={props.page}
            total={props.pages}
            href={(p) => listHref(call.id, filter, p)}
            labels={ctx.m.components}
          />
        </div>
      </div>
    </>
  );
}

/** Which form of the dossier page was sent, and its state (400) or the refusal (409). */
export interface DossierPageForms {
  correction?: FormState;
  admissibility?: FormState;
  message?: FormState;
  annotation?: FormState;
}

export interface StaffDossierPageProps extends PageProps {
  page: DossierPage;
  forms?: DossierPageForms;
  problem?: string | undefined;
  notice?: string | undefined;
}

function Header({ ctx, w, page }: PageProps & { page: DossierPage }) {
  const d = page.dossier;
  return (
    <dl class="fr-mb-4w">
      <dt safe>{w.dossier.reference}</dt>
      <dd safe>{d.reference}</dd>
      <dt safe>{w.dossier.status}</dt>
      <dd>
        <StatusBadge w={w} status={d.status} />
      </dd>
      <dt safe>{w.dossier.organisation}</dt>
      <dd>
        <a href={`/organisations/${d.organisation_id}`} safe>
          {d.organisation_name}
        </a>
      </dd>
      {page.partners.length > 0 ? (
        <>
          <dt safe>{w.dossier.partners}</dt>
          <dd>
            <ul>
              {page.partners.map((p) => (
                <li>
                  <a href={`/organisations/${p.id}`} safe>
                    {p.name}
                  </a>
                </li>
              ))}
            </ul>
          </dd>
        </>
      ) : (
        ''
      )}
      <dt safe>{w.dossier.call}</dt>
      <dd>
        <a href={`/instruction/appels/${d.call_id}`} safe>
          {d.call_title}
        </a>
      </dd>
      <dt safe>{w.dossier.instructor}</dt>
      <dd safe>{d.instructor_name ?? w.list.noInstructor}</dd>
      {d.last_submitted_at ? (
        <>
          <dt safe>{w.dossier.lastSubmitted}</dt>
          <dd safe>{formatDateTime(d.last_submitted_at, ctx.locale)}</dd>
        </>
      ) : (
        ''
      )}
      {d.decision_reason ? (
        <>
          <dt safe>{w.dossier.decision}</dt>
          <dd>
            <Lines text={d.decision_reason} />
          </dd>
        </>
      ) : (
        ''
      )}
    </dl>
  );
}

function Actions({ ctx, w, page, forms }: PageProps & { page: DossierPage; forms: DossierPageForms }) {
  const d = page.dossier;
  const base = `/instruction/dossiers/${d.id}`;
  const seen = <input type="hidden" name="statut" value={d.status} />;
  const verbs = new Set(page.verbs);
  if (verbs.size === 0) return <p safe>{w.dossier.noAction}</p>;
  const correction = forms.correction;
  const admissibility = forms.admissibility;
  return (
    <>
      {verbs.has('start_instruction') ? (
        <form method="post" action={`${base}/mise-en-instruction`} class="fr-mb-4w">
          <Csrf ctx={ctx} />
          {seen}
          <button type="submit" class="fr-btn" safe>
            {w.actions.start}
          </button>
        </form>
      ) : (
        ''
      )}
      {verbs.has('request_correction') ? (
        <form method="post" action={`${base}/demande-de-correction`} class="fr-mb-4w" novalidate>
          <Csrf ctx={ctx} />
          {seen}
          <h3 class="fr-h5" safe>
            {w.actions.correctionTitle}
          </h3>
          <Textarea
            name="message"
            label={w.actions.correctionMessage}
            hint={w.actions.correctionMessageHint}
            rows={4}
            maxlength={5000}
            required
            value={correction ? value(correction, 'message') : ''}
            error={correction?.errors.message}
            labels={ctx.m.components}
          />
          <Input
            name="echeance"
            type="date"
            label={w.actions.correctionDue}
            hint={w.actions.correctionDueHint}
            required
            value={correction ? value(correction, 'echeance') : ''}
            error={correction?.errors.echeance}
            labels={ctx.m.components}
          />
          <button type="submit" class="fr-btn fr-btn--secondary" safe>
            {w.actions.correctionSubmit}
          </button>
        </form>
      ) : (
        ''
      )}
      {verbs.has('declare_admissible') || verbs.has('declare_inadmissible') ? (
        <form method="post" action={`${base}/recevabilite`} class="fr-mb-4w" novalidate>
          <Csrf ctx={ctx} />
          {seen}
          <h3 class="fr-h5" safe>
            {w.actions.admissibilityTitle}
          </h3>
          <RadioGroup
            name="decision"
            label={w.actions.decision}
            required
            inline
            value={admissibility ? value(admissibility, 'decision') : ''}
            error={admissibility?.errors.decision}
            options={[
              { value: 'recevable', label: w.actions.admissible },
              { value: 'irrecevable', label: w.actions.inadmissible },
            ]}
            labels={ctx.m.components}
          />
          <Textarea
            name="motivation"
            label={w.actions.motivation}
            hint={w.actions.motivationHint}
            rows={4}
            maxlength={5000}
            value={admissibility ? value(admissibility, 'motivation') : ''}
            error={admissibility?.errors.motivation}
            labels={ctx.m.components}
          />
          <button type="submit" class="fr-btn fr-btn--secondary" safe>
            {w.actions.admissibilitySubmit}
          </button>
        </form>
      ) : (
        ''
      )}
    </>
  );
}

function VersionsTable({
  ctx,
  w,
  dossierId,
  versions,
}: PageProps & { dossierId: string; versions: VersionRow[] }) {
  return (
    <>
      <Table
        caption={w.dossier.versionsCaption}
        captionPosition="hidden"
        rows={versions}
        size="sm"
        columns={[
          { header: w.dossier.colVersion, value: (v) => v.version, rowHeader: true },
          { header: w.dossier.colSubmittedAt, value: (v) => formatDateTime(v.submitted_at, ctx.locale) },
          { header: w.dossier.colReceipt, value: (v) => v.receipt_number },
        ]}
      />
      {versions.length >= 2 ? (
        <form
          method="get"
          action={`/instruction/dossiers/${dossierId}/versions`}
          aria-label={w.dossier.compare}
        >
          <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-6 fr-col-md-3">
              <Select
                name="de"
                label={w.dossier.from}
                placeholder={false}
                value={String(versions.at(-2)?.version ?? 1)}
                options={versions.map((v) => ({ value: String(v.version), label: String(v.version) }))}
                labels={ctx.m.components}
              />
            </div>
            <div class="fr-col-6 fr-col-md-3">
              <Select
                name="a"
                label={w.dossier.to}
                placeholder={false}
                value={String(versions.at(-1)?.version ?? 1)}
                options={versions.map((v) => ({ value: String(v.version), label: String(v.version) }))}
                labels={ctx.m.components}
              />
            </div>
          </div>
          <button type="submit" class="fr-btn fr-btn--secondary fr-btn--sm" safe>
            {w.dossier.compareSubmit}
          </button>
        </form>
      ) : (
        ''
      )}
    </>
  );
}

function transitionText(w: InstructionMessages, from: DossierStatus | null, to: DossierStatus): string {
  return from === null
    ? `${w.dossier.creation} → ${w.statuses[to]}`
    : `${w.statuses[from]} → ${w.statuses[to]}`;
}

/** GET /instruction/dossiers/:id: everything the staff of the call need, and their actions. */
export function StaffDossierPage({ ctx, w, page, forms = {}, problem, notice }: StaffDossierPageProps) {
  const d = page.dossier;
  const errors = [
    ...(forms.correction?.summary ?? []),
    ...(forms.admissibility?.summary ?? []),
    ...(forms.message?.summary ?? []),
    ...(forms.annotation?.summary ?? []),
  ];
  return (
    <>
      <Breadcrumb
        items={[
          { label: w.home, href: '/' },
          { label: w.title, href: '/instruction' },
          { label: d.call_title, href: `/instruction/appels/${d.call_id}` },
        ]}
        current={d.reference}
        labels={ctx.m.components}
      />
      <ErrorSummary errors={errors} labels={ctx.m.components} />
      {problem ? <Alert type="error" size="sm" description={problem} /> : ''}
      {notice ? <Alert type="success" size="sm" description={notice} /> : ''}
      <h1 safe>{`${d.reference} — ${d.title}`}</h1>
      <Header ctx={ctx} w={w} page={page} />

      <section class="fr-mt-4w fr-p-3w fr-background-alt--grey" aria-labelledby="actions-titre">
        <h2 id="actions-titre" safe>
          {w.dossier.actionsTitle}
        </h2>
        <Actions ctx={ctx} w={w} page={page} forms={forms} />
      </section>

      <section class="fr-mt-4w" aria-labelledby="reponses-titre">
        <h2 id="reponses-titre" safe>
          {page.latest ? w.dossier.answersTitle(page.latest.version.version) : w.dossier.noVersion}
        </h2>
        {page.latest ? (
          <AnswerSections sections={page.latest.sections} notAnswered={w.dossier.notAnswered} />
        ) : (
          ''
        )}
      </section>

      <section class="fr-mt-4w" aria-labelledby="versions-titre">
        <h2 id="versions-titre" safe>
          {w.dossier.versionsTitle}
        </h2>
        <VersionsTable ctx={ctx} w={w} dossierId={d.id} versions={page.versions} />
      </section>

      {page.corrections.length > 0 ? (
        <section class="fr-mt-4w" aria-labelledby="corrections-titre">
          <h2 id="corrections-titre" safe>
            {w.dossier.correctionsTitle}
          </h2>
          <ul>
            {page.corrections.map((c) => (
              <li>
                <p class="fr-text--sm fr-mb-1w" safe>
                  {c.answered_version !== null
                    ? w.dossier.correctionAnswered(c.answered_version)
                    : w.dossier.correctionDue(formatDateTime(c.due_at, ctx.locale))}
                </p>
                <Lines text={c.message} />
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}

      <section class="fr-mt-4w" aria-labelledby="historique-titre">
        <h2 id="historique-titre" safe>
          {w.dossier.historyTitle}
        </h2>
        <Table
          caption={w.dossier.historyCaption}
          captionPosition="hidden"
          rows={page.transitions}
          size="sm"
          multiline
          columns={[
            { header: w.dossier.colWhen, value: (t) => formatDateTime(t.created_at, ctx.locale) },
            { header: w.dossier.colTransition, value: (t) => transitionText(w, t.from_status, t.to_status) },
            { header: w.dossier.colWho, value: (t) => t.actor_name ?? w.dossier.system },
            { header: w.dossier.colWhy, value: (t) => t.reason ?? '' },
          ]}
        />
      </section>

      <section class="fr-mt-4w" aria-labelledby="messages-titre">
        <h2 id="messages-titre" safe>
          {w.messages.title}
        </h2>
        <MessageThread
          ctx={ctx}
          w={w}
          messages={page.messages}
          files={page.messageFiles}
          dossierId={d.id}
          organisationName={d.organisation_name}
        />
        <MessageForm
          ctx={ctx}
          w={w}
          action={`/instruction/dossiers/${d.id}/messages`}
          hint={w.messages.staffHint}
          state={forms.message ?? { values: {}, errors: {}, summary: [] }}
        />
      </section>

      <section class="fr-mt-4w fr-p-3w fr-background-alt--blue-france" aria-labelledby="annotations-titre">
        <h2 id="annotations-titre" safe>
          {w.annotations.title}
        </h2>
        <p class="fr-text--sm" safe>
          {w.annotations.lead}
        </p>
        {page.annotations.length === 0 ? (
          <p safe>{w.annotations.empty}</p>
        ) : (
          <ol class="fr-raw-list" id="annotations">
            {page.annotations.map((a) => (
              <li class="fr-mb-2w">
                <p class="fr-text--sm fr-mb-1w" safe>
                  {w.annotations.at(
                    a.author_name ?? w.messages.unknownAuthor,
                    formatDateTime(a.created_at, ctx.locale),
                  )}
                </p>
                <Lines text={a.body} />
              </li>
            ))}
          </ol>
        )}
        <form method="post" action={`/instruction/dossiers/${d.id}/annotations`} novalidate>
          <Csrf ctx={ctx} />
          <Textarea
            name="annotation"
            label={w.annotations.body}
            rows={3}
            maxlength={10000}
            required
            value={forms.annotation ? value(forms.annotation, 'annotation') : ''}
            error={forms.annotation?.errors.annotation}
            labels={ctx.m.components}
          />
          <button type="submit" class="fr-btn fr-btn--tertiary" safe>
            {w.annotations.add}
          </button>
        </form>
      </section>
    </>
  );
}

export interface DiffPageProps extends PageProps {
  dossier: StaffDossierRow;
  versions: VersionRow[];
  from: number;
  to: number;
  changes: FieldChange[] | null;
}

/** GET /instruction/dossiers/:id/versions?de=1&a=2: what changed, field by field. */
export function DiffPage({ ctx, w, dossier, versions, from, to, changes }: DiffPageProps) {
  const kinds = { added: w.diff.added, removed: w.diff.removed, changed: w.diff.changed };
  return (
    <>
      <Breadcrumb
        items={[
          { label: w.home, href: '/' },
          { label: w.title, href: '/instruction' },
          { label: dossier.reference, href: `/instruction/dossiers/${dossier.id}` },
        ]}
        current={w.dossier.versionsTitle}
        labels={ctx.m.components}
      />
      {changes === null ? <Alert type="error" size="sm" description={w.errors.versionsInvalid} /> : ''}
      <h1 safe>{changes === null ? w.dossier.compare : w.diff.title(from, to)}</h1>
      {changes === null ? (
        ''
      ) : changes.length === 0 ? (
        <p safe>{w.diff.none}</p>
      ) : (
        <Table
          caption={w.diff.caption}
          rows={changes}
          multiline
          columns={[
            { header: w.diff.colField, value: (c) => c.label, rowHeader: true },
            { header: w.diff.colChange, value: (c) => kinds[c.kind] },
            { header: w.diff.colOld, value: (c) => c.before },
            { header: w.diff.colNew, value: (c) => c.after },
          ]}
        />
      )}
      <VersionsTable ctx={ctx} w={w} dossierId={dossier.id} versions={versions} />
      <p class="fr-mt-4w">
        <a
          class="fr-link fr-icon-arrow-left-line fr-link--icon-left"
          href={`/instruction/dossiers/${dossier.id}`}
          safe
        >
          {w.diff.back}
        </a>
      </p>
    </>
  );
}
