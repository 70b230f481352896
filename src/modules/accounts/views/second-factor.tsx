import Html from '@kitajs/html';
import type { FormState } from '../../../platform/http/forms.js';
import { Alert, Button, ErrorSummary, Input } from '../../../platform/views/components/index.js';
import type { SecondFactorState } from '../accounts.second-factor.service.js';
import type { CurrentUser } from '../accounts.service.js';
import { AccountLayout, Column, Csrf, type PageProps } from './shared.js';

/** Which form of the « double authentification » page failed, with its state. */
export type SecondFactorForm = { name: 'confirm' | 'regenerate' | 'disable'; state: FormState } | undefined;

const Retour = ({ retour }: { retour: string | null }) =>
  retour ? <input type="hidden" name="retour" value={retour} /> : '';

function CodeInput({
  ctx,
  a,
  name,
  error,
}: PageProps & { name: 'code' | 'disableCode'; error: string | undefined }) {
  return (
    <Input
      name={name}
      label={a.secondFactor.code}
      hint={a.secondFactor.codeHint}
      autocomplete="one-time-code"
      inputmode="numeric"
      spellcheck={false}
      maxlength={12}
      error={error}
      required
      labels={ctx.m.components}
    />
  );
}

/**
 * « Mon compte › Double authentification »: turn it on (QR code and key, then a code), new recovery codes,
 * turn it off. Staff sent here by the access control are told that their role requires it.
 */
export function SecondFactorPage({
  ctx,
  a,
  user,
  state,
  staff,
  retour,
  form,
  notice,
}: PageProps & {
  user: CurrentUser;
  state: SecondFactorState;
  /** The user holds a staff role. */
  staff: boolean;
  retour: string | null;
  form?: SecondFactorForm;
  notice?: 'enabled' | 'disabled';
}) {
  const s = a.secondFactor;
  const labels = ctx.m.components;
  const errors = (name: 'confirm' | 'regenerate' | 'disable') =>
    form?.name === name ? form.state.errors : ({} as Record<string, string>);
  return (
    <AccountLayout ctx={ctx} a={a} user={user}>
      <h1 safe>{s.title}</h1>
      {notice ? (
        <Alert
          type="success"
          size="sm"
          role="status"
          description={notice === 'enabled' ? s.enabledNotice : s.disabledNotice}
        />
      ) : (
        ''
      )}
      <ErrorSummary errors={form?.state.summary ?? []} labels={labels} />
      {staff && state.status !== 'on' ? (
        <Alert type="warning" title={s.staffRequiredTitle} description={s.staffRequired} headingLevel={2} />
      ) : (
        ''
      )}
      <p safe>{s.lead}</p>
      {state.status === 'off' ? (
        <>
          <p safe>{s.offStatus}</p>
          <form method="post" action="/compte/double-authentification/activation">
            <Csrf ctx={ctx} />
            <Retour retour={retour} />
            <Button type="submit" label={s.start} />
          </form>
        </>
      ) : state.status === 'pending' ? (
        <>
          <h2 class="fr-h4" safe>
            {s.step1}
          </h2>
          <div class="fr-mb-2w">{state.qrSvg as 'safe'}</div>
          <p safe>{s.step1Text}</p>
          <p>
            <span class="fr-sr-only" safe>
              {s.secretLabel}
            </span>
            <code class="fr-text--lg" safe>
              {state.secretText}
            </code>
          </p>
          <h2 class="fr-h4" safe>
            {s.step2}
          </h2>
          <form method="post" action="/compte/double-authentification/confirmation" novalidate>
            <Csrf ctx={ctx} />
            <Retour retour={retour} />
            <CodeInput ctx={ctx} a={a} name="code" error={errors('confirm').code} />
            <Button type="submit" label={s.confirm} />
          </form>
          <form method="post" action="/compte/double-authentification/activation" class="fr-mt-4w">
            <Csrf ctx={ctx} />
            <Retour retour={retour} />
            <Button type="submit" kind="secondary" label={s.restart} />
          </form>
        </>
      ) : (
        <>
          <Alert type="success" size="sm" description={s.onStatus} />
          <p class="fr-mt-2w" safe>
            {s.unusedCodes(state.unusedCodes)}
          </p>
          <h2 class="fr-h4" safe>
            {s.regenerateTitle}
          </h2>
          <p safe>{s.regenerateLead}</p>
          <form method="post" action="/compte/double-authentification/codes-de-secours" novalidate>
            <Csrf ctx={ctx} />
            <CodeInput ctx={ctx} a={a} name="code" error={errors('regenerate').code} />
            <Button type="submit" kind="secondary" label={s.regenerate} />
          </form>
          <h2 class="fr-h4 fr-mt-4w" safe>
            {s.disableTitle}
          </h2>
          {staff ? (
            <p safe>{s.staffKeep}</p>
          ) : (
            <>
              <p safe>{state.hasPassword ? s.disableLead : `${s.disableLead} ${s.disableWithCode}`}</p>
              <form method="post" action="/compte/double-authentification/desactivation" novalidate>
                <Csrf ctx={ctx} />
                {state.hasPassword ? (
                  <Input
                    name="password"
                    type="password"
                    label={a.fields.password}
                    autocomplete="current-password"
                    error={errors('disable').password}
                    required
                    labels={labels}
                  />
                ) : (
                  <CodeInput ctx={ctx} a={a} name="disableCode" error={errors('disable').disableCode} />
                )}
                <Button type="submit" kind="secondary" label={s.disable} />
              </form>
            </>
          )}
        </>
      )}
    </AccountLayout>
  );
}

/** The recovery codes, shown once (after turning it on or generating new ones). */
export function RecoveryCodesPage({
  ctx,
  a,
  user,
  codes,
  next,
  enabled,
}: PageProps & { user: CurrentUser; codes: readonly string[]; next: string; enabled: boolean }) {
  const s = a.secondFactor;
  return (
    <AccountLayout ctx={ctx} a={a} user={user}>
      <h1 safe>{s.codesTitle}</h1>
      {enabled ? <Alert type="success" size="sm" role="status" description={s.enabledNotice} /> : ''}
      <Alert type="warning" size="sm" description={s.codesLead} />
      <ul class="fr-mt-2w">
        {codes.map((code) => (
          <li>
            <code class="fr-text--lg" safe>
              {code}
            </code>
          </li>
        ))}
      </ul>
      <Button href={next} label={s.codesContinue} />
    </AccountLayout>
  );
}

/** Second step of sign-in: the code of the app, or (`?secours=1`) a recovery code. */
export function SecondStepPage({
  ctx,
  a,
  state,
  recovery,
  retour,
}: PageProps & { state: FormState; recovery: boolean; retour: string | null }) {
  const s = a.secondFactor;
  const labels = ctx.m.components;
  const back = retour ? `retour=${encodeURIComponent(retour)}` : '';
  const toggle = recovery
    ? `/connexion/double-authentification${back ? `?${back}` : ''}`
    : `/connexion/double-authentification?secours=1${back ? `&${back}` : ''}`;
  return (
    <Column>
      <h1 safe>{s.signInTitle}</h1>
      <ErrorSummary errors={state.summary} labels={labels} />
      <p safe>{recovery ? s.signInRecoveryLead : s.signInLead}</p>
      <form method="post" action="/connexion/double-authentification" novalidate>
        <Csrf ctx={ctx} />
        <Retour retour={retour} />
        {recovery ? (
          <Input
            name="recoveryCode"
            label={s.recoveryCode}
            hint={s.recoveryCodeHint}
            autocomplete="off"
            spellcheck={false}
            autocapitalize="off"
            maxlength={40}
            error={state.errors.recoveryCode}
            required
            labels={labels}
          />
        ) : (
          <CodeInput ctx={ctx} a={a} name="code" error={state.errors.code} />
        )}
        <Button type="submit" label={s.verify} />
      </form>
      <p class="fr-mt-4w">
        <a class="fr-link" href={toggle}>
          {Html.escapeHtml(recovery ? s.useApp : s.useRecovery)}
        </a>
      </p>
      <form method="post" action="/deconnexion" class="fr-mt-2w">
        <Csrf ctx={ctx} />
        <Button type="submit" kind="tertiary" label={s.cancel} />
      </form>
    </Column>
  );
}
