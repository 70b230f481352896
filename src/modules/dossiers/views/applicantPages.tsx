import Html from '@kitajs/html';
import { assetUrl } from '../../../platform/http/assets.js';
import type { RequestContext } from '../../../platform/http/context.js';
import { formatDateTime } from '../../../platform/i18n/index.js';
import {
  Alert,
  Badge,
  Breadcrumb,
  ErrorSummary,
  type FieldError,
  Input,
  Stepper,
  Table,
} from '../../../platform/views/components/index.js';
import type { FormSection } from '../../calls/index.js';
import type { DossiersMessages } from '../dossiers.fr.js';
import { isEditable } from '../dossiers.lifecycle.js';
import type { MyDossierRow, PartnerRow } from '../dossiers.queries.js';
import type { Answers, LoadedDossier } from '../dossiers.service.js';
import type { DossierStatus } from '../dossiers.tables.js';
import { STATUS_LABELS_EN, STATUS_LABELS_FR } from '../dossiers.words.js';
import {
  AnswersList,
  AttachmentForms,
  attachmentPaths,
  type FieldRenderContext,
  SectionFields,
} from './applicantFields.js';

interface PageProps {
  ctx: RequestContext;
  w: DossiersMessages;
}

const BADGE: Record<DossierStatus, 'info' | 'success' | 'warning' | 'error' | 'new'> = {
  brouillon: 'new',
  depose: 'info',
  en_instruction: 'info',
  a_corriger: 'warning',
  recevable: 'success',
  irrecevable: 'error',
  en_evaluation: 'info',
  auditionne: 'info',
  laureat: 'success',
  non_retenu: 'error',
  sans_suite: 'warning',
};

export function StatusBadge(props: { ctx: RequestContext; status: DossierStatus }): JSX.Element {
  const labels = props.ctx.locale === 'fr' ? STATUS_LABELS_FR : STATUS_LABELS_EN;
  return <Badge label={labels[props.status]} type={BADGE[props.status]} size="sm" noIcon />;
}

function Csrf({ ctx }: { ctx: RequestContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

function DossierBreadcrumb(props: PageProps & { dossier: LoadedDossier; current: string; here?: boolean }) {
  const { ctx, w, dossier } = props;
  const items = [
    { label: w.home, href: '/' },
    { label: w.myDossiers, href: '/dossiers' },
  ];
  if (!props.here) items.push({ label: dossier.title, href: `/dossiers/${dossier.id}` });
  return <Breadcrumb items={items} current={props.current} labels={ctx.m.components} />;
}

/** GET /dossiers */
export function MyDossiersPage(props: PageProps & { dossiers: readonly MyDossierRow[] }): JSX.Element {
  const { ctx, w } = props;
  return (
    <>
      <Breadcrumb items={[{ label: w.home, href: '/' }]} current={w.myDossiers} labels={ctx.m.components} />
      <h1 safe>{w.myDossiers}</h1>
      <p safe>{w.list.intro}</p>
      {props.dossiers.length === 0 ? (
        <>
          <p safe>{w.list.empty}</p>
          <a class="fr-btn" href="/appels" safe>
            {w.list.browseCalls}
          </a>
        </>
      ) : (
        <Table
          caption={w.list.caption}
          captionPosition="hidden"
          rows={props.dossiers}
          columns={[
            {
              header: w.list.colDossier,
              rowHeader: true,
              render: (d) => (
                <>
                  <a href={`/dossiers/${d.id}`} safe>
                    {d.title}
                  </a>
                  <br />
                  <span class="fr-text--xs" safe>
                    {d.reference}
                  </span>
                </>
              ),
            },
            {
              header: w.list.colCall,
              render: (d) => (
                <a href={`/appels/${encodeURIComponent(d.call_slug)}`} safe>
                  {d.call_title}
                </a>
              ),
            },
            {
              header: w.list.colOrganisation,
              value: (d) =>
                d.as_partner ? `${d.organisation_name} ${w.list.asPartner}` : d.organisation_name,
            },
            { header: w.list.colStatus, render: (d) => <StatusBadge ctx={ctx} status={d.status} /> },
            { header: w.list.colUpdated, value: (d) => formatDateTime(d.updated_at, ctx.locale) },
          ]}
        />
      )}
    </>
  );
}

/** GET /dossiers/:id */
export function OverviewPage(
  props: PageProps & {
    dossier: LoadedDossier;
    partners: readonly PartnerRow[];
    steps: readonly { section: FormSection; complete: boolean }[];
    versions: readonly { version: number; submitted_at: Date }[];
    notice?: string | undefined;
  },
): JSX.Element {
  const { ctx, w, dossier } = props;
  const editable = isEditable(dossier.status);
  return (
    <>
      <DossierBreadcrumb ctx={ctx} w={w} dossier={dossier} current={dossier.title} here />
      {props.notice ? <Alert type="success" size="sm" description={props.notice} role="status" /> : ''}
      <h1 safe>{dossier.title}</h1>
      <StatusBadge ctx={ctx} status={dossier.status} />
      <dl class="fr-mt-3w">
        <dt class="fr-text--bold" safe>
          {w.overview.reference}
        </dt>
        <dd safe>{dossier.reference}</dd>
        <dt class="fr-text--bold" safe>
          {w.overview.call}
        </dt>
        <dd>
          <a href={`/appels/${encodeURIComponent(dossier.call_slug)}`} safe>
            {dossier.call_title}
          </a>
        </dd>
        <dt class="fr-text--bold" safe>
          {w.overview.organisation}
        </dt>
        <dd safe>{dossier.organisation_name}</dd>
        <dt class="fr-text--bold" safe>
          {w.overview.partners}
        </dt>
        <dd>
          {props.partners.length === 0 ? Html.escapeHtml(w.overview.noPartners) : ''}
          {props.partners.length > 0 ? (
            <ul>
              {props.partners.map((p) => (
                <li safe>{p.name}</li>
              ))}
            </ul>
          ) : (
            ''
          )}
          <a class="fr-link fr-text--sm" href={`/dossiers/${dossier.id}/partenaires`} safe>
            {w.overview.managePartners}
          </a>
        </dd>
        <dt class="fr-text--bold" safe>
          {w.overview.updated}
        </dt>
        <dd safe>{formatDateTime(dossier.updated_at, ctx.locale)}</dd>
      </dl>
      {editable ? '' : <Alert type="info" size="sm" description={w.overview.notEditable} />}
      <h2 class="fr-mt-4w" safe>
        {w.overview.steps}
      </h2>
      <ol class="dossier-steps">
        {props.steps.map((step, i) => (
          <li class="fr-mb-1w">
            <a href={`/dossiers/${dossier.id}/etapes/${step.section.id}`} safe>
              {`${i + 1}. ${step.section.title}`}
            </a>{' '}
            <Badge
              label={step.complete ? w.overview.complete : w.overview.incomplete}
              type={step.complete ? 'success' : 'warning'}
              size="sm"
              as="span"
            />
          </li>
        ))}
      </ol>
      <ul class="fr-btns-group fr-btns-group--inline-md fr-mt-3w">
        <li>
          <a class="fr-btn" href={`/dossiers/${dossier.id}/recapitulatif`} safe>
            {w.overview.summary}
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href={`/dossiers/${dossier.id}/messages`} safe>
            {w.overview.messages}
          </a>
        </li>
        {dossier.status !== 'sans_suite' ? (
          <li>
            <a class="fr-btn fr-btn--tertiary" href={`/dossiers/${dossier.id}/retrait`} safe>
              {w.overview.withdraw}
            </a>
          </li>
        ) : (
          ''
        )}
      </ul>
      {props.versions.length > 0 ? (
        <>
          <h2 class="fr-mt-4w" safe>
            {w.overview.versions}
          </h2>
          <ul>
            {props.versions.map((v) => (
              <li>
                <a href={`/dossiers/${dossier.id}/versions/${v.version}`} safe>
                  {w.overview.version(v.version, formatDateTime(v.submitted_at, ctx.locale))}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
    </>
  );
}

export interface StepPageProps extends PageProps {
  dossier: LoadedDossier;
  section: FormSection;
  /** 1-based position among the visible sections, and their number. */
  index: number;
  total: number;
  nextTitle?: string | undefined;
  /** What the fields show: saved answers, or what was typed (malformed ones included). */
  display: Answers;
  visible: ReadonlySet<string>;
  errors: Record<string, string>;
  lockVersion: number;
  addTo?: string | undefined;
  notice?: string | undefined;
  /** A save refused because the dossier changed meanwhile: the answers saved now. */
  conflict?: Answers | undefined;
  problem?: string | undefined;
}

/** GET|POST /dossiers/:id/etapes/:section */
export function StepPage(props: StepPageProps): JSX.Element {
  const { ctx, w, dossier, section } = props;
  const editable = isEditable(dossier.status);
  const r: FieldRenderContext = {
    ctx,
    w,
    dossierId: dossier.id,
    visible: props.visible,
    errors: props.errors,
    lockVersion: props.lockVersion,
  };
  const summary: FieldError[] = Object.entries(props.errors).map(([field, message]) => ({ field, message }));
  const visibleFields = section.fields.filter((f) => props.visible.has(f.id));
  return (
    <>
      <DossierBreadcrumb ctx={ctx} w={w} dossier={dossier} current={section.title} />
      <Stepper
        title={section.title}
        current={props.index}
        total={props.total}
        nextTitle={props.nextTitle}
        headingLevel={2}
        labels={ctx.m.components}
      />
      <h1 class="fr-sr-only" safe>
        {`${dossier.title} — ${section.title}`}
      </h1>
      {section.description ? (
        <p class="dossier-description" safe>
          {section.description}
        </p>
      ) : (
        ''
      )}
      {props.notice ? <Alert type="success" size="sm" description={props.notice} role="status" /> : ''}
      {props.problem ? <Alert type="error" size="sm" description={props.problem} role="alert" /> : ''}
      {props.conflict ? (
        <Alert type="error" title={w.step.conflictTitle} description={w.step.conflict} role="alert">
          <details class="fr-mt-2w">
            <summary safe>{w.step.currentAnswers}</summary>
            <AnswersList fields={section.fields} values={props.conflict} dossierId={dossier.id} w={w} />
          </details>
        </Alert>
      ) : (
        ''
      )}
      {summary.length > 0 && !props.conflict ? (
        <ErrorSummary errors={summary} title={w.step.errorsTitle} labels={ctx.m.components} />
      ) : (
        ''
      )}
      {editable ? (
        <>
          <p class="fr-text--sm" safe>
            {w.step.requiredNote}
          </p>
          <form
            method="post"
            action={`/dossiers/${dossier.id}/etapes/${section.id}`}
            novalidate
            id="dossier-form"
            data-autosave={`/dossiers/${dossier.id}/brouillon`}
            data-section={section.id}
            data-locale={ctx.locale}
          >
            <Csrf ctx={ctx} />
            <input type="hidden" name="lock_version" value={String(props.lockVersion)} />
            <SectionFields fields={section.fields} display={props.display} addTo={props.addTo} r={r} />
            <p class="fr-text--sm fr-mt-2w" id="dossier-autosave" aria-live="polite" role="status" />
            <ul class="fr-btns-group fr-btns-group--inline-md fr-mt-3w">
              <li>
                <button class="fr-btn" type="submit" name="suite" value="1" safe>
                  {w.step.saveAndContinue}
                </button>
              </li>
              <li>
                <button class="fr-btn fr-btn--secondary" type="submit" name="brouillon" value="1" safe>
                  {w.step.saveDraft}
                </button>
              </li>
            </ul>
          </form>
          <AttachmentForms paths={attachmentPaths(section.fields, props.display, props.addTo)} r={r} />
          <script type="module" src={assetUrl('app', 'dossier-form.js')} nonce={ctx.nonce} />
        </>
      ) : (
        <>
          <Alert type="info" size="sm" description={w.step.readOnly} />
          <AnswersList fields={visibleFields} values={dossier.answersRecord} dossierId={dossier.id} w={w} />
        </>
      )}
      <p class="fr-mt-4w">
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={`/dossiers/${dossier.id}`} safe>
          {w.step.back}
        </a>
      </p>
    </>
  );
}

/** GET /dossiers/:id/recapitulatif */
export function SummaryPage(
  props: PageProps & {
    dossier: LoadedDossier;
    sections: readonly { section: FormSection; fields: FormSection['fields'] }[];
    errors: readonly { field: string; message: string; label: string; sectionId: string }[];
    reasons: readonly string[];
    canSubmit: boolean;
    submissionKey: string;
  },
): JSX.Element {
  const { ctx, w, dossier } = props;
  return (
    <>
      <DossierBreadcrumb ctx={ctx} w={w} dossier={dossier} current={w.summary.title} />
      <h1 safe>{w.summary.title}</h1>
      <p safe>{dossier.title}</p>
      {isEditable(dossier.status) ? (
        <p safe>{w.summary.intro}</p>
      ) : (
        <Alert type="info" size="sm" description={w.summary.notEditable} />
      )}
      {props.errors.length > 0 ? (
        <Alert
          type="error"
          title={w.summary.errorsTitle}
          description={w.summary.errorsIntro}
          headingLevel={2}
        >
          <ul>
            {props.errors.map((e) => (
              <li>
                <a
                  href={`/dossiers/${dossier.id}/etapes/${e.sectionId}#field-${e.field.replace(/[^A-Za-z0-9_-]+/g, '-')}`}
                  safe
                >
                  {`${e.label} : ${e.message}`}
                </a>
              </li>
            ))}
          </ul>
        </Alert>
      ) : (
        ''
      )}
      {props.reasons.length > 0 ? (
        <Alert type="warning" title={w.summary.eligibilityTitle} headingLevel={2} id="eligibilite">
          <ul>
            {props.reasons.map((reason) => (
              <li safe>{reason}</li>
            ))}
          </ul>
        </Alert>
      ) : (
        ''
      )}
      {props.sections.map(({ section, fields }) => (
        <section class="fr-mt-4w" aria-labelledby={`section-${section.id}`}>
          <h2 id={`section-${section.id}`} safe>
            {section.title}
          </h2>
          <AnswersList fields={fields} values={dossier.answersRecord} dossierId={dossier.id} w={w} />
          {isEditable(dossier.status) ? (
            <a
              class="fr-link fr-icon-edit-line fr-link--icon-left"
              href={`/dossiers/${dossier.id}/etapes/${section.id}`}
              safe
            >
              {`${w.summary.edit} : ${section.title}`}
            </a>
          ) : (
            ''
          )}
        </section>
      ))}
      {props.canSubmit ? (
        <form method="post" action={`/dossiers/${dossier.id}/depot`} class="fr-mt-6w" id="depot">
          <Csrf ctx={ctx} />
          <input type="hidden" name="submission_key" value={props.submissionKey} />
          <input type="hidden" name="lock_version" value={String(dossier.lock_version)} />
          <p safe>{w.summary.submitIntro}</p>
          <button class="fr-btn" type="submit" safe>
            {w.summary.submit}
          </button>
        </form>
      ) : (
        ''
      )}
    </>
  );
}

/** GET|POST /dossiers/:id/partenaires */
export function PartnersPage(
  props: PageProps & {
    dossier: LoadedDossier;
    partners: readonly PartnerRow[];
    canManage: boolean;
    value?: string | undefined;
    error?: string | undefined;
    notice?: string | undefined;
    problem?: string | undefined;
  },
): JSX.Element {
  const { ctx, w, dossier } = props;
  const manage = props.canManage && isEditable(dossier.status);
  return (
    <>
      <DossierBreadcrumb ctx={ctx} w={w} dossier={dossier} current={w.partners.title} />
      <h1 safe>{w.partners.title}</h1>
      <p safe>{w.partners.intro}</p>
      {props.notice ? <Alert type="success" size="sm" description={props.notice} role="status" /> : ''}
      {props.problem ? <Alert type="error" size="sm" description={props.problem} role="alert" /> : ''}
      {props.error ? (
        <ErrorSummary errors={[{ field: 'identifiant', message: props.error }]} labels={ctx.m.components} />
      ) : (
        ''
      )}
      {props.partners.length === 0 ? (
        <p safe>{w.partners.none}</p>
      ) : (
        <ul>
          {props.partners.map((p) => (
            <li class="fr-mb-1w">
              <span safe>{p.name}</span>
              {p.siren ? <span class="fr-text--sm" safe>{` (SIREN ${p.siren})`}</span> : ''}
              {manage ? (
                <form
                  method="post"
                  action={`/dossiers/${dossier.id}/partenaires/${p.id}/suppression`}
                  class="fr-display-inline"
                >
                  <Csrf ctx={ctx} />{' '}
                  <button class="fr-btn fr-btn--tertiary fr-btn--sm" type="submit" safe>
                    {w.partners.remove}
                  </button>
                </form>
              ) : (
                ''
              )}
            </li>
          ))}
        </ul>
      )}
      {manage ? (
        <form method="post" action={`/dossiers/${dossier.id}/partenaires`} class="fr-mt-4w">
          <Csrf ctx={ctx} />
          <Input
            name="identifiant"
            label={w.partners.identifier}
            hint={w.partners.identifierHint}
            value={props.value ?? ''}
            error={props.error}
            labels={ctx.m.components}
          />
          <button class="fr-btn" type="submit" safe>
            {w.partners.add}
          </button>
        </form>
      ) : !props.canManage ? (
        <p class="fr-text--sm" safe>
          {w.partners.onlyMain}
        </p>
      ) : (
        ''
      )}
      <p class="fr-mt-4w">
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={`/dossiers/${dossier.id}`} safe>
          {w.step.back}
        </a>
      </p>
    </>
  );
}
