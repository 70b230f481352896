import { formatFileSizeFr } from '../../../platform/files/index.js';
import type { RequestContext } from '../../../platform/http/context.js';
import type { FormState } from '../../../platform/http/forms.js';
import {
  Alert,
  Breadcrumb,
  ErrorSummary,
  fieldId,
  Textarea,
} from '../../../platform/views/components/index.js';
import {
  type AttachmentRef,
  type CallForm,
  exportRow,
  type FormField,
  visibleFields,
  visibleSections,
} from '../../calls/index.js';
import type { SubmissionMessages } from '../dossiers.submission.fr.js';
import type { SubmissionProblem, VersionView } from '../dossiers.submission.service.js';

interface PageProps {
  ctx: RequestContext;
  w: SubmissionMessages;
}

function Csrf({ ctx }: { ctx: RequestContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

/** Where the reader comes from: the applicant's pages, or the staff's. */
export type ReaderSide = 'applicant' | 'staff';

function crumbs(w: SubmissionMessages, side: ReaderSide, dossier: { id: string; reference: string }) {
  return side === 'applicant'
    ? [
        { label: w.home, href: '/' },
        { label: w.myDossiers, href: '/dossiers' },
        { label: dossier.reference, href: `/dossiers/${dossier.id}` },
      ]
    : [
        { label: w.home, href: '/' },
        { label: w.instruction, href: '/instruction' },
        { label: dossier.reference, href: `/instruction/dossiers/${dossier.id}` },
      ];
}

// --- The frozen version --------------------------------------------------------------------------

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A one-section form holding `fields`: lets `exportRow` write the cells of a block's occurrence. */
function formOf(fields: readonly FormField[]): CallForm {
  return { version: 1, sections: [{ id: 'bloc', title: 'bloc', fields: [...fields] }], eligibility: [] };
}

function AttachmentLink(props: {
  dossierId: string;
  value: unknown;
  view: VersionView;
  w: SubmissionMessages;
}) {
  const { value, view, w } = props;
  if (!isRecord(value) || typeof value.fileId !== 'string') return <span safe>{w.notAnswered}</span>;
  const ref = value as unknown as AttachmentRef;
  const file = view.files.get(ref.fileId);
  const label = w.attachment(file?.name ?? ref.name, formatFileSizeFr(file?.size ?? ref.size));
  return (
    <a href={`/dossiers/${props.dossierId}/fichiers/${ref.fileId}`} download="" safe>
      {label}
    </a>
  );
}

/** The answer to one field, read-only: text as exported, attachments as links, blocks as lists. */
function Answer(props: {
  field: FormField;
  answers: Record<string, unknown>;
  view: VersionView;
  w: SubmissionMessages;
}) {
  const { field, answers, view, w } = props;
  const value = Object.hasOwn(answers, field.id) ? answers[field.id] : undefined;
  if (value === undefined || value === null) return <span safe>{w.notAnswered}</span>;
  if (field.type === 'attachment')
    return <AttachmentLink dossierId={view.dossier.id} value={value} view={view} w={w} />;
  if (field.type === 'repeatable_block') {
    if (!Array.isArray(value)) return <span safe>{w.notAnswered}</span>;
    const children = field.fields.filter((c) => c.type !== 'heading');
    return (
      <ol>
        {value.filter(isRecord).map((occurrence) => {
          const cells = exportRow(formOf(field.fields), occurrence);
          return (
            <li>
              <dl>
                {children.map((child, i) => (
                  <>
                    <dt class="fr-text--bold" safe>
                      {child.label}
                    </dt>
                    <dd class="fr-mb-1w">
                      {child.type === 'attachment' ? (
                        <AttachmentLink
                          dossierId={view.dossier.id}
                          value={occurrence[child.id]}
                          view={view}
                          w={w}
                        />
                      ) : (
                        <span safe>{cells[i] || w.notAnswered}</span>
                      )}
                    </dd>
                  </>
                ))}
              </dl>
            </li>
          );
        })}
      </ol>
    );
  }
  const cell = exportRow(formOf([field]), answers)[0] ?? '';
  if (!cell) return <span safe>{w.notAnswered}</span>;
  // Long texts keep their line breaks.
  return (
    <>
      {cell.split('\n').map((line, i) => (
        <>
          {i > 0 ? <br /> : ''}
          <span safe>{line}</span>
        </>
      ))}
    </>
  );
}

function VersionAnswers({ view, w }: { view: VersionView; w: SubmissionMessages }) {
  const answers = isRecord(view.version.answers) ? view.version.answers : {};
  const shownSections = new Set(visibleSections(view.form, answers));
  const shownFields = new Map(visibleFields(view.form, answers).map((f) => [f.id, f]));
  return (
    <>
      {view.form.sections
        .filter((s) => shownSections.has(s.id))
        .map((section) => (
          <section class="fr-mt-4w" aria-labelledby={`section-${section.id}`}>
            <h3 id={`section-${section.id}`} safe>
              {section.title}
            </h3>
            <dl>
              {section.fields
                .filter((f) => shownFields.has(f.id))
                .map((declared) => {
                  const field = shownFields.get(declared.id) ?? declared;
                  // A heading of the form: a term of its own (a list item needs its description).
                  if (field.type === 'heading')
                    return (
                      <>
                        <dt class="fr-h6 fr-mt-2w fr-mb-0" safe>
                          {field.label}
                        </dt>
                        <dd safe>{field.hint ?? ''}</dd>
                      </>
                    );
                  return (
                    <>
                      <dt class="fr-text--bold fr-mt-2w" safe>
                        {field.label}
                      </dt>
                      <dd>
                        <Answer field={field} answers={answers} view={view} w={w} />
                      </dd>
                    </>
                  );
                })}
            </dl>
          </section>
        ))}
    </>
  );
}

export interface VersionPageProps extends PageProps {
  view: VersionView;
  side: ReaderSide;
  notice: 'submitted' | 'already' | null;
  /** Written dates (Paris) of the receipt and of the listed versions. */
  receivedAt: string;
  versionDates: Map<number, string>;
  canWithdraw: boolean;
}

/** GET /dossiers/:id/versions/:version: a frozen version, read-only, with its receipt. */
export function VersionPage(props: VersionPageProps) {
  const { ctx, w, view, side } = props;
  const title = w.versionTitle(view.version.version);
  const base = `/dossiers/${view.dossier.id}/versions/${view.version.version}`;
  return (
    <>
      <Breadcrumb items={crumbs(w, side, view.dossier)} current={title} labels={ctx.m.components} />
      <h1 safe>{title}</h1>
      <p class="fr-text--lead" safe>
        {w.versionLead(view.dossier.reference, view.call.title)}
      </p>
      {props.notice === 'submitted' ? (
        <Alert
          type="success"
          role="status"
          title={w.submittedNotice.title}
          description={w.submittedNotice.body}
          headingLevel={2}
        />
      ) : props.notice === 'already' ? (
        <Alert
          type="info"
          role="status"
          title={w.alreadyNotice.title}
          description={w.alreadyNotice.body}
          headingLevel={2}
        />
      ) : (
        ''
      )}

      <section class="fr-p-3w fr-background-alt--blue-france fr-my-4w" aria-labelledby="accuse">
        <h2 id="accuse" safe>
          {w.receipt.title}
        </h2>
        <dl>
          <dt class="fr-text--bold" safe>
            {w.receipt.number}
          </dt>
          <dd class="fr-mb-1w">
            <span id="numero-accuse" safe>
              {view.version.receipt_number}
            </span>
          </dd>
          <dt class="fr-text--bold" safe>
            {w.receipt.submittedAt}
          </dt>
          <dd class="fr-mb-1w" safe>
            {props.receivedAt}
          </dd>
          {view.submittedBy ? (
            <>
              <dt class="fr-text--bold" safe>
                {w.receipt.submittedBy}
              </dt>
              <dd class="fr-mb-1w" safe>
                {view.submittedBy}
              </dd>
            </>
          ) : (
            ''
          )}
          <dt class="fr-text--bold" safe>
            {w.receipt.digest}
          </dt>
          <dd class="fr-mb-1w">
            <code class="fr-text--sm" id="empreinte" safe>
              {view.version.digest}
            </code>
            <p class="fr-hint-text fr-mt-1v" safe>
              {w.receipt.digestHint}
            </p>
          </dd>
        </dl>
        <a
          class="fr-link fr-icon-download-line fr-link--icon-left"
          href={`${base}/accuse-de-reception.pdf`}
          download=""
          safe
        >
          {w.receipt.download}
        </a>
      </section>

      <h2 safe>{w.answers}</h2>
      <VersionAnswers view={view} w={w} />

      {view.versions.length > 1 ? (
        <section class="fr-mt-6w" aria-labelledby="versions">
          <h2 id="versions" safe>
            {w.otherVersions}
          </h2>
          <ul>
            {view.versions.map((v) => {
              const label = w.versionLink(v.version, props.versionDates.get(v.version) ?? '');
              return (
                <li>
                  {v.version === view.version.version ? (
                    <span aria-current="page">
                      <span safe>{label}</span> (<span safe>{w.current}</span>)
                    </span>
                  ) : (
                    <a href={`/dossiers/${view.dossier.id}/versions/${v.version}`} safe>
                      {label}
                    </a>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ) : (
        ''
      )}

      <ul class="fr-btns-group fr-btns-group--inline-md fr-mt-6w">
        <li>
          <a
            class="fr-btn fr-btn--secondary"
            href={
              side === 'applicant'
                ? `/dossiers/${view.dossier.id}`
                : `/instruction/dossiers/${view.dossier.id}`
            }
            safe
          >
            {w.backToDossier}
          </a>
        </li>
        {props.canWithdraw ? (
          <li>
            <a class="fr-btn fr-btn--tertiary" href={`/dossiers/${view.dossier.id}/retrait`} safe>
              {w.withdrawLink}
            </a>
          </li>
        ) : (
          ''
        )}
      </ul>
    </>
  );
}

// --- A refused submission ------------------------------------------------------------------------

export interface SubmissionRefusedPageProps extends PageProps {
  dossier: { id: string; reference: string };
  title: string;
  message: string;
  problems?: readonly SubmissionProblem[];
  reasons?: readonly SubmissionProblem[];
}

function problemHref(dossierId: string, p: SubmissionProblem): string {
  if (!p.section) return `/dossiers/${dossierId}/recapitulatif`;
  return `/dossiers/${dossierId}/etapes/${p.section}${p.field ? `#${fieldId(p.field)}` : ''}`;
}

function ProblemList({ dossierId, items }: { dossierId: string; items: readonly SubmissionProblem[] }) {
  return (
    <ul>
      {items.map((p) => (
        <li>
          <a href={problemHref(dossierId, p)} safe>
            {p.message}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** POST /dossiers/:id/depot refused: why (calendar, lock version, answers, eligibility), and where to go. */
export function SubmissionRefusedPage(props: SubmissionRefusedPageProps) {
  const { ctx, w, dossier } = props;
  const problems = props.problems ?? [];
  const reasons = props.reasons ?? [];
  return (
    <>
      <Breadcrumb items={crumbs(w, 'applicant', dossier)} current={props.title} labels={ctx.m.components} />
      <h1 safe>{props.title}</h1>
      <Alert type="error" title={props.title} headingLevel={2} role="alert">
        <p safe>{props.message}</p>
        {problems.length > 0 ? <ProblemList dossierId={dossier.id} items={problems} /> : ''}
        {reasons.length > 0 ? (
          <>
            <p safe>{w.refused.ineligible}</p>
            <ProblemList dossierId={dossier.id} items={reasons} />
          </>
        ) : (
          ''
        )}
      </Alert>
      <ul class="fr-btns-group fr-btns-group--inline-md fr-mt-4w">
        <li>
          <a class="fr-btn" href={`/dossiers/${dossier.id}/recapitulatif`} safe>
            {w.refused.backToSummary}
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href={`/dossiers/${dossier.id}`} safe>
            {w.refused.toDossier}
          </a>
        </li>
      </ul>
    </>
  );
}

// --- Withdrawal ----------------------------------------------------------------------------------

export interface WithdrawPageProps extends PageProps {
  dossier: { id: string; reference: string; lock_version: number };
  call: string;
  /** Null: the form; `done`: just withdrawn; `refused`: a decision was taken (or already withdrawn). */
  outcome: 'done' | 'refused' | null;
  state: FormState;
  problem?: string | undefined;
}

/** GET|POST /dossiers/:id/retrait: the confirmation page (optional reason), or why it is not possible. */
export function WithdrawPage(props: WithdrawPageProps) {
  const { ctx, w, dossier, state } = props;
  const reason = state.values.motif;
  return (
    <>
      <Breadcrumb
        items={crumbs(w, 'applicant', dossier)}
        current={w.withdraw.title}
        labels={ctx.m.components}
      />
      <ErrorSummary errors={state.summary} labels={ctx.m.components} />
      {props.problem ? <Alert type="error" size="sm" role="alert" description={props.problem} /> : ''}
      <h1 safe>{w.withdraw.title}</h1>
      <p class="fr-text--lead" safe>
        {w.withdraw.lead(dossier.reference, props.call)}
      </p>
      {props.outcome !== null ? (
        <>
          {props.outcome === 'done' ? (
            <Alert type="success" size="sm" role="status" description={w.withdraw.done} />
          ) : (
            <Alert type="warning" size="sm" description={w.withdraw.refusedDecision} />
          )}
          <p class="fr-mt-4w">
            <a class="fr-link" href={`/dossiers/${dossier.id}`} safe>
              {w.backToDossier}
            </a>
          </p>
        </>
      ) : (
        <>
          <Alert type="warning" size="sm" description={w.withdraw.warning} />
          <form method="post" action={`/dossiers/${dossier.id}/retrait`} class="fr-mt-4w" novalidate>
            <Csrf ctx={ctx} />
            <input type="hidden" name="lock_version" value={String(dossier.lock_version)} />
            <Textarea
              name="motif"
              label={w.withdraw.reason}
              hint={w.withdraw.reasonHint}
              value={typeof reason === 'string' ? reason : ''}
              error={state.errors.motif}
              maxlength={2000}
              labels={ctx.m.components}
            />
            <ul class="fr-btns-group fr-btns-group--inline-md">
              <li>
                <button class="fr-btn" type="submit" safe>
                  {w.withdraw.confirm}
                </button>
              </li>
              <li>
                <a class="fr-btn fr-btn--secondary" href={`/dossiers/${dossier.id}`} safe>
                  {w.withdraw.cancel}
                </a>
              </li>
            </ul>
          </form>
        </>
      )}
    </>
  );
}
