import type { RequestContext } from '../../../platform/http/context.js';
import type { FormState } from '../../../platform/http/forms.js';
import { formatDateTime } from '../../../platform/i18n/index.js';
import {
  Alert,
  Breadcrumb,
  ErrorSummary,
  FranceMap,
  fieldId,
  Select,
  TagsGroup,
  Textarea,
} from '../../../platform/views/components/index.js';
import type { ImpactDomain } from '../../organisations/index.js';
import type { ShowcaseMessages } from '../selection.showcase.fr.js';
import type { CohortRow, LaureateRow, StoryRow } from '../selection.showcase.queries.js';
import { excerpt, SUMMARY_MAX_LENGTH } from '../selection.showcase.service.js';

interface Base {
  ctx: RequestContext;
  w: ShowcaseMessages;
}

function Csrf({ ctx }: { ctx: RequestContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

export function laureateHref(callSlug: string, slug: string): string {
  return `/vitrine/${encodeURIComponent(callSlug)}/${encodeURIComponent(slug)}`;
}

function DomainTags({ ctx, w, domains }: Base & { domains: readonly ImpactDomain[] }) {
  if (domains.length === 0) return '';
  return (
    <TagsGroup
      size="sm"
      tags={domains.map((d) => ({ label: w.domains[d] ?? d, labels: ctx.m.components }))}
    />
  );
}

/** `/vitrine`: the cohorts of laureates. */
export function CohortsPage({ ctx, w, cohorts }: Base & { cohorts: readonly CohortRow[] }) {
  return (
    <>
      <Breadcrumb items={[{ label: w.home, href: '/' }]} current={w.title} labels={ctx.m.components} />
      <h1 safe>{w.title}</h1>
      <p class="fr-text--lead" safe>
        {w.lead}
      </p>
      {cohorts.length === 0 ? (
        <p safe>{w.cohorts.empty}</p>
      ) : (
        <ul class="fr-grid-row fr-grid-row--gutters fr-raw-list" aria-label={w.cohorts.caption}>
          {cohorts.map((c) => (
            <li class="fr-col-12 fr-col-md-6">
              <div class="fr-card fr-enlarge-link">
                <div class="fr-card__body">
                  <div class="fr-card__content">
                    <h2 class="fr-card__title">
                      <a href={`/vitrine/${encodeURIComponent(c.slug)}`} safe>
                        {c.title}
                      </a>
                    </h2>
                    <p class="fr-card__desc" safe>
                      {w.cohorts.count(c.laureates)}
                    </p>
                    {c.results_published_at ? (
                      <div class="fr-card__end">
                        <p class="fr-card__detail" safe>
                          {w.cohorts.publishedOn(formatDateTime(c.results_published_at, ctx.locale))}
                        </p>
                      </div>
                    ) : (
                      ''
                    )}
                  </div>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** A value of the query string the page cannot use, and its parameter. */
export interface CohortProblem {
  field: 'domaine' | 'region';
  message: string;
}

export interface CohortFilter {
  domain?: ImpactDomain | undefined;
  region?: string | undefined;
}

export interface CohortPageProps extends Base {
  call: { slug: string; title: string; summary: string };
  /** Every laureate of the cohort (the map and the counts). */
  all: readonly LaureateRow[];
  /** The laureates under the filter. */
  laureates: readonly LaureateRow[];
  regions: readonly { code: string; name: string }[];
  departements: readonly { code: string; name: string; region_code: string }[];
  filter: CohortFilter;
  /** Problems of the query string (400): shown above the filters, no list. */
  problems?: readonly CohortProblem[];
}

function Filters({ ctx, w, call, regions, filter, all, problems = [] }: CohortPageProps) {
  const errorOf = (field: CohortProblem['field']) => problems.find((p) => p.field === field)?.message;
  const domains = [...new Set(all.flatMap((l) => l.domains))].sort();
  const present = new Set(all.map((l) => l.region_code));
  return (
    <form method="get" action={`/vitrine/${encodeURIComponent(call.slug)}`} class="fr-mb-4w">
      <fieldset class="fr-fieldset">
        <legend class="fr-fieldset__legend" safe>
          {w.cohort.filters}
        </legend>
        <div class="fr-fieldset__element fr-col-12 fr-col-md-5">
          <Select
            name="domaine"
            label={w.cohort.domain}
            placeholder={w.cohort.all}
            value={filter.domain ?? ''}
            error={errorOf('domaine')}
            options={domains.map((d) => ({ value: d, label: w.domains[d as ImpactDomain] ?? d }))}
            labels={ctx.m.components}
          />
        </div>
        <div class="fr-fieldset__element fr-col-12 fr-col-md-5">
          <Select
            name="region"
            label={w.cohort.region}
            placeholder={w.cohort.all}
            value={filter.region ?? ''}
            error={errorOf('region')}
            options={regions
              .filter((r) => present.has(r.code))
              .map((r) => ({ value: r.code, label: r.name }))}
            labels={ctx.m.components}
          />
        </div>
        <div class="fr-fieldset__element">
          <ul class="fr-btns-group fr-btns-group--inline-md">
            <li>
              <button type="submit" class="fr-btn" safe>
                {w.cohort.filter}
              </button>
            </li>
            <li>
              <a class="fr-btn fr-btn--secondary" href={`/vitrine/${encodeURIComponent(call.slug)}`} safe>
                {w.cohort.clear}
              </a>
            </li>
          </ul>
        </div>
      </fieldset>
    </form>
  );
}

function LaureateCard({ ctx, w, call, l }: Base & { call: { slug: string }; l: LaureateRow }) {
  const place = w.laureate.place(l.commune_name, l.departement_name, l.region_name);
  return (
    <div class="fr-card fr-enlarge-link">
      <div class="fr-card__body">
        <div class="fr-card__content">
          <h3 class="fr-card__title">
            <a href={laureateHref(call.slug, l.slug)} safe>
              {l.organisation_name}
            </a>
          </h3>
          <p class="fr-card__desc" safe>
            {l.summary ? excerpt(l.summary) : w.cohort.noSummary}
          </p>
          <div class="fr-card__start">
            <DomainTags ctx={ctx} w={w} domains={l.domains} />
            {place ? (
              <p class="fr-card__detail fr-icon-map-pin-2-line" safe>
                {place}
              </p>
            ) : (
              ''
            )}
          </div>
        </div>
      </div>
    </div>
  );
}

/** `/vitrine/:callSlug`: a cohort's laureates, filters and map. */
export function CohortPage(props: CohortPageProps) {
  const { ctx, w, call, all, laureates, departements, problems } = props;
  const counts: Record<string, number> = {};
  for (const l of all)
    if (l.departement_code) counts[l.departement_code] = (counts[l.departement_code] ?? 0) + 1;
  const names = Object.fromEntries(departements.map((d) => [d.code, d.name]));
  const regionOf = new Map(departements.map((d) => [d.code, d.region_code]));
  const base = `/vitrine/${encodeURIComponent(call.slug)}`;
  return (
    <>
      <Breadcrumb
        items={[
          { label: w.home, href: '/' },
          { label: w.title, href: '/vitrine' },
        ]}
        current={call.title}
        labels={ctx.m.components}
      />
      <h1 safe>{call.title}</h1>
      <p class="fr-text--lead" safe>
        {w.cohort.lead(all.length)}
      </p>
      {problems && problems.length > 0 ? (
        <Alert type="error" title={w.cohort.errorTitle} headingLevel={2} role="alert">
          <ul>
            {problems.map((p) => (
              <li>
                <a href={`#${fieldId(p.field)}`} safe>
                  {p.message}
                </a>
              </li>
            ))}
          </ul>
          <p>
            <a href={base} safe>
              {w.cohort.clear}
            </a>
          </p>
        </Alert>
      ) : (
        ''
      )}
      <Filters {...props} />
      {problems && problems.length > 0 ? (
        ''
      ) : (
        <section aria-labelledby="laureats">
          <h2 id="laureats" aria-live="polite" safe>
            {w.cohort.results(laureates.length)}
          </h2>
          {laureates.length === 0 ? (
            <p safe>{w.cohort.empty}</p>
          ) : (
            <ul class="fr-grid-row fr-grid-row--gutters fr-raw-list" aria-label={w.cohort.list}>
              {laureates.map((l) => (
                <li class="fr-col-12 fr-col-md-6">
                  <LaureateCard ctx={ctx} w={w} call={call} l={l} />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <section class="fr-mt-6w" aria-labelledby="carte">
        <h2 id="carte" safe>
          {w.cohort.map}
        </h2>
        <p safe>{w.cohort.mapLead}</p>
        <div class="fr-grid-row">
          <div class="fr-col-12 fr-col-lg-8">
            <FranceMap
              id="carte-laureats"
              level="departement"
              counts={counts}
              names={names}
              href={(code) => {
                const region = regionOf.get(code);
                return region ? `${base}?region=${encodeURIComponent(region)}#laureats` : base;
              }}
              caption={w.cohort.mapCaption}
              countLabel={w.cohort.mapCount}
              headingLevel={3}
              locale={ctx.locale}
              labels={ctx.m.components}
            />
          </div>
        </div>
      </section>
    </>
  );
}

/** `/vitrine/:callSlug/:slug`: a laureate's page. */
export function LaureatePage({
  ctx,
  w,
  call,
  laureate: l,
}: Base & { call: { slug: string; title: string }; laureate: LaureateRow }) {
  const place = w.laureate.place(l.commune_name, l.departement_name, l.region_name);
  return (
    <>
      <Breadcrumb
        items={[
          { label: w.home, href: '/' },
          { label: w.title, href: '/vitrine' },
          { label: call.title, href: `/vitrine/${encodeURIComponent(call.slug)}` },
        ]}
        current={l.organisation_name}
        labels={ctx.m.components}
      />
      <p class="fr-badge fr-badge--yellow-tournesol fr-mb-2w" safe>
        {w.badge(call.title)}
      </p>
      <h1 safe>{l.organisation_name}</h1>
      <h2 safe>{w.laureate.summary}</h2>
      {l.summary ? (
        l.summary.split(/\n{2,}/).map((para) => (
          <p class="fr-text--lg" safe>
            {para}
          </p>
        ))
      ) : (
        <p safe>{w.cohort.noSummary}</p>
      )}
      <dl class="fr-mt-4w">
        <dt class="fr-text--bold" safe>
          {w.laureate.organisation}
        </dt>
        <dd>
          <a href={`/organisations/${encodeURIComponent(l.organisation_id)}`} safe>
            {w.laureate.profile}
          </a>
        </dd>
        {l.domains.length > 0 ? (
          <>
            <dt class="fr-text--bold" safe>
              {w.laureate.domains}
            </dt>
            <dd>
              <DomainTags ctx={ctx} w={w} domains={l.domains} />
            </dd>
          </>
        ) : (
          ''
        )}
        {place ? (
          <>
            <dt class="fr-text--bold" safe>
              {w.laureate.territory}
            </dt>
            <dd safe>{place}</dd>
          </>
        ) : (
          ''
        )}
        <dt class="fr-text--bold" safe>
          {w.laureate.call}
        </dt>
        <dd>
          <a href={`/appels/${encodeURIComponent(call.slug)}`} safe>
            {call.title}
          </a>
        </dd>
      </dl>
      <p class="fr-mt-4w">
        <a
          class="fr-link fr-icon-arrow-left-line fr-link--icon-left"
          href={`/vitrine/${encodeURIComponent(call.slug)}`}
          safe
        >
          {w.laureate.cohort(call.title)}
        </a>
      </p>
    </>
  );
}

/** `/dossiers/:id/vitrine`: the laureate's members write and approve their public summary. */
export function StoryEditPage({
  ctx,
  w,
  story,
  form,
  notice,
}: Base & { story: StoryRow; form: FormState; notice?: string | undefined }) {
  const value = typeof form.values.resume === 'string' ? form.values.resume : story.summary;
  return (
    <>
      <Breadcrumb
        items={[
          { label: w.home, href: '/' },
          { label: story.call_title, href: `/dossiers/${encodeURIComponent(story.dossier_id)}` },
        ]}
        current={w.edit.title}
        labels={ctx.m.components}
      />
      <h1 safe>{w.edit.title}</h1>
      <p class="fr-text--lead" safe>
        {w.edit.lead}
      </p>
      {form.summary.length > 0 ? <ErrorSummary errors={form.summary} title={w.edit.errorTitle} /> : ''}
      {notice ? <Alert type="success" size="sm" description={notice} role="status" /> : ''}
      <p safe>
        {story.approved_at ? w.edit.approved(formatDateTime(story.approved_at, ctx.locale)) : w.edit.pending}
      </p>
      <form method="post" action={`/dossiers/${encodeURIComponent(story.dossier_id)}/vitrine`} novalidate>
        <Csrf ctx={ctx} />
        <Textarea
          name="resume"
          label={w.edit.label}
          hint={w.edit.hint}
          value={value}
          rows={10}
          maxlength={SUMMARY_MAX_LENGTH}
          error={form.errors.resume}
          labels={ctx.m.components}
        />
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button type="submit" class="fr-btn" name="action" value="approuver" safe>
              {w.edit.approve}
            </button>
          </li>
          <li>
            <button type="submit" class="fr-btn fr-btn--secondary" name="action" value="enregistrer" safe>
              {w.edit.save}
            </button>
          </li>
        </ul>
      </form>
      {story.approved_at ? (
        <p>
          <a href={laureateHref(story.call_slug, story.slug)} safe>
            {w.edit.see}
          </a>
        </p>
      ) : (
        ''
      )}
    </>
  );
}

/** `/admin/appels/:callId/selection/vitrine`: staff write the laureates' summaries. */
export function StaffStoriesPage({
  ctx,
  w,
  call,
  stories,
  failed,
  notice,
}: Base & {
  call: { id: string; title: string };
  stories: readonly StoryRow[];
  /** The form that failed (400): its dossier and state. */
  failed?: { dossierId: string; form: FormState } | undefined;
  notice?: string | undefined;
}) {
  const action = `/admin/appels/${encodeURIComponent(call.id)}/selection/vitrine`;
  return (
    <>
      <Breadcrumb
        items={[{ label: w.home, href: '/' }]}
        current={w.staff.title(call.title)}
        labels={ctx.m.components}
      />
      <h1 safe>{w.staff.title(call.title)}</h1>
      <p class="fr-text--lead" safe>
        {w.staff.lead}
      </p>
      {failed ? (
        <ErrorSummary
          errors={failed.form.summary.map((e) => ({ ...e, field: `resume-${failed.dossierId}` }))}
          title={w.edit.errorTitle}
        />
      ) : (
        ''
      )}
      {notice ? <Alert type="success" size="sm" description={notice} role="status" /> : ''}
      {stories.length === 0 ? <p safe>{w.staff.empty}</p> : ''}
      {stories.map((s) => {
        const mine = failed?.dossierId === s.dossier_id ? failed.form : undefined;
        const value = mine && typeof mine.values.resume === 'string' ? mine.values.resume : s.summary;
        return (
          <section class="fr-mb-6w" aria-labelledby={`laureat-${s.dossier_id}`}>
            <h2 id={`laureat-${s.dossier_id}`} class="fr-h4" safe>
              {s.organisation_name}
            </h2>
            <p
              class={['fr-badge', 'fr-badge--sm', s.approved_at ? 'fr-badge--success' : 'fr-badge--info']}
              safe
            >
              {s.approved_at ? w.staff.approved : w.staff.pending}
            </p>
            <form method="post" action={action} novalidate>
              <Csrf ctx={ctx} />
              <input type="hidden" name="dossier" value={s.dossier_id} />
              <Textarea
                name="resume"
                id={`resume-${s.dossier_id}`}
                label={w.staff.label(s.organisation_name)}
                hint={w.edit.hint}
                value={value}
                rows={6}
                maxlength={SUMMARY_MAX_LENGTH}
                error={mine?.errors.resume}
                labels={ctx.m.components}
              />
              <button type="submit" class="fr-btn fr-btn--secondary" safe>
                {w.staff.save(s.organisation_name)}
              </button>
            </form>
          </section>
        );
      })}
      <p>
        <a href="/vitrine" safe>
          {w.title}
        </a>
      </p>
    </>
  );
}
