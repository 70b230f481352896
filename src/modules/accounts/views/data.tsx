import type { FormState } from '../../../platform/http/forms.js';
import { Alert, Button, Checkbox, ErrorSummary } from '../../../platform/views/components/index.js';
import type { CurrentUser } from '../accounts.service.js';
import { AccountLayout, Column, Csrf, EmailField, type PageProps, PasswordField } from './shared.js';

/** « Mes données »: what is kept and for how long, the export, and the deletion of the account. */
export function DataPage({
  ctx,
  a,
  user,
  state,
  hasPassword,
}: PageProps & { user: CurrentUser; state: FormState; hasPassword: boolean }) {
  const t = a.data;
  const labels = ctx.m.components;
  return (
    <AccountLayout ctx={ctx} a={a} user={user}>
      <h1 safe>{t.title}</h1>
      <p class="fr-text--lead" safe>
        {t.lead}
      </p>
      <h2 class="fr-mt-4w" safe>
        {t.keptTitle}
      </h2>
      <ul>
        {t.kept.map((line) => (
          <li safe>{line}</li>
        ))}
      </ul>
      <p>
        <a class="fr-link" href="/donnees-personnelles" safe>
          {t.privacyLink}
        </a>
      </p>
      <h2 class="fr-mt-4w" safe>
        {t.exportTitle}
      </h2>
      <p safe>{t.export}</p>
      <Button
        href="/compte/donnees/export.json"
        kind="secondary"
        icon="fr-icon-download-line"
        label={t.exportButton}
        download="mes-donnees.json"
      />
      <h2 class="fr-mt-6w" id="suppression" safe>
        {t.deleteTitle}
      </h2>
      <Alert type="warning" description={t.deleteLead} size="sm" />
      <ErrorSummary errors={state.summary} labels={labels} />
      <form method="post" action="/compte/donnees/suppression" novalidate class="fr-mt-2w">
        <Csrf ctx={ctx} />
        {hasPassword ? (
          <PasswordField
            name="password"
            state={state}
            labels={labels}
            label={t.password}
            hint={t.passwordHint}
            autocomplete="current-password"
          />
        ) : (
          <EmailField
            state={state}
            labels={labels}
            label={t.typeEmail}
            hint={t.typeEmailHint}
            autocomplete="off"
          />
        )}
        <Checkbox
          name="confirmation"
          value="oui"
          label={t.confirm}
          error={state.errors.confirmation}
          required
          labels={labels}
        />
        <Button type="submit" class="fr-mt-2w" label={t.deleteButton} />
      </form>
    </AccountLayout>
  );
}

/** The public page after the deletion. */
export function DeletedPage({ a }: Pick<PageProps, 'a'>) {
  return (
    <Column>
      <h1 safe>{a.data.deletedTitle}</h1>
      <Alert type="success" description={a.data.deleted} role="status" />
      <p class="fr-mt-4w">
        <a class="fr-link" href="/" safe>
          {a.data.home}
        </a>
      </p>
    </Column>
  );
}
