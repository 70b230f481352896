import { formatFileSizeFr } from '../../../platform/files/index.js';
import { assetUrl } from '../../../platform/http/assets.js';
import type { RequestContext } from '../../../platform/http/context.js';
import type { FormState } from '../../../platform/http/forms.js';
import { formatDateTime, formatNumber } from '../../../platform/i18n/index.js';
import {
  Alert,
  Badge,
  Breadcrumb,
  Button,
  CheckboxGroup,
  ErrorSummary,
  RadioGroup,
  Table,
} from '../../../platform/views/components/index.js';
import type { ExportsMessages } from '../dossiers.exports.fr.js';
import type { ExportCall, ExportRow } from '../dossiers.exports.queries.js';
import { DOSSIER_STATUSES, type ExportState } from '../dossiers.tables.js';
import { STATUS_LABELS_EN, STATUS_LABELS_FR } from '../dossiers.words.js';

interface Props {
  ctx: RequestContext;
  w: ExportsMessages;
  call: ExportCall;
}

/** Statuses an export may filter on (drafts are never exported). */
export const EXPORTABLE_STATUSES = DOSSIER_STATUSES.filter((s) => s !== 'brouillon');

function statusLabels(ctx: RequestContext) {
  return ctx.locale === 'fr' ? STATUS_LABELS_FR : STATUS_LABELS_EN;
}

function Crumbs({ ctx, w, call, current }: Props & { current: string }) {
  return (
    <Breadcrumb
      items={[
        { label: w.breadcrumb.home, href: '/' },
        { label: w.breadcrumb.instruction, href: '/instruction' },
        { label: call.title, href: `/instruction/appels/${call.id}` },
      ]}
      current={current}
      labels={ctx.m.components}
    />
  );
}

const STATE_BADGE: Record<ExportState, 'info' | 'success' | 'error' | 'new' | 'warning'> = {
  queued: 'new',
  running: 'info',
  done: 'success',
  failed: 'error',
  expired: 'warning',
};

function StateBadge({ w, state }: { w: ExportsMessages; state: ExportState }) {
  return <Badge type={STATE_BADGE[state]} label={w.states[state]} size="sm" as="span" />;
}

/** GET /instruction/appels/:callId/exports: the request form and the recent exports of the call. */
export function ExportsPage({
  ctx,
  w,
  call,
  exports,
  form,
}: Props & { exports: readonly ExportRow[]; form: FormState }) {
  const labels = statusLabels(ctx);
  const chosen = form.values.statuses;
  const title = w.list.title(call.title);
  return (
    <>
      <Crumbs ctx={ctx} w={w} call={call} current={title} />
      <h1 safe>{title}</h1>
      <p class="fr-text--lead" safe>
        {w.list.lead}
      </p>
      <ErrorSummary errors={form.summary} title={w.errors.title} labels={ctx.m.components} />
      <h2 safe>{w.list.request}</h2>
      <form method="post" action={`/instruction/appels/${call.id}/exports`}>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <RadioGroup
          name="format"
          label={w.list.format}
          required
          inline
          value={typeof form.values.format === 'string' ? form.values.format : 'csv'}
          error={form.errors.format}
          labels={ctx.m.components}
          options={[
            { value: 'csv', label: w.list.formats.csv },
            { value: 'xlsx', label: w.list.formats.xlsx },
          ]}
        />
        <CheckboxGroup
          name="statuses"
          label={w.list.statuses}
          hint={w.list.statusesHint}
          error={form.errors.statuses}
          labels={ctx.m.components}
          values={Array.isArray(chosen) ? chosen : typeof chosen === 'string' ? [chosen] : []}
          options={EXPORTABLE_STATUSES.map((s) => ({ value: s, label: labels[s] }))}
        />
        <Button type="submit" label={w.list.submit} icon="fr-icon-download-line" />
      </form>
      <h2 class="fr-mt-6w" safe>
        {w.list.recent}
      </h2>
      <Table
        caption={w.list.caption}
        captionPosition="hidden"
        rows={exports}
        emptyText={w.list.none}
        columns={[
          {
            header: w.list.colCreated,
            rowHeader: true,
            render: (row) => (
              <a href={`/instruction/appels/${call.id}/exports/${row.id}`} safe>
                {formatDateTime(row.created_at, ctx.locale)}
              </a>
            ),
          },
          { header: w.list.colFormat, value: (row) => row.format.toUpperCase() },
          {
            header: w.list.colStatuses,
            value: (row) =>
              row.statuses.length === 0 ? w.list.allStatuses : row.statuses.map((s) => labels[s]).join(', '),
          },
          { header: w.list.colState, render: (row) => <StateBadge w={w} state={row.state} /> },
        ]}
      />
      <p class="fr-mt-4w">
        <a class="fr-link" href={`/instruction/appels/${call.id}`} safe>
          {w.list.back}
        </a>
      </p>
    </>
  );
}

/** GET …/exports/:exportId: progress, then the download link until it expires. */
export function ExportProgressPage({ ctx, w, call, row, valid }: Props & { row: ExportRow; valid: boolean }) {
  const self = `/instruction/appels/${call.id}/exports/${row.id}`;
  const list = `/instruction/appels/${call.id}/exports`;
  const count = w.progress.count(
    formatNumber(row.done, ctx.locale),
    formatNumber(row.total ?? 0, ctx.locale),
  );
  const inProgress = row.state === 'queued' || row.state === 'running';
  const expired = row.state === 'expired' || (row.state === 'done' && !valid);
  return (
    <>
      <Crumbs ctx={ctx} w={w} call={call} current={w.progress.title} />
      <h1 safe>{w.progress.title}</h1>
      <p>
        <StateBadge w={w} state={expired ? 'expired' : row.state} />
      </p>
      {inProgress ? (
        <div data-export-progress={self} aria-live="polite">
          <p data-export-count safe>
            {row.total === null ? w.progress.waiting : count}
          </p>
          {row.total ? <progress max={String(row.total)} value={String(row.done)} aria-label={count} /> : ''}
          <p>
            <a class="fr-link fr-icon-refresh-line fr-link--icon-left" href={self} safe>
              {w.progress.refresh}
            </a>
          </p>
          <script type="module" src={assetUrl('app', 'export-progress.js')} nonce={ctx.nonce} />
        </div>
      ) : (
        ''
      )}
      {row.state === 'done' && !expired ? (
        <>
          <Alert type="success" size="sm" role="status" description={`${w.progress.ready} ${count}`} />
          <p class="fr-mt-2w">
            <Button
              href={`${self}/fichier`}
              icon="fr-icon-download-line"
              label={w.progress.download(row.format.toUpperCase(), formatFileSizeFr(row.size ?? 0))}
            />
          </p>
          {row.expires_at ? (
            <p safe>{w.progress.expiresAt(formatDateTime(row.expires_at, ctx.locale))}</p>
          ) : (
            ''
          )}
        </>
      ) : (
        ''
      )}
      {row.state === 'failed' ? <Alert type="error" size="sm" description={w.progress.failed} /> : ''}
      {expired ? <Alert type="warning" size="sm" description={w.progress.expired} /> : ''}
      <p class="fr-mt-4w">
        <a class="fr-link" href={list} safe>
          {row.state === 'failed' || expired ? w.progress.again : w.progress.back}
        </a>
      </p>
    </>
  );
}

/** A refusal page for a download (410 expired, 409 not ready). */
export function ExportProblemPage({
  ctx,
  w,
  call,
  message,
  exportId,
}: Props & { message: string; exportId: string }) {
  return (
    <>
      <Crumbs ctx={ctx} w={w} call={call} current={w.progress.title} />
      <h1 safe>{w.progress.title}</h1>
      <Alert type="error" role="alert" title={w.errors.title} description={message} />
      <p class="fr-mt-4w">
        <a class="fr-link" href={`/instruction/appels/${call.id}/exports/${exportId}`} safe>
          {w.progress.back}
        </a>
      </p>
      <p>
        <a class="fr-link" href={`/instruction/appels/${call.id}/exports`} safe>
          {w.progress.again}
        </a>
      </p>
    </>
  );
}
