import { isAdministrator } from '../../../platform/access/index.js';
import type { RequestContext } from '../../../platform/http/context.js';
import type { FormState } from '../../../platform/http/forms.js';
import { Button, ErrorSummary, Input, type InputProps } from '../../../platform/views/components/index.js';
import type { AccountsMessages } from '../accounts.fr.js';
import type { CurrentUser } from '../accounts.service.js';

export interface PageProps {
  ctx: RequestContext;
  a: AccountsMessages;
}

/** The value a form sent back for `key` (text fields only). */
export function value(state: FormState, key: string): string | undefined {
  const v = state.values[key];
  return typeof v === 'string' ? v : undefined;
}

export function Csrf({ ctx }: { ctx: RequestContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

interface FieldOptions {
  state: FormState;
  labels: InputProps['labels'];
  label: string;
  hint?: string;
  autocomplete: string;
}

/** The e-mail address field of the account forms (`email`, value kept on error). */
export function EmailField({ state, labels, label, hint, autocomplete }: FieldOptions) {
  return (
    <Input
      name="email"
      type="email"
      label={label}
      hint={hint}
      autocomplete={autocomplete}
      spellcheck={false}
      value={value(state, 'email')}
      error={state.errors.email}
      required
      labels={labels}
    />
  );
}

/** A password field: never filled back from the submitted form. */
export function PasswordField({
  name,
  state,
  labels,
  label,
  hint,
  autocomplete,
}: FieldOptions & { name: string }) {
  return (
    <Input
      name={name}
      type="password"
      label={label}
      hint={hint}
      autocomplete={autocomplete}
      error={state.errors[name]}
      required
      labels={labels}
    />
  );
}

/** The narrow centred column every account form sits in. */
export function Column({ children }: { children: JSX.Element | JSX.Element[] }) {
  return (
    <div class="fr-grid-row fr-grid-row--center">
      <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">{children as 'safe'}</div>
    </div>
  );
}

/** The pages of « mon compte », in the order of the side menu. */
export const ACCOUNT_PAGES = [
  { path: '/compte', key: 'overview' },
  { path: '/compte/double-authentification', key: 'security' },
  { path: '/compte/adresse', key: 'email' },
  { path: '/compte/donnees', key: 'data' },
  { path: '/compte/organisations', key: 'organisations' },
  { path: '/compte/notifications', key: 'notifications' },
] as const;

/**
 * « Mon compte » with its DSFR side menu (profile and sessions, second factor, e-mail address, personal
 * data; administration for administrators). The current page is marked with aria-current.
 */
export function AccountLayout({
  ctx,
  a,
  user,
  children,
}: PageProps & { user: CurrentUser; children: JSX.Element | JSX.Element[] }) {
  const entries: { path: string; label: string }[] = ACCOUNT_PAGES.map((page) => ({
    path: page.path,
    label: a.menu[page.key],
  }));
  if (isAdministrator({ roles: user.roles, userId: user.id, secondFactor: false }))
    entries.push({ path: '/admin', label: a.menu.admin });
  return (
    <div class="fr-grid-row fr-grid-row--gutters">
      <div class="fr-col-12 fr-col-md-4">
        <nav class="fr-sidemenu" aria-labelledby="menu-compte-titre">
          <div class="fr-sidemenu__inner">
            <button
              type="button"
              class="fr-sidemenu__btn"
              aria-controls="menu-compte"
              aria-expanded="false"
              safe
            >
              {a.menu.title}
            </button>
            <div class="fr-collapse" id="menu-compte">
              <p class="fr-sidemenu__title" id="menu-compte-titre" safe>
                {a.menu.title}
              </p>
              <ul class="fr-sidemenu__list">
                {entries.map((entry) => {
                  const current = ctx.path === entry.path;
                  return (
                    <li class={`fr-sidemenu__item${current ? ' fr-sidemenu__item--active' : ''}`}>
                      <a
                        class="fr-sidemenu__link"
                        href={entry.path}
                        aria-current={current ? 'page' : undefined}
                        safe
                      >
                        {entry.label}
                      </a>
                    </li>
                  );
                })}
              </ul>
            </div>
          </div>
        </nav>
      </div>
      <div class="fr-col-12 fr-col-md-8">{children as 'safe'}</div>
    </div>
  );
}

/**
 * A page that asks for the address of an account and posts it to `action` (forgotten password, sign-in
 * link): the same field, hint and autocomplete everywhere.
 */
export function AddressRequestPage({
  ctx,
  a,
  state,
  title,
  lead,
  action,
  submit,
}: PageProps & { state: FormState; title: string; lead: string; action: string; submit: string }) {
  const labels = ctx.m.components;
  return (
    <Column>
      <h1 safe>{title}</h1>
      <p safe>{lead}</p>
      <ErrorSummary errors={state.summary} labels={labels} />
      <form method="post" action={action} novalidate>
        <Csrf ctx={ctx} />
        <EmailField
          state={state}
          labels={labels}
          label={a.fields.email}
          hint={a.fields.emailHint}
          autocomplete="email"
        />
        <Button type="submit" label={submit} />
      </form>
    </Column>
  );
}
