import type { RequestContext } from '../../../platform/http/context.js';
import type { FormState } from '../../../platform/http/forms.js';
import type { Locale } from '../../../platform/i18n/index.js';
import {
  Alert,
  Badge,
  Breadcrumb,
  ErrorSummary,
  Select,
  Table,
  type TableColumn,
} from '../../../platform/views/components/index.js';
import { IMPACT_DOMAIN_LABELS } from '../../organisations/index.js';
import type { DeliberationMessages } from '../selection.deliberation.fr.js';
import type { Ranking, RankingFilter, RankingRow } from '../selection.ranking.service.js';
import { RECOMMENDATIONS } from '../selection.tables.js';

export interface SelectionPageProps {
  ctx: RequestContext;
  w: DeliberationMessages;
}

export function Csrf({ ctx }: { ctx: RequestContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

/** A score with two decimals, in the page's language. */
export function score(value: number | null, locale: Locale, none: string): string {
  if (value === null) return none;
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(value);
}

/** The columns of the ranking, shared by the ranking and deliberation pages. */
export function rankingColumns(ctx: RequestContext, w: DeliberationMessages): TableColumn<RankingRow>[] {
  const r = w.ranking;
  return [
    { header: r.colRank, value: (row) => row.rank, align: 'right' },
    { header: r.colReference, rowHeader: true, value: (row) => row.reference },
    { header: r.colOrganisation, value: (row) => row.organisation_name },
    { header: r.colDomains, value: (row) => row.domains.map((d) => IMPACT_DOMAIN_LABELS[d]).join(', ') },
    { header: r.colRegion, value: (row) => row.region_name ?? r.none },
    { header: r.colRaw, value: (row) => score(row.rawMean, ctx.locale, r.none), align: 'right' },
    { header: r.colZ, value: (row) => score(row.meanZ, ctx.locale, r.none), align: 'right' },
    { header: r.colReviews, value: (row) => r.reviews(row.reviews, row.assigned) },
    {
      header: r.colDisagreement,
      render: (row) =>
        row.disagreement ? (
          <Badge type="warning" size="sm" label={r.disagreement(score(row.spread, ctx.locale, r.none))} />
        ) : (
          <span safe>{r.noDisagreement}</span>
        ),
    },
    {
      header: r.colRecommendations,
      value: (row) =>
        RECOMMENDATIONS.filter((k) => row.recommendations[k] > 0)
          .map((k) => `${row.recommendations[k]} ${w.recommendations[k]}`)
          .join(', ') || r.none,
    },
    { header: r.colStatus, value: (row) => w.statuses[row.status] },
  ];
}

export interface RankingPageProps extends SelectionPageProps {
  ranking: Ranking;
  filter: RankingFilter;
  /** The filters as typed, kept when they were refused (400). */
  filterState?: FormState | undefined;
  shortlist?: FormState | undefined;
  notice?: string | undefined;
  problem?: string | undefined;
}

/** GET /admin/appels/:callId/selection/classement. */
export function RankingPage(props: RankingPageProps) {
  const { ctx, w, ranking, filter } = props;
  const r = w.ranking;
  const base = `/admin/appels/${ranking.call.id}/selection`;
  const filterErrors = props.filterState?.errors ?? {};
  const shortlistable = ranking.rows.some((row) => row.status === 'en_evaluation');
  // After a refusal, the boxes ticked stay ticked.
  const sent = props.shortlist?.values.dossiers;
  const ticked = new Set(sent === undefined ? [] : Array.isArray(sent) ? sent : [sent]);
  const errors = [...(props.filterState?.summary ?? []), ...(props.shortlist?.summary ?? [])];
  return (
    <>
      <Breadcrumb
        items={[{ label: w.home, href: '/' }]}
        current={r.title(ranking.call.title)}
        labels={ctx.m.components}
      />
      <ErrorSummary errors={errors} labels={ctx.m.components} />
      {props.notice ? <Alert type="success" size="sm" description={props.notice} /> : ''}
      {props.problem ? <Alert type="error" size="sm" description={props.problem} /> : ''}
      <h1 safe>{r.title(ranking.call.title)}</h1>
      <p safe>{r.lead}</p>
      <p class="fr-text--sm" safe>
        {r.threshold(score(ranking.threshold, ctx.locale, r.none))}
      </p>
      <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
        <li>
          <a class="fr-btn fr-btn--secondary" href={`${base}/auditions`} safe>
            {r.auditionsLink}
          </a>
        </li>
        <li>
          <a
            class="fr-btn fr-btn--secondary"
            href={`/evaluations/appels/${ranking.call.id}/deliberation`}
            safe
          >
            {r.deliberationLink}
          </a>
        </li>
      </ul>
      <form method="get" action={`${base}/classement`} aria-label={r.filters} class="fr-mb-3w">
        <div class="fr-grid-row fr-grid-row--gutters">
          <div class="fr-col-12 fr-col-md-5">
            <Select
              name="domaine"
              label={r.domain}
              value={props.filterState?.values.domaine?.toString() ?? filter.domain ?? ''}
              placeholder={r.all}
              options={ranking.domains}
              error={filterErrors.domaine}
              labels={ctx.m.components}
            />
          </div>
          <div class="fr-col-12 fr-col-md-5">
            <Select
              name="region"
              label={r.region}
              value={props.filterState?.values.region?.toString() ?? filter.region ?? ''}
              placeholder={r.all}
              options={ranking.regions.map((g) => ({ value: g.code, label: g.name }))}
              error={filterErrors.region}
              labels={ctx.m.components}
            />
          </div>
        </div>
        <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
          <li>
            <button type="submit" class="fr-btn" safe>
              {r.apply}
            </button>
          </li>
          <li>
            <a class="fr-btn fr-btn--tertiary" href={`${base}/classement`} safe>
              {r.reset}
            </a>
          </li>
        </ul>
      </form>
      <form method="post" action={`${base}/classement/preselection`} novalidate>
        <Csrf ctx={ctx} />
        <Table
          caption={r.caption(ranking.rows.length)}
          emptyText={r.empty}
          rows={ranking.rows}
          size="sm"
          multiline
          columns={[
            {
              header: r.colSelect,
              render: (row) =>
                row.status === 'en_evaluation' ? (
                  <div class="fr-checkbox-group fr-checkbox-group--sm">
                    <input
                      type="checkbox"
                      id={`preselection-${row.dossierId}`}
                      name="dossiers"
                      value={row.dossierId}
                      checked={ticked.has(row.dossierId)}
                    />
                    <label class="fr-label" for={`preselection-${row.dossierId}`}>
                      <span class="fr-sr-only" safe>
                        {r.select(row.reference)}
                      </span>
                    </label>
                  </div>
                ) : (
                  <span safe>{r.none}</span>
                ),
            },
            ...rankingColumns(ctx, w),
          ]}
        />
        {shortlistable ? (
          <fieldset
            class={props.shortlist?.errors.dossiers ? 'fr-fieldset fr-fieldset--error' : 'fr-fieldset'}
            id="field-dossiers"
            tabindex="-1"
            aria-describedby={
              props.shortlist?.errors.dossiers ? 'preselection-aide preselection-erreur' : 'preselection-aide'
            }
          >
            <legend class="fr-fieldset__legend" safe>
              {r.shortlistTitle}
            </legend>
            <p class="fr-hint-text fr-fieldset__element" id="preselection-aide" safe>
              {r.shortlistHint}
            </p>
            {props.shortlist?.errors.dossiers ? (
              <p class="fr-error-text fr-fieldset__element" id="preselection-erreur" safe>
                {props.shortlist.errors.dossiers}
              </p>
            ) : (
              ''
            )}
            <div class="fr-fieldset__element">
              <button type="submit" class="fr-btn" safe>
                {r.shortlistSubmit}
              </button>
            </div>
          </fieldset>
        ) : (
          ''
        )}
      </form>
    </>
  );
}
