import type { RequestContext } from '../../../platform/http/context.js';
import {
  Alert,
  Breadcrumb,
  Button,
  CheckboxGroup,
  ErrorSummary,
} from '../../../platform/views/components/index.js';
import type { NotificationsMessages } from '../notifications.fr.js';
import type { NotificationTopic } from '../notifications.topics.js';

export interface PreferenceRow {
  topic: NotificationTopic;
  legal: boolean;
  on: boolean;
}

/** « Notifications par e-mail »: one box per topic; the legally needed ones checked and disabled. */
export function NotificationsPage({
  ctx,
  w,
  preferences,
  saved,
  error,
}: {
  ctx: RequestContext;
  w: NotificationsMessages;
  preferences: readonly PreferenceRow[];
  saved?: boolean;
  error?: string | undefined;
}) {
  const labels = ctx.m.components;
  return (
    <>
      <Breadcrumb
        items={[
          { label: w.breadcrumb.home, href: '/' },
          { label: w.breadcrumb.account, href: '/compte' },
        ]}
        current={w.title}
        labels={labels}
      />
      <h1 safe>{w.title}</h1>
      <p class="fr-text--lead" safe>
        {w.lead}
      </p>
      {saved ? <Alert type="success" role="status" size="sm" description={w.saved} /> : ''}
      <ErrorSummary
        errors={error ? [{ field: 'topics', message: error }] : []}
        title={w.errorSummaryTitle}
        labels={labels}
      />
      <form method="post" action="/compte/notifications">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <CheckboxGroup
          name="topics"
          label={w.legend}
          error={error}
          labels={labels}
          values={preferences.filter((p) => p.on).map((p) => p.topic)}
          options={preferences.map((p) => ({
            value: p.topic,
            label: w.topics[p.topic].label,
            hint: p.legal
              ? `${w.topics[p.topic].description} — ${w.mandatory}`
              : w.topics[p.topic].description,
            disabled: p.legal,
          }))}
        />
        <p class="fr-text--sm" safe>
          {w.correctionNote}
        </p>
        <Button type="submit" label={w.save} />
      </form>
    </>
  );
}
