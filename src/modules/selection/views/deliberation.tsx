import type { FormState } from '../../../platform/http/forms.js';
import { formatDateTime } from '../../../platform/i18n/index.js';
import {
  Alert,
  Breadcrumb,
  ErrorSummary,
  fieldId,
  RadioGroup,
  Table,
  Textarea,
} from '../../../platform/views/components/index.js';
import type { DeliberationPage as PageData, QuotaStatus } from '../selection.deliberation.service.js';
import { OPEN_STATUSES } from '../selection.ranking.queries.js';
import type { RankingRow } from '../selection.ranking.service.js';
import { Csrf, rankingColumns, type SelectionPageProps } from './ranking.js';

/** The id of a field of the decision form of one dossier (one form per dossier on the page). */
export function decisionFieldId(dossierId: string, field: string): string {
  return fieldId(`decision-${dossierId}-${field}`);
}

export interface DeliberationPageProps extends SelectionPageProps {
  page: PageData;
  quota: { status: QuotaStatus; text: string };
  form?: { dossierId: string; state: FormState } | undefined;
  notice?: string | undefined;
  problem?: string | undefined;
}

function DecisionForm(props: DeliberationPageProps & { row: RankingRow }) {
  const { ctx, w, row } = props;
  const d = w.deliberation;
  const state = props.form?.dossierId === row.dossierId ? props.form.state : undefined;
  const current = props.page.decisions.get(row.dossierId);
  const kept = (name: string) => {
    const v = state?.values[name];
    return typeof v === 'string' ? v : undefined;
  };
  return (
    <form
      method="post"
      action={`/evaluations/appels/${props.page.call.id}/deliberation/decisions`}
      novalidate
    >
      <Csrf ctx={ctx} />
      <input type="hidden" name="dossier" value={row.dossierId} />
      <RadioGroup
        name="decision"
        id={decisionFieldId(row.dossierId, 'decision')}
        label={d.decisionLegend(row.reference)}
        inline
        value={kept('decision') ?? current?.decision ?? null}
        options={[
          { value: 'laureat', label: w.decisions.laureat },
          { value: 'non_retenu', label: w.decisions.non_retenu },
        ]}
        error={state?.errors.decision}
        labels={ctx.m.components}
      />
      <Textarea
        name="motivation"
        id={decisionFieldId(row.dossierId, 'motivation')}
        label={d.motivation}
        hint={d.motivationHint}
        rows={4}
        maxlength={5000}
        value={kept('motivation') ?? current?.motivation ?? ''}
        error={state?.errors.motivation}
        labels={ctx.m.components}
      />
      <button type="submit" class="fr-btn fr-btn--secondary" safe>
        {d.saveDecision}
      </button>
    </form>
  );
}

/** GET /evaluations/appels/:callId/deliberation: ranking, audition notes, quota, decisions, publication. */
export function DeliberationPage(props: DeliberationPageProps) {
  const { ctx, w, page } = props;
  const d = w.deliberation;
  const published = page.call.results_published_at;
  const summary =
    props.form?.state.summary.map((e) => ({
      field: `decision-${props.form?.dossierId}-${e.field}`,
      message: e.message,
    })) ?? [];
  const decidable = (row: RankingRow) =>
    !published && (OPEN_STATUSES as readonly string[]).includes(row.status);
  return (
    <>
      <Breadcrumb
        items={[{ label: w.home, href: '/' }]}
        current={d.title(page.call.title)}
        labels={ctx.m.components}
      />
      <ErrorSummary errors={summary} labels={ctx.m.components} />
      {props.notice ? <Alert type="success" size="sm" description={props.notice} /> : ''}
      {props.problem ? <Alert type="error" size="sm" description={props.problem} /> : ''}
      <h1 safe>{d.title(page.call.title)}</h1>
      <p safe>{d.lead}</p>
      {published ? (
        <Alert type="info" size="sm" description={d.published(formatDateTime(published, ctx.locale))} />
      ) : (
        ''
      )}
      <Alert
        type={props.quota.status === 'below' || props.quota.status === 'above' ? 'warning' : 'info'}
        size="sm"
        description={props.quota.text}
      />
      {page.undecided > 0 ? <Alert type="info" size="sm" description={d.undecided(page.undecided)} /> : ''}
      <Table
        caption={w.ranking.caption(page.rows.length)}
        emptyText={w.ranking.empty}
        rows={page.rows}
        size="sm"
        multiline
        columns={[
          ...rankingColumns(ctx, w),
          {
            header: d.decision,
            value: (row) => {
              const decision = page.decisions.get(row.dossierId)?.decision;
              return decision ? w.decisions[decision] : w.ranking.none;
            },
          },
        ]}
      />
      {page.rows.map((row) => {
        const notes = page.notes.get(row.dossierId) ?? [];
        const decision = page.decisions.get(row.dossierId);
        return (
          <section class="fr-mb-6w" aria-labelledby={`deliberation-${row.dossierId}-titre`}>
            <h2 id={`deliberation-${row.dossierId}-titre`} class="fr-h4" safe>
              {w.auditions.dossier(row.reference, row.organisation_name)}
            </h2>
            <h3 class="fr-h6" safe>
              {d.notesTitle}
            </h3>
            {notes.length === 0 ? <p safe>{d.noNotes}</p> : ''}
            {notes.map((note) => (
              <figure class="fr-quote fr-mb-2w">
                <blockquote>
                  {note.note.split(/\n+/).map((line) => (
                    <p safe>{line}</p>
                  ))}
                </blockquote>
                <figcaption>
                  <p class="fr-quote__author" safe>
                    {w.notes.by(note.author, formatDateTime(note.updated_at, ctx.locale))}
                  </p>
                </figcaption>
              </figure>
            ))}
            {decision ? <p safe>{d.current(w.decisions[decision.decision])}</p> : ''}
            {decidable(row) ? <DecisionForm {...props} row={row} /> : ''}
          </section>
        );
      })}
      {published ? (
        ''
      ) : (
        <form method="post" action={`/evaluations/appels/${page.call.id}/deliberation/publication`}>
          <Csrf ctx={ctx} />
          <h2 safe>{d.publishTitle}</h2>
          <p safe>{d.publishHint}</p>
          <button type="submit" class="fr-btn" safe>
            {d.publish}
          </button>
        </form>
      )}
    </>
  );
}
