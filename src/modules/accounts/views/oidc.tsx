import Html from '@kitajs/html';
import type { FormState } from '../../../platform/http/forms.js';
import { formatDateTime } from '../../../platform/i18n/index.js';
import { Alert, Button, ErrorSummary, Table } from '../../../platform/views/components/index.js';
import type { IdentityView } from '../accounts.oidc.service.js';
import { Column, Csrf, type PageProps, PasswordField } from './shared.js';

export interface ProviderButton {
  id: string;
  label: string;
}

/** The State's own sign-in buttons (DSFR `fr-connect`) for the providers that have one. */
const BRANDS: Record<string, { brand: string; variant: string; about: string }> = {
  proconnect: { brand: 'ProConnect', variant: ' fr-connect--pro', about: 'https://www.proconnect.gouv.fr/' },
  franceconnect: { brand: 'FranceConnect', variant: '', about: 'https://franceconnect.gouv.fr/' },
};

/**
 * One button per configured provider, each a POST form (CSRF) to `/connexion/oidc/:provider` carrying
 * `retour`. ProConnect and FranceConnect get their DSFR button; any other provider a secondary button.
 */
export function OidcButtons({
  ctx,
  a,
  providers,
  retour,
}: PageProps & { providers: readonly ProviderButton[]; retour?: string | null }) {
  if (providers.length === 0) return '';
  const t = a.oidc;
  return (
    <div class="fr-mb-4w">
      {providers.map((provider) => {
        const brand = BRANDS[provider.id];
        return (
          <form method="post" action={`/connexion/oidc/${provider.id}`} class="fr-mb-2w">
            <Csrf ctx={ctx} />
            {retour ? <input type="hidden" name="retour" value={retour} /> : ''}
            {brand ? (
              <div class="fr-connect-group">
                <button type="submit" class={`fr-connect${brand.variant}`}>
                  <span class="fr-connect__login" safe>
                    {t.connectLogin}
                  </span>{' '}
                  <span class="fr-connect__brand" safe>
                    {brand.brand}
                  </span>
                </button>
                <p>
                  <a
                    href={brand.about}
                    target="_blank"
                    rel="noopener"
                    title={`${t.whatIs(brand.brand)} - ${t.newWindow}`}
                    safe
                  >
                    {t.whatIs(brand.brand)}
                  </a>
                </p>
              </div>
            ) : (
              <Button type="submit" kind="secondary" label={provider.label} />
            )}
          </form>
        );
      })}
      <p class="fr-hr-or" safe>
        {t.or}
      </p>
    </div>
  );
}

/** A single sign-on that could not finish (400) or a provider that does not answer (503). */
export function OidcFailurePage({ a, title, message }: PageProps & { title: string; message: string }) {
  return (
    <Column>
      <h1 safe>{title}</h1>
      <Alert type="error" description={message} />
      <p class="fr-mt-4w">
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/connexion" safe>
          {a.oidc.back}
        </a>
      </p>
    </Column>
  );
}

/** « Un compte existe déjà avec l’adresse … » : the owner confirms the link with the account's password. */
export function LinkPage({
  ctx,
  a,
  providerLabel,
  email,
  hasPassword,
  state,
}: PageProps & { providerLabel: string; email: string; hasPassword: boolean; state: FormState }) {
  const t = a.oidc.link;
  const labels = ctx.m.components;
  return (
    <Column>
      <h1 safe>{t.title}</h1>
      <p class="fr-text--lead" safe>
        {t.lead(email, providerLabel)}
      </p>
      <ErrorSummary errors={state.summary} labels={labels} />
      {hasPassword ? (
        <>
          <p safe>{t.explain}</p>
          <form method="post" action="/connexion/oidc/rattachement" novalidate>
            <Csrf ctx={ctx} />
            <PasswordField
              name="password"
              state={state}
              labels={labels}
              label={a.fields.password}
              autocomplete="current-password"
            />
            <Button type="submit" label={t.submit} />
          </form>
        </>
      ) : (
        <>
          <Alert type="info" title={t.noPasswordTitle} description={t.noPassword} headingLevel={2} />
          <p class="fr-mt-2w">
            <a class="fr-link" href="/mot-de-passe-oublie" safe>
              {t.forgot}
            </a>
          </p>
        </>
      )}
      <form method="post" action="/connexion/oidc/rattachement/annulation" class="fr-mt-4w">
        <Csrf ctx={ctx} />
        <Button type="submit" kind="tertiary" label={t.cancel} />
      </form>
    </Column>
  );
}

/** « Mon compte »: the identities linked to the account, each with its unlink button. */
export function IdentitiesSection({
  ctx,
  a,
  identities,
  hasPassword,
}: PageProps & { identities: readonly IdentityView[]; hasPassword: boolean }) {
  if (identities.length === 0) return '';
  const t = a.oidc.identities;
  return (
    <>
      <h2 class="fr-mt-4w" id="identites" safe>
        {t.title}
      </h2>
      <p safe>{t.lead}</p>
      {hasPassword ? (
        ''
      ) : (
        <p class="fr-text--sm" safe>
          {t.needsPassword}
        </p>
      )}
      <Table
        caption={t.title}
        captionPosition="hidden"
        rows={identities}
        columns={[
          { header: t.provider, value: (i) => i.label, rowHeader: true },
          { header: t.email, value: (i) => i.email ?? '' },
          { header: t.since, value: (i) => formatDateTime(i.since, ctx.locale) },
          {
            header: t.actions,
            render: (i) =>
              hasPassword ? (
                <form method="post" action={`/compte/identites/${i.provider}/dissocier`}>
                  <Csrf ctx={ctx} />
                  <Button type="submit" kind="tertiary" size="sm" label={t.unlink(i.label)} />
                </form>
              ) : (
                Html.escapeHtml('—')
              ),
          },
        ]}
      />
    </>
  );
}
