import type { RequestContext } from '../../../platform/http/context.js';
import type { FormState } from '../../../platform/http/forms.js';
import { formatDateTime } from '../../../platform/i18n/index.js';
import {
  Alert,
  Breadcrumb,
  ErrorSummary,
  RadioGroup,
  Table,
  Textarea,
} from '../../../platform/views/components/index.js';
import { AnswerSections, Lines } from '../../dossiers/index.js';
import { type Criterion, type Grid, levelsOf, scoreScale } from '../selection.grid.js';
import type { ReviewsMessages } from '../selection.reviews.fr.js';
import type { OtherReviewRow } from '../selection.reviews.queries.js';
import { type MyCall, type ReviewDossierPage, readStoredScores } from '../selection.reviews.service.js';
import { RECOMMENDATIONS } from '../selection.tables.js';

interface PageProps {
  ctx: RequestContext;
  w: ReviewsMessages;
}

function scoreText(score: string | number | null, grid: Grid): string {
  const scale = scoreScale(grid);
  if (score === null) return '';
  const value = (Math.round(Number(score) * 100) / 100).toLocaleString('fr-FR');
  return scale ? `${value} / ${scale.max}` : value;
}

/** GET /evaluations: the dossiers assigned to the évaluateur (published assignments), call by call. */
export function MyReviewsPage({ ctx, w, calls }: PageProps & { calls: MyCall[] }) {
  return (
    <>
      <Breadcrumb items={[{ label: w.home, href: '/' }]} current={w.title} labels={ctx.m.components} />
      <h1 safe>{w.title}</h1>
      <p class="fr-text--lead" safe>
        {w.lead}
      </p>
      {calls.length === 0 ? <p safe>{w.empty}</p> : ''}
      {calls.map((call) => (
        <section class="fr-mt-4w" aria-labelledby={`appel-${call.id}`}>
          <h2 id={`appel-${call.id}`} safe>
            {call.title}
          </h2>
          {call.rows.length > 0 ? (
            <>
              <p safe>{w.counts(call.counts.todo, call.counts.draft, call.counts.done)}</p>
              <Table
                caption={w.caption(call.title)}
                captionPosition="hidden"
                rows={call.rows}
                multiline
                columns={[
                  {
                    header: w.colReference,
                    rowHeader: true,
                    render: (r) => (
                      <a href={`/evaluations/dossiers/${r.dossier_id}`} safe>
                        {r.reference}
                      </a>
                    ),
                  },
                  { header: w.colTitle, value: (r) => r.title },
                  { header: w.colOrganisation, value: (r) => r.organisation_name },
                  { header: w.colState, value: (r) => w.states[r.state] },
                ]}
              />
            </>
          ) : (
            ''
          )}
          <p>
            <a
              class="fr-link fr-icon-warning-line fr-link--icon-left"
              href={`/evaluations/appels/${call.id}/conflits`}
              safe
            >
              {w.conflicts}
            </a>
          </p>
          {call.auditions.length > 0 ? (
            <>
              <h3 safe>{w.auditions}</h3>
              <Table
                caption={w.auditionsCaption(call.title)}
                captionPosition="hidden"
                rows={call.auditions}
                multiline
                columns={[
                  { header: w.colReference, rowHeader: true, value: (a) => a.reference },
                  { header: w.colOrganisation, value: (a) => a.organisation_name },
                  { header: w.colWhen, value: (a) => formatDateTime(a.starts_at, ctx.locale) },
                  {
                    header: w.notesShort,
                    render: (a) => (
                      <a href={`/evaluations/appels/${call.id}/auditions/${a.dossier_id}/notes`}>
                        <span aria-hidden="true" safe>
                          {w.notesShort}
                        </span>
                        <span class="fr-sr-only" safe>
                          {w.auditionNotes(a.reference)}
                        </span>
                      </a>
                    ),
                  },
                ]}
              />
            </>
          ) : (
            ''
          )}
        </section>
      ))}
    </>
  );
}

function typed(state: FormState | undefined, key: string): string | undefined {
  const v = state?.values[key];
  return typeof v === 'string' ? v : undefined;
}

function CriterionFieldset({
  ctx,
  w,
  criterion,
  score,
  comment,
  errors,
}: PageProps & {
  criterion: Criterion;
  score: string;
  comment: string;
  errors: Record<string, string>;
}) {
  const c = criterion;
  return (
    <div class="fr-mb-4w">
      <RadioGroup
        name={`score_${c.id}`}
        label={c.label}
        hint={[c.description, w.review.weight(String(c.weight).replace('.', ','))]
          .filter(Boolean)
          .join(' — ')}
        options={levelsOf(c).map((l) => ({
          value: String(l.value),
          label: l.label === String(l.value) ? l.label : `${l.value} — ${l.label}`,
        }))}
        value={score}
        error={errors[`score_${c.id}`]}
        inline={levelsOf(c).every((l) => l.label === String(l.value))}
        labels={ctx.m.components}
      />
      <Textarea
        name={`comment_${c.id}`}
        label={w.review.comment(c.label)}
        hint={c.commentRequired ? w.review.commentRequired : undefined}
        required={c.commentRequired}
        rows={3}
        maxlength={5000}
        value={comment}
        error={errors[`comment_${c.id}`]}
        labels={ctx.m.components}
      />
    </div>
  );
}

function ReviewForm({ ctx, w, page, state }: PageProps & { page: ReviewDossierPage; state?: FormState }) {
  const stored = readStoredScores(page.review?.scores);
  const errors = state?.errors ?? {};
  const grid = page.grid;
  return (
    <form method="post" action={`/evaluations/dossiers/${page.dossier.id}/evaluation`} novalidate>
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      <input
        type="hidden"
        name="lock_version"
        value={typed(state, 'lock_version') ?? String(page.review?.lock_version ?? 0)}
      />
      {grid.criteria.map((c) => (
        <CriterionFieldset
          ctx={ctx}
          w={w}
          criterion={c}
          score={typed(state, `score_${c.id}`) ?? String(stored.get(c.id)?.score ?? '')}
          comment={typed(state, `comment_${c.id}`) ?? stored.get(c.id)?.comment ?? ''}
          errors={errors}
        />
      ))}
      <Textarea
        name="overall_comment"
        label={w.review.overall}
        required={grid.overallCommentRequired}
        rows={5}
        maxlength={10000}
        value={typed(state, 'overall_comment') ?? page.review?.overall_comment ?? ''}
        error={errors.overall_comment}
        labels={ctx.m.components}
      />
      <RadioGroup
        name="recommendation"
        label={w.review.recommendation}
        required
        options={RECOMMENDATIONS.map((r) => ({ value: r, label: w.recommendations[r] }))}
        value={typed(state, 'recommendation') ?? page.review?.recommendation ?? ''}
        error={errors.recommendation}
        inline
        labels={ctx.m.components}
      />
      <ul class="fr-btns-group fr-btns-group--inline fr-mt-3w">
        <li>
          <button type="submit" name="action" value="brouillon" class="fr-btn fr-btn--secondary" safe>
            {w.review.saveDraft}
          </button>
        </li>
        <li>
          <button type="submit" name="action" value="soumettre" class="fr-btn" safe>
            {w.review.submit}
          </button>
        </li>
      </ul>
    </form>
  );
}

/** A submitted review, read-only: the score of each criterion with its level's label, comments, recommendation. */
function ReviewReadOnly({
  w,
  grid,
  review,
  headingId,
  title,
}: {
  w: ReviewsMessages;
  grid: Grid;
  review: Pick<OtherReviewRow, 'scores' | 'overall_comment' | 'recommendation' | 'weighted_score'>;
  headingId: string;
  title: string;
}) {
  const stored = readStoredScores(review.scores);
  return (
    <div class="fr-mb-4w">
      <h3 id={headingId} class="fr-h5" safe>
        {title}
      </h3>
      <p class="fr-text--bold" safe>
        {`${w.review.score(scoreText(review.weighted_score, grid))} — ${review.recommendation ? w.recommendations[review.recommendation] : ''}`}
      </p>
      <dl>
        {grid.criteria.map((c) => {
          const s = stored.get(c.id);
          const level = levelsOf(c).find((l) => l.value === s?.score);
          const scoreLabel =
            s?.score === null || s?.score === undefined
              ? w.review.notScored
              : `${s.score} / ${c.scale.max}${level && level.label !== String(level.value) ? ` — ${level.label}` : ''}`;
          return (
            <>
              <dt class="fr-text--bold" safe>
                {c.label}
              </dt>
              <dd class="fr-mb-2w">
                <p class="fr-mb-1w" safe>
                  {scoreLabel}
                </p>
                {s?.comment ? <Lines text={s.comment} /> : ''}
              </dd>
            </>
          );
        })}
        <dt class="fr-text--bold" safe>
          {w.review.overall}
        </dt>
        <dd class="fr-mb-2w">
          {review.overall_comment ? (
            <Lines text={review.overall_comment} />
          ) : (
            <em safe>{w.review.noComment}</em>
          )}
        </dd>
      </dl>
    </div>
  );
}

/** GET /evaluations/dossiers/:id: the frozen dossier, its files, the évaluateur's review (and the others'). */
export function ReviewDossierPageView({
  ctx,
  w,
  page,
  state,
  notice,
  problem,
}: PageProps & { page: ReviewDossierPage; state?: FormState; notice?: string; problem?: string }) {
  const d = page.dossier;
  const submitted = page.review?.submitted_at ?? null;
  return (
    <>
      <Breadcrumb
        items={[
          { label: w.home, href: '/' },
          { label: w.title, href: '/evaluations' },
        ]}
        current={d.reference}
        labels={ctx.m.components}
      />
      <ErrorSummary errors={state?.summary ?? []} labels={ctx.m.components} />
      {problem ? <Alert type="error" size="sm" description={problem} role="alert" /> : ''}
      {notice ? <Alert type="success" size="sm" description={notice} role="status" /> : ''}
      <h1 safe>{`${d.reference} — ${d.title}`}</h1>
      <p>
        <span safe>{`${w.dossier.organisation} : ${d.organisation_name}`}</span>
        <br />
        <span safe>{`${w.dossier.call} : ${d.call_title}`}</span>
      </p>
      <p>
        <a
          class="fr-link fr-icon-warning-line fr-link--icon-left"
          href={`/evaluations/appels/${d.call_id}/conflits`}
          safe
        >
          {w.conflicts}
        </a>
      </p>

      <section class="fr-mt-4w" aria-labelledby="reponses-titre">
        <h2 id="reponses-titre" safe>
          {page.version ? w.dossier.answersTitle(page.version.version) : w.dossier.noVersion}
        </h2>
        {page.version ? (
          <AnswerSections sections={page.version.sections} notAnswered={w.dossier.notAnswered} />
        ) : (
          ''
        )}
      </section>

      <section class="fr-mt-4w" aria-labelledby="pieces-titre">
        <h2 id="pieces-titre" safe>
          {w.dossier.filesTitle}
        </h2>
        {page.files.length === 0 ? (
          <p safe>{w.dossier.noFiles}</p>
        ) : (
          <ul>
            {page.files.map((f) => (
              <li>
                <a class="fr-link fr-link--download" href={`/evaluations/dossiers/${d.id}/pieces/${f.id}`}>
                  <span safe>{w.dossier.download(f.name)}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="fr-mt-4w fr-p-3w fr-background-alt--grey" aria-labelledby="evaluation-titre">
        <h2 id="evaluation-titre" safe>
          {w.review.title}
        </h2>
        {submitted && page.review ? (
          <>
            <p safe>{w.review.submittedAt(formatDateTime(submitted, ctx.locale))}</p>
            <ReviewReadOnly
              w={w}
              grid={page.grid}
              review={page.review}
              headingId="mon-evaluation"
              title={w.review.title}
            />
          </>
        ) : page.grid.criteria.length === 0 ? (
          <p safe>{w.review.noGrid}</p>
        ) : (
          <>
            <p class="fr-text--sm" safe>
              {w.review.lead}
            </p>
            <ReviewForm ctx={ctx} w={w} page={page} state={state} />
          </>
        )}
      </section>

      {page.others ? (
        <section class="fr-mt-4w" aria-labelledby="autres-titre">
          <h2 id="autres-titre" safe>
            {w.others.title}
          </h2>
          {page.others.length === 0 ? <p safe>{w.others.empty}</p> : ''}
          {page.others.map((o, i) => (
            <ReviewReadOnly
              w={w}
              grid={page.grid}
              review={o}
              headingId={`autre-${i}`}
              title={w.others.by(o.display_name)}
            />
          ))}
        </section>
      ) : (
        ''
      )}
    </>
  );
}
