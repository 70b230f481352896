import Html from '@kitajs/html';
import type { FormState } from '../../../platform/http/forms.js';
import { formatDateTime } from '../../../platform/i18n/index.js';
import { Alert, Button, ErrorSummary, Input, Table } from '../../../platform/views/components/index.js';
import type { IdentityView } from '../accounts.oidc.service.js';
import type { CurrentUser, SessionView } from '../accounts.service.js';
import { IdentitiesSection, OidcButtons, type ProviderButton } from './oidc.js';
import {
  AccountLayout,
  AddressRequestPage,
  Column,
  Csrf,
  EmailField,
  type PageProps,
  PasswordField,
  value,
} from './shared.js';

function NewPasswordFields({ ctx, a, state }: PageProps & { state: FormState }) {
  const labels = ctx.m.components;
  return (
    <>
      <PasswordField
        name="password"
        state={state}
        labels={labels}
        label={a.fields.newPassword}
        hint={a.fields.passwordHint}
        autocomplete="new-password"
      />
      <PasswordField
        name="confirmation"
        state={state}
        labels={labels}
        label={a.fields.confirm}
        autocomplete="new-password"
      />
    </>
  );
}

export function SignUpPage({ ctx, a, state }: PageProps & { state: FormState }) {
  const labels = ctx.m.components;
  return (
    <Column>
      <h1 safe>{a.signUp.title}</h1>
      <p class="fr-text--lead" safe>
        {a.signUp.lead}
      </p>
      <ErrorSummary errors={state.summary} labels={labels} />
      <form method="post" action="/inscription" novalidate>
        <Csrf ctx={ctx} />
        <EmailField
          state={state}
          labels={labels}
          label={a.fields.email}
          hint={a.fields.emailHint}
          autocomplete="email"
        />
        <Input
          name="name"
          label={a.fields.name}
          hint={a.fields.nameHint}
          autocomplete="name"
          value={value(state, 'name')}
          error={state.errors.name}
          required
          labels={labels}
        />
        <NewPasswordFields ctx={ctx} a={a} state={state} />
        <Button type="submit" label={a.signUp.submit} />
      </form>
      <p class="fr-mt-4w">
        {Html.escapeHtml(a.signUp.haveAccount)}{' '}
        <a class="fr-link" href="/connexion" safe>
          {a.signUp.signIn}
        </a>
      </p>
    </Column>
  );
}

/** The answer after a form that sends an e-mail: the same whether or not the address has an account. */
export function SentPage({ title, text, hint }: { title: string; text: string; hint?: string }) {
  return (
    <Column>
      <h1 safe>{title}</h1>
      <Alert type="success" description={text} role="status" />
      {hint ? (
        <p class="fr-mt-2w" safe>
          {hint}
        </p>
      ) : (
        ''
      )}
    </Column>
  );
}

/** The page a verification link opens: a button that verifies (no change on GET). */
export function VerifyPage({ ctx, a, token }: PageProps & { token: string }) {
  return (
    <Column>
      <h1 safe>{a.verify.title}</h1>
      <p safe>{a.verify.lead}</p>
      <form method="post" action="/inscription/verification">
        <Csrf ctx={ctx} />
        <input type="hidden" name="jeton" value={token} />
        <Button type="submit" label={a.verify.submit} />
      </form>
    </Column>
  );
}

export type SignInNotice = 'signedOut' | 'resetDone' | 'verified' | undefined;

export function SignInPage({
  ctx,
  a,
  state,
  notice,
  failed,
  retour,
  providers = [],
}: PageProps & {
  state: FormState;
  notice?: SignInNotice;
  failed?: boolean;
  retour?: string | null;
  /** Single sign-on providers: one button each, above the password form. */
  providers?: readonly ProviderButton[];
}) {
  const labels = ctx.m.components;
  return (
    <Column>
      <h1 safe>{a.signIn.title}</h1>
      {notice ? <Alert type="success" description={a.signIn[notice]} role="status" size="sm" /> : ''}
      <ErrorSummary errors={state.summary} labels={labels} />
      {failed ? (
        <Alert
          type="info"
          title={a.signIn.unverifiedTitle}
          description={a.signIn.unverified}
          headingLevel={2}
        />
      ) : (
        ''
      )}
      <OidcButtons ctx={ctx} a={a} providers={providers} retour={retour} />
      <form method="post" action="/connexion" novalidate class="fr-mt-4w">
        <Csrf ctx={ctx} />
        {retour ? <input type="hidden" name="retour" value={retour} /> : ''}
        <EmailField
          state={state}
          labels={labels}
          label={a.fields.email}
          hint={a.fields.emailHint}
          autocomplete="username"
        />
        <PasswordField
          name="password"
          state={state}
          labels={labels}
          label={a.fields.password}
          autocomplete="current-password"
        />
        <p>
          <a class="fr-link" href="/mot-de-passe-oublie" safe>
            {a.signIn.forgot}
          </a>
        </p>
        <p>
          <a class="fr-link" href="/connexion/lien" safe>
            {a.link.fromSignIn}
          </a>
        </p>
        <Button type="submit" label={a.signIn.submit} />
      </form>
      <p class="fr-mt-4w">
        {Html.escapeHtml(a.signIn.noAccount)}{' '}
        <a class="fr-link" href="/inscription" safe>
          {a.signIn.signUp}
        </a>
      </p>
    </Column>
  );
}

export function ForgotPage({ ctx, a, state }: PageProps & { state: FormState }) {
  return (
    <AddressRequestPage
      ctx={ctx}
      a={a}
      state={state}
      title={a.forgot.title}
      lead={a.forgot.lead}
      action="/mot-de-passe-oublie"
      submit={a.forgot.submit}
    />
  );
}

export function ResetPage({ ctx, a, state, token }: PageProps & { state: FormState; token: string }) {
  return (
    <Column>
      <h1 safe>{a.reset.title}</h1>
      <p safe>{a.reset.lead}</p>
      <ErrorSummary errors={state.summary} labels={ctx.m.components} />
      <form method="post" action="/mot-de-passe-oublie/nouveau" novalidate>
        <Csrf ctx={ctx} />
        <input type="hidden" name="jeton" value={token} />
        <NewPasswordFields ctx={ctx} a={a} state={state} />
        <Button type="submit" label={a.reset.submit} />
      </form>
    </Column>
  );
}

export function AccountPage({
  ctx,
  a,
  user,
  sessions,
  notice,
  identities = [],
  hasPassword = true,
  identityUnlinked = false,
}: PageProps & {
  user: CurrentUser;
  sessions: SessionView[];
  notice?: 'revoked' | 'othersRevoked';
  /** Single sign-on identities linked to the account. */
  identities?: readonly IdentityView[];
  hasPassword?: boolean;
  identityUnlinked?: boolean;
}) {
  const t = a.account;
  return (
    <AccountLayout ctx={ctx} a={a} user={user}>
      <h1 safe>{t.title}</h1>
      {notice ? <Alert type="success" description={t[notice]} role="status" size="sm" /> : ''}
      <h2 class="fr-mt-4w" safe>
        {t.profile}
      </h2>
      <dl>
        <dt class="fr-text--bold" safe>
          {a.fields.name}
        </dt>
        <dd safe>{user.name}</dd>
        <dt class="fr-text--bold" safe>
          {a.fields.email}
        </dt>
        <dd safe>{user.email}</dd>
      </dl>
      {identityUnlinked ? (
        <Alert type="success" description={a.oidc.identities.unlinked} role="status" size="sm" />
      ) : (
        ''
      )}
      <IdentitiesSection ctx={ctx} a={a} identities={identities} hasPassword={hasPassword} />
      <h2 class="fr-mt-4w" safe>
        {t.sessions}
      </h2>
      <p safe>{t.sessionsLead}</p>
      <Table
        caption={t.sessions}
        captionPosition="hidden"
        rows={sessions}
        columns={[
          { header: t.device, value: (s) => s.user_agent ?? t.unknownDevice, rowHeader: true },
          { header: t.since, value: (s) => formatDateTime(s.created_at, ctx.locale) },
          { header: t.lastSeen, value: (s) => formatDateTime(s.last_seen_at, ctx.locale) },
          { header: t.ip, value: (s) => s.ip ?? '' },
          {
            header: t.actions,
            render: (s) => (
              <form method="post" action={`/compte/sessions/${s.public_id}/deconnexion`}>
                <Csrf ctx={ctx} />
                <Button
                  type="submit"
                  kind={s.current ? 'secondary' : 'tertiary'}
                  size="sm"
                  label={s.current ? `${t.revoke} (${t.current.toLowerCase()})` : t.revoke}
                />
              </form>
            ),
          },
        ]}
      />
      {sessions.length > 1 ? (
        <form method="post" action="/compte/sessions/deconnexion-autres">
          <Csrf ctx={ctx} />
          <Button type="submit" kind="secondary" label={t.revokeOthers} />
        </form>
      ) : (
        ''
      )}
    </AccountLayout>
  );
}
