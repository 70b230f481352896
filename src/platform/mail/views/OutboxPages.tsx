import type { RequestContext } from '../../http/context.js';
import type { FormState } from '../../http/forms.js';
import { formatDateTime, formatNumber } from '../../i18n/index.js';
import { Alert } from '../../views/components/Alert.js';
import { Button } from '../../views/components/Button.js';
import { ErrorSummary } from '../../views/components/ErrorSummary.js';
import { Input } from '../../views/components/Input.js';
import { Pagination } from '../../views/components/Pagination.js';
import { Table } from '../../views/components/Table.js';
import type { MailLabels } from '../mail.labels.js';
import type { OutboxMessage, OutboxSummary } from '../mail.queries.js';

export const OUTBOX_PATH = '/dev/boite-mail';
export const outboxMessagePath = (id: string) => `${OUTBOX_PATH}/${encodeURIComponent(id)}`;

export interface OutboxListProps {
  ctx: RequestContext;
  l: MailLabels['outbox'];
  messages: readonly OutboxSummary[];
  total: number;
  page: number;
  pages: number;
  delivery: 'smtp' | 'outbox';
  /** The test mail was just queued (after the redirect). */
  queued: boolean;
  form: FormState;
}

/** /dev/boite-mail: the test mail form, then the kept messages, newest first. */
export function OutboxListPage(props: OutboxListProps): JSX.Element {
  const { ctx, l, form } = props;
  const labels = ctx.m.components;
  const email = form.values.email;
  return (
    <>
      <ErrorSummary errors={form.summary} labels={labels} />
      <h1 safe>{l.title}</h1>
      {props.queued ? (
        <Alert type="success" role="status" title={l.queuedTitle} description={l.queued} />
      ) : (
        ''
      )}
      <p class="fr-mt-3w" safe>
        {l.intro}
      </p>
      {props.delivery === 'smtp' ? <Alert type="info" size="sm" description={l.smtpConfigured} /> : ''}

      <h2 class="fr-mt-5w" safe>
        {l.testTitle}
      </h2>
      <form method="post" action={`${OUTBOX_PATH}/essai`} novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <Input
          type="email"
          name="email"
          label={l.testLabel}
          hint={l.testHint}
          autocomplete="email"
          spellcheck={false}
          required
          value={typeof email === 'string' ? email : undefined}
          error={form.errors.email}
          labels={labels}
        />
        <Button type="submit" label={l.testSubmit} labels={labels} />
      </form>

      <div class="fr-mt-6w">
        <p safe>
          {l.total(formatNumber(props.total, ctx.locale)) +
            (props.pages > 1 ? l.pageOf(props.page, props.pages) : '')}
        </p>
        <Table<OutboxSummary>
          caption={l.caption}
          rows={props.messages}
          emptyText={l.empty}
          columns={[
            { header: l.date, value: (m) => formatDateTime(m.created_at, ctx.locale) },
            { header: l.to, value: (m) => m.to_address },
            {
              header: l.subject,
              rowHeader: true,
              render: (m) => (
                <a href={outboxMessagePath(m.id)} safe>
                  {m.subject}
                </a>
              ),
            },
          ]}
        />
        <Pagination
          current={props.page}
          total={props.pages}
          href={(page) => (page === 1 ? OUTBOX_PATH : `${OUTBOX_PATH}?page=${page}`)}
          labels={labels}
        />
      </div>
    </>
  );
}

/** /dev/boite-mail/:id: the message's envelope, its text version, and a link to its HTML version. */
export function OutboxMessagePage(props: {
  ctx: RequestContext;
  l: MailLabels['outbox'];
  message: OutboxMessage;
}): JSX.Element {
  const { ctx, l, message } = props;
  return (
    <>
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={OUTBOX_PATH} safe>
          {l.back}
        </a>
      </p>
      <h1 safe>{l.detailTitle(message.subject)}</h1>
      <dl>
        <dt class="fr-text--bold" safe>
          {l.date}
        </dt>
        <dd safe>{formatDateTime(message.created_at, ctx.locale)}</dd>
        <dt class="fr-text--bold" safe>
          {l.from}
        </dt>
        <dd safe>{message.from_address}</dd>
        <dt class="fr-text--bold" safe>
          {l.to}
        </dt>
        <dd safe>{message.to_address}</dd>
        <dt class="fr-text--bold" safe>
          {l.subject}
        </dt>
        <dd safe>{message.subject}</dd>
        <dt class="fr-text--bold" safe>
          {l.template}
        </dt>
        <dd>
          <code safe>{message.template}</code>
        </dd>
      </dl>

      <h2 class="fr-mt-5w" safe>
        {l.textVersion}
      </h2>
      <pre tabindex="0" lang={message.locale} safe>
        {message.text_body}
      </pre>

      <h2 class="fr-mt-5w" safe>
        {l.htmlVersion}
      </h2>
      <p safe>{l.htmlHelp}</p>
      <p>
        <a
          class="fr-link fr-icon-external-link-line fr-link--icon-right"
          href={`${outboxMessagePath(message.id)}/html`}
          safe
        >
          {l.openHtml}
        </a>
      </p>
    </>
  );
}
