import type { RequestContext } from '../../../platform/http/context.js';
import type { FormState } from '../../../platform/http/forms.js';
import { formatDateTime, formatNumber } from '../../../platform/i18n/index.js';
import {
  Alert,
  Badge,
  Breadcrumb,
  ErrorSummary,
  Pagination,
  Select,
  Table,
} from '../../../platform/views/components/index.js';
import { IMPACT_DOMAIN_LABELS, type ImpactDomain } from '../../organisations/index.js';
import type { ShortReason } from '../selection.assignment.algorithm.js';
import type { AssignmentMessages } from '../selection.assignment.fr.js';
import type { AssignmentPreview } from '../selection.assignment.service.js';

function Csrf({ ctx }: { ctx: RequestContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

export function shortReasonText(w: AssignmentMessages, reason: ShortReason, k: number): string {
  return reason.kind === 'conflicts'
    ? w.short.conflicts(reason.available, k)
    : w.short.capacity(reason.needed, reason.capacity, reason.available);
}

function domainsText(domains: readonly ImpactDomain[]): string {
  return domains.map((d) => IMPACT_DOMAIN_LABELS[d] ?? d).join(', ');
}

export interface AssignmentPageProps {
  ctx: RequestContext;
  w: AssignmentMessages;
  preview: AssignmentPreview;
  notice?: string | undefined;
  problem?: string | undefined;
  /** The hand-adjustment form after a refusal (values kept, errors). */
  add?: FormState | undefined;
  /** The page of the « Par dossier » table (ASSIGNMENT_PAGE_SIZE dossiers a page), 1 first. */
  page: number;
}

/** Dossiers a page in the « Par dossier » table and the hand-adjustment list: a call may have thousands. */
export const ASSIGNMENT_PAGE_SIZE = 50;

export function assignmentPages(preview: AssignmentPreview): number {
  return Math.max(1, Math.ceil(preview.dossiers.length / ASSIGNMENT_PAGE_SIZE));
}

/** The hidden field that brings a form back to the page it was sent from. */
function PageField({ page }: { page: number }) {
  return page > 1 ? <input type="hidden" name="page" value={String(page)} /> : '';
}

/** GET /admin/appels/:callId/selection/affectation: inputs, compute, preview, adjustments, publication. */
export function AssignmentPage(props: AssignmentPageProps) {
  const { ctx, w, preview, page } = props;
  const base = `/admin/appels/${preview.call.id}/selection/affectation`;
  const first = (page - 1) * ASSIGNMENT_PAGE_SIZE;
  const shown = preview.dossiers.slice(first, first + ASSIGNMENT_PAGE_SIZE);
  const add = props.add ?? { values: {}, errors: {}, summary: [] };
  const value = (name: string) => {
    const v = add.values[name];
    return typeof v === 'string' ? v : '';
  };
  return (
    <>
      <Breadcrumb
        items={[
          { label: w.home, href: '/' },
          { label: preview.call.title, href: `/instruction/appels/${preview.call.id}` },
        ]}
        current={w.title}
        labels={ctx.m.components}
      />
      <ErrorSummary errors={add.summary} labels={ctx.m.components} />
      {props.problem ? <Alert type="error" size="sm" description={props.problem} role="alert" /> : ''}
      {props.notice ? <Alert type="success" size="sm" description={props.notice} role="status" /> : ''}
      <h1 safe>{w.title}</h1>
      <p class="fr-text--lead" safe>
        {preview.call.title}
      </p>
      <p safe>{w.lead(preview.k)}</p>

      <h2 safe>{w.inputs.heading}</h2>
      <ul>
        <li safe>{w.inputs.dossiers(preview.dossiers.length)}</li>
        <li safe>{w.inputs.jury(preview.jury.length)}</li>
        <li safe>{w.inputs.k(preview.k)}</li>
        <li safe>{w.inputs.capacity(preview.totalCapacity)}</li>
      </ul>
      <p safe>
        {preview.publishedAt
          ? w.inputs.published(formatDateTime(preview.publishedAt, ctx.locale))
          : w.inputs.notPublished}
      </p>
      <div class="fr-grid-row fr-grid-row--gutters fr-mb-3w">
        <div class="fr-col-12 fr-col-md-6">
          <form method="post" action={`${base}/calcul`}>
            <Csrf ctx={ctx} />
            <p class="fr-hint-text" id="calcul-aide" safe>
              {w.computeHint}
            </p>
            <button type="submit" class="fr-btn" aria-describedby="calcul-aide" safe>
              {w.compute}
            </button>
          </form>
        </div>
        <div class="fr-col-12 fr-col-md-6">
          <form method="post" action={`${base}/publication`}>
            <Csrf ctx={ctx} />
            <p class="fr-hint-text" id="publication-aide" safe>
              {w.publishHint}
            </p>
            <button
              type="submit"
              class="fr-btn fr-btn--secondary"
              aria-describedby="publication-aide"
              disabled={preview.proposed === 0}
              safe
            >
              {w.publish}
            </button>
          </form>
        </div>
      </div>

      <h2 safe>{w.objective.heading}</h2>
      <ul>
        <li safe>{w.objective.pairs(preview.objective.pairs, preview.wanted)}</li>
        <li safe>{w.objective.expertise(preview.objective.expertise)}</li>
        {preview.objective.mismatches > 0 ? (
          <li safe>{w.objective.mismatches(preview.objective.mismatches)}</li>
        ) : (
          ''
        )}
        <li safe>{w.objective.load(preview.objective.load)}</li>
        <li safe>{w.objective.total(preview.objective.total)}</li>
      </ul>

      {preview.short.length > 0 ? (
        <>
          <h2 safe>{w.short.heading}</h2>
          <Table
            caption={w.short.caption}
            columns={[
              { header: w.short.colReference, rowHeader: true, value: (r) => r.dossier.reference },
              { header: w.short.colAssigned, value: (r) => `${r.assigned} / ${preview.k}` },
              { header: w.short.colReason, value: (r) => shortReasonText(w, r.reason, preview.k) },
            ]}
            rows={preview.short}
            multiline
          />
        </>
      ) : (
        ''
      )}

      <h2 safe>{w.byReviewer.heading}</h2>
      <Table
        caption={w.byReviewer.caption}
        columns={[
          { header: w.byReviewer.colReviewer, rowHeader: true, value: (j) => j.display_name },
          { header: w.byReviewer.colDomains, value: (j) => domainsText(j.domains) },
          { header: w.byReviewer.colLoad, value: (j) => `${j.load} / ${j.capacityLeft}` },
        ]}
        rows={preview.jury}
        multiline
      />

      <h2 safe>{w.add.heading}</h2>
      <form method="post" action={`${base}/ajout`} novalidate class="fr-mb-3w">
        <Csrf ctx={ctx} />
        <PageField page={page} />
        <Select
          name="dossier"
          label={w.add.dossier}
          required
          value={value('dossier')}
          error={add.errors.dossier}
          options={shown.map((d) => ({
            value: d.id,
            label: `${d.reference} – ${d.organisation_name} (${d.reviewers.length}/${preview.k})`,
          }))}
          labels={ctx.m.components}
        />
        <Select
          name="evaluateur"
          label={w.add.reviewer}
          required
          value={value('evaluateur')}
          error={add.errors.evaluateur}
          options={preview.jury.map((j) => ({
            value: j.user_id,
            label: `${j.display_name} (${j.load}/${j.capacityLeft})`,
          }))}
          labels={ctx.m.components}
        />
        <button type="submit" class="fr-btn fr-btn--secondary" safe>
          {w.add.submit}
        </button>
      </form>

      <h2 id="par-dossier" safe>
        {w.byDossier.heading}
      </h2>
      <p safe>
        {w.byDossier.range(
          formatNumber(shown.length === 0 ? 0 : first + 1, ctx.locale),
          formatNumber(first + shown.length, ctx.locale),
          formatNumber(preview.dossiers.length, ctx.locale),
        )}
      </p>
      <Table
        caption={w.byDossier.caption}
        columns={[
          { header: w.byDossier.colDossier, rowHeader: true, value: (d) => d.reference },
          { header: w.byDossier.colOrganisation, value: (d) => d.organisation_name },
          { header: w.byDossier.colCount, value: (d) => `${d.reviewers.length} / ${preview.k}` },
          {
            header: w.byDossier.colReviewers,
            render: (d) =>
              d.reviewers.length === 0 ? (
                <span safe>{w.byDossier.none}</span>
              ) : (
                <ul class="fr-raw-list">
                  {d.reviewers.map((r) => (
                    <li class="fr-mb-1w">
                      <span safe>{r.name}</span>{' '}
                      <Badge
                        as="span"
                        size="sm"
                        type={r.match ? 'success' : 'warning'}
                        label={r.match ? w.byDossier.match : w.byDossier.noMatch}
                      />{' '}
                      <Badge
                        as="span"
                        size="sm"
                        type={r.state === 'publie' ? 'info' : 'new'}
                        noIcon
                        label={r.state === 'publie' ? w.byDossier.published : w.byDossier.proposed}
                      />
                      {r.conflict ? (
                        <>
                          {' '}
                          <Badge as="span" size="sm" type="error" label={w.byDossier.conflict} />
                        </>
                      ) : (
                        ''
                      )}
                      {r.state === 'propose' ? (
                        <form method="post" action={`${base}/retrait`} class="fr-mt-1v">
                          <Csrf ctx={ctx} />
                          <PageField page={page} />
                          <input type="hidden" name="dossier" value={d.id} />
                          <input type="hidden" name="evaluateur" value={r.userId} />
                          <button
                            type="submit"
                            class="fr-btn fr-btn--sm fr-btn--tertiary"
                            title={w.byDossier.remove(r.name, d.reference)}
                          >
                            <span aria-hidden="true" safe>
                              {w.byDossier.removeShort}
                            </span>
                            <span class="fr-sr-only" safe>
                              {w.byDossier.remove(r.name, d.reference)}
                            </span>
                          </button>
                        </form>
                      ) : (
                        ''
                      )}
                    </li>
                  ))}
                </ul>
              ),
          },
        ]}
        rows={shown}
        multiline
      />
      <Pagination
        current={page}
        total={assignmentPages(preview)}
        href={(p) => (p === 1 ? `${base}#par-dossier` : `${base}?page=${p}#par-dossier`)}
        labels={ctx.m.components}
      />
    </>
  );
}
