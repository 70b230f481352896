import type { FormState } from '../../../platform/http/forms.js';
import { Alert, Button, ErrorSummary } from '../../../platform/views/components/index.js';
import type { CurrentUser } from '../accounts.service.js';
import {
  AccountLayout,
  AddressRequestPage,
  Column,
  Csrf,
  EmailField,
  type PageProps,
  PasswordField,
} from './shared.js';

/** « Recevoir un lien de connexion »: the address of the account. */
export function SignInLinkPage({ ctx, a, state }: PageProps & { state: FormState }) {
  return (
    <AddressRequestPage
      ctx={ctx}
      a={a}
      state={state}
      title={a.link.title}
      lead={a.link.lead}
      action="/connexion/lien"
      submit={a.link.submit}
    />
  );
}

/**
 * The page a link opens: a button that posts the token (nothing changes on GET, which mail scanners
 * follow). Used by the sign-in link and the confirmation of a new address.
 */
export function OpenLinkPage({
  ctx,
  title,
  lead,
  submit,
  action,
  token,
}: Pick<PageProps, 'ctx'> & { title: string; lead: string; submit: string; action: string; token: string }) {
  return (
    <Column>
      <h1 safe>{title}</h1>
      <p safe>{lead}</p>
      <form method="post" action={action}>
        <Csrf ctx={ctx} />
        <input type="hidden" name="jeton" value={token} />
        <Button type="submit" label={submit} />
      </form>
    </Column>
  );
}

/** « Changer d’adresse e-mail », in « mon compte »: new address and current password. */
export function EmailChangePage({
  ctx,
  a,
  user,
  state,
  hasPassword,
  notice,
}: PageProps & {
  user: CurrentUser;
  state: FormState;
  hasPassword: boolean;
  notice?: 'sent' | 'done';
}) {
  const t = a.emailChange;
  const labels = ctx.m.components;
  return (
    <AccountLayout ctx={ctx} a={a} user={user}>
      <h1 safe>{t.title}</h1>
      {notice ? (
        <Alert type="success" description={notice === 'sent' ? t.sent : t.done} role="status" size="sm" />
      ) : (
        ''
      )}
      <dl class="fr-mt-2w">
        <dt class="fr-text--bold" safe>
          {t.current}
        </dt>
        <dd safe>{user.email}</dd>
      </dl>
      <p safe>{t.how}</p>
      {hasPassword ? (
        <>
          <ErrorSummary errors={state.summary} labels={labels} />
          <form method="post" action="/compte/adresse" novalidate>
            <Csrf ctx={ctx} />
            <EmailField
              state={state}
              labels={labels}
              label={t.newEmail}
              hint={a.fields.emailHint}
              autocomplete="email"
            />
            <PasswordField
              name="password"
              state={state}
              labels={labels}
              label={t.password}
              hint={t.passwordHint}
              autocomplete="current-password"
            />
            <Button type="submit" label={t.submit} />
          </form>
        </>
      ) : (
        <Alert type="info" title={t.noPasswordTitle} description={t.noPassword} headingLevel={2}>
          <p>
            <a class="fr-link" href="/mot-de-passe-oublie" safe>
              {t.noPasswordLink}
            </a>
          </p>
        </Alert>
      )}
    </AccountLayout>
  );
}

/** After a change of address confirmed in a browser without the account's session. */
export function EmailChangedPage({ a, signedIn }: Pick<PageProps, 'a'> & { signedIn: boolean }) {
  const t = a.emailChange;
  return (
    <Column>
      <h1 safe>{t.doneTitle}</h1>
      <Alert type="success" description={t.done} role="status" />
      <p class="fr-mt-4w">
        <a class="fr-link" href={signedIn ? '/compte' : '/connexion'} safe>
          {signedIn ? t.account : t.signIn}
        </a>
      </p>
    </Column>
  );
}
