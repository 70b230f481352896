import Html from '@kitajs/html';
import { assetUrl } from '../http/assets.js';
import type { RequestContext } from '../http/context.js';
import type { Messages } from '../i18n/index.js';
import { isCurrent, MAIN_NAV } from './navigation.js';
import { renderOnce } from './once.js';

export interface LayoutOptions {
  ctx: RequestContext;
  title: string;
  /** Text for the meta description (search engines, link previews). */
  description?: string;
  children?: JSX.Element;
}

function SkipLinks({ m }: { m: Messages }) {
  return (
    <div class="fr-skiplinks">
      <nav class="fr-container" aria-label={m.skipLinks.label}>
        <ul class="fr-skiplinks__list">
          <li>
            <a class="fr-link" href="#contenu" safe>
              {m.skipLinks.content}
            </a>
          </li>
          <li>
            <a class="fr-link" href="#navigation-principale" safe>
              {m.skipLinks.menu}
            </a>
          </li>
          <li>
            <a class="fr-link" href="#pied-de-page" safe>
              {m.skipLinks.footer}
            </a>
          </li>
        </ul>
      </nav>
    </div>
  );
}

function LanguageSwitch({ ctx }: { ctx: RequestContext }) {
  const { m } = ctx;
  return (
    <form method="post" action="/langue" class="fi-inline-form">
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      <input type="hidden" name="retour" value={ctx.path} />
      <button
        type="submit"
        name="lang"
        value={m.header.switchToLang}
        class="fr-btn fr-btn--tertiary-no-outline fr-icon-translate-2 fr-btn--icon-left"
        lang={m.header.switchToLang}
        title={m.header.switchToTitle}
      >
        <span safe>{m.header.switchTo}</span>
      </button>
    </form>
  );
}

/** "Mon compte" and "Se déconnecter" (a POST form) when signed in, else "Se connecter". */
function AccountLinks({ ctx }: { ctx: RequestContext }) {
  const { m } = ctx;
  if (!ctx.account) {
    return (
      <ul class="fr-btns-group">
        <li>
          <a class="fr-btn fr-icon-account-circle-line" href="/connexion" safe>
            {m.header.signIn}
          </a>
        </li>
      </ul>
    );
  }
  return (
    <ul class="fr-btns-group">
      {ctx.account.instructs ? (
        <li>
          <a class="fr-btn fr-icon-survey-line" href="/instruction" safe>
            {m.header.instruction}
          </a>
        </li>
      ) : (
        ''
      )}
      {ctx.account.reviews ? (
        <li>
          <a class="fr-btn fr-icon-star-line" href="/evaluations" safe>
            {m.header.reviews}
          </a>
        </li>
      ) : (
        ''
      )}
      {ctx.account.applicant ? (
        <li>
          <a class="fr-btn fr-icon-folder-2-line" href="/dossiers" safe>
            {m.header.dossiers}
          </a>
        </li>
      ) : (
        ''
      )}
      <li>
        <a class="fr-btn fr-icon-account-circle-line" href="/compte" safe>
          {m.header.account}
        </a>
      </li>
      <li>
        <form method="post" action="/deconnexion" class="fi-inline-form">
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <button type="submit" class="fr-btn fr-icon-logout-box-r-line" safe>
            {m.header.signOut}
          </button>
        </form>
      </li>
    </ul>
  );
}

function MainNav({ m, current }: { m: Messages; current: number }) {
  return (
    <nav class="fr-nav" id="navigation-principale" aria-label={m.header.mainNav}>
      <ul class="fr-nav__list">
        {MAIN_NAV.map((item, index) => (
          <li class="fr-nav__item">
            <a
              class="fr-nav__link"
              href={item.href}
              aria-current={index === current ? 'page' : undefined}
              safe
            >
              {item.label(m)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Brand({ m }: { m: Messages }) {
  return (
    <div class="fr-header__brand fr-enlarge-link">
      <div class="fr-header__brand-top">
        <div class="fr-header__logo">
          <p class="fr-logo">
            {Html.escapeHtml(m.site.marianne[0])}
            <br />
            {Html.escapeHtml(m.site.marianne[1])}
          </p>
        </div>
        <div class="fr-header__navbar">
          <button
            type="button"
            class="fr-btn--menu fr-btn"
            data-fr-opened="false"
            aria-controls="menu-modal"
            aria-haspopup="menu"
            id="menu-bouton"
            title={m.header.menu}
            safe
          >
            {m.header.menu}
          </button>
        </div>
      </div>
      <div class="fr-header__service">
        <a href="/" title={`${m.nav.home} — ${m.site.name}`}>
          <p class="fr-header__service-title" safe>
            {m.site.name}
          </p>
        </a>
        <p class="fr-header__service-tagline" safe>
          {m.site.tagline}
        </p>
      </div>
    </div>
  );
}

function Header({ ctx }: { ctx: RequestContext }) {
  const { m, locale } = ctx;
  const current = MAIN_NAV.findIndex((item) => isCurrent(item, ctx.path));
  return (
    <header class="fr-header">
      <div class="fr-header__body">
        <div class="fr-container">
          <div class="fr-header__body-row">
            {renderOnce(`${locale}:brand`, () => <Brand m={m} />) as 'safe'}
            <div class="fr-header__tools">
              <div class="fr-header__tools-links">
                <AccountLinks ctx={ctx} />
                <LanguageSwitch ctx={ctx} />
              </div>
            </div>
          </div>
        </div>
      </div>
      {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: DSFR's header menu markup; its script gives the element role="dialog" when it opens */}
      <div class="fr-header__menu fr-modal" id="menu-modal" aria-labelledby="menu-bouton">
        <div class="fr-container">
          <button
            type="button"
            class="fr-btn--close fr-btn"
            aria-controls="menu-modal"
            title={m.header.close}
            safe
          >
            {m.header.close}
          </button>
          <div class="fr-header__menu-links" />
          {renderOnce(`${locale}:nav:${current}`, () => <MainNav m={m} current={current} />) as 'safe'}
        </div>
      </div>
    </header>
  );
}

const EXTERNAL = [
  { name: 'info.gouv.fr', href: 'https://www.info.gouv.fr' },
  { name: 'service-public.fr', href: 'https://www.service-public.fr' },
  { name: 'legifrance.gouv.fr', href: 'https://www.legifrance.gouv.fr' },
  { name: 'data.gouv.fr', href: 'https://www.data.gouv.fr' },
];

function Footer({ m }: { m: Messages }) {
  return (
    <footer class="fr-footer" id="pied-de-page">
      <div class="fr-container">
        <div class="fr-footer__body">
          <div class="fr-footer__brand fr-enlarge-link">
            <a href="/" title={`${m.nav.home} — ${m.site.name}`}>
              <p class="fr-logo">
                {Html.escapeHtml(m.site.marianne[0])}
                <br />
                {Html.escapeHtml(m.site.marianne[1])}
              </p>
            </a>
          </div>
          <div class="fr-footer__content">
            <p class="fr-footer__content-desc" safe>
              {m.footer.description}
            </p>
            <ul class="fr-footer__content-list">
              {EXTERNAL.map((link) => (
                <li class="fr-footer__content-item">
                  <a
                    class="fr-footer__content-link"
                    target="_blank"
                    rel="noopener"
                    href={link.href}
                    title={m.footer.externalTitle(link.name)}
                    safe
                  >
                    {link.name}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        </div>
        <div class="fr-footer__bottom">
          <ul class="fr-footer__bottom-list">
            <li class="fr-footer__bottom-item">
              <a class="fr-footer__bottom-link" href="/plan-du-site" safe>
                {m.footer.sitemap}
              </a>
            </li>
            <li class="fr-footer__bottom-item">
              <a class="fr-footer__bottom-link" href="/accessibilite" safe>
                {m.footer.accessibility}
              </a>
            </li>
            <li class="fr-footer__bottom-item">
              <a class="fr-footer__bottom-link" href="/mentions-legales" safe>
                {m.footer.legal}
              </a>
            </li>
            <li class="fr-footer__bottom-item">
              <a class="fr-footer__bottom-link" href="/donnees-personnelles" safe>
                {m.footer.privacy}
              </a>
            </li>
            <li class="fr-footer__bottom-item">
              <a class="fr-footer__bottom-link" href="/a-propos" safe>
                {m.footer.about}
              </a>
            </li>
            <li class="fr-footer__bottom-item">
              <button
                type="button"
                class="fr-footer__bottom-link fr-icon-theme-fill fr-btn--icon-left"
                aria-controls="affichage"
                data-fr-opened="false"
                safe
              >
                {m.header.display}
              </button>
            </li>
          </ul>
          <div class="fr-footer__bottom-copy">
            <p>
              {Html.escapeHtml(m.footer.licence)}{' '}
              <a
                href="https://github.com/etalab/licence-ouverte/blob/master/LO.md"
                target="_blank"
                rel="noopener"
                title={m.footer.externalTitle(m.footer.licenceName)}
                safe
              >
                {m.footer.licenceName}
              </a>
            </p>
          </div>
        </div>
      </div>
    </footer>
  );
}

/** DSFR display settings (light / dark / system). Needs DSFR's script; without it, the system theme applies. */
function DisplayModal({ m }: { m: Messages }) {
  const options = [
    { value: 'light', label: m.display.light, hint: undefined, artwork: 'environment/sun.svg' },
    { value: 'dark', label: m.display.dark, hint: undefined, artwork: 'environment/moon.svg' },
    { value: 'system', label: m.display.system, hint: m.display.systemHint, artwork: 'system/system.svg' },
  ];
  return (
    <dialog id="affichage" class="fr-modal" aria-labelledby="affichage-titre">
      <div class="fr-container fr-container--fluid fr-container-md">
        <div class="fr-grid-row fr-grid-row--center">
          <div class="fr-col-12 fr-col-md-6 fr-col-lg-4">
            <div class="fr-modal__body">
              <div class="fr-modal__header">
                <button
                  type="button"
                  class="fr-btn--close fr-btn"
                  aria-controls="affichage"
                  title={m.header.close}
                  safe
                >
                  {m.header.close}
                </button>
              </div>
              <div class="fr-modal__content">
                <h2 id="affichage-titre" class="fr-modal__title" safe>
                  {m.display.title}
                </h2>
                <div id="fr-display" class="fr-form-group fr-display">
                  <fieldset class="fr-fieldset">
                    <legend class="fr-fieldset__legend fr-text--regular" safe>
                      {m.display.legend}
                    </legend>
                    {options.map((option) => (
                      <div class="fr-fieldset__element">
                        <div class="fr-radio-group fr-radio-rich">
                          <input
                            value={option.value}
                            type="radio"
                            id={`theme-${option.value}`}
                            name="fr-radios-theme"
                          />
                          <label class="fr-label" for={`theme-${option.value}`}>
                            {Html.escapeHtml(option.label)}
                            {option.hint ? (
                              <span class="fr-hint-text" safe>
                                {option.hint}
                              </span>
                            ) : (
                              ''
                            )}
                          </label>
                          <div class="fr-radio-rich__img">
                            <svg
                              aria-hidden="true"
                              class="fr-artwork"
                              width="80px"
                              height="80px"
                              viewBox="0 0 80 80"
                            >
                              {['decorative', 'minor', 'major'].map((part) => (
                                <use
                                  class={`fr-artwork-${part}`}
                                  href={`${assetUrl('dsfr', `artwork/pictograms/${option.artwork}`)}#artwork-${part}`}
                                />
                              ))}
                            </svg>
                          </div>
                        </div>
                      </div>
                    ))}
                  </fieldset>
                </div>
              </div>
            </div>
          </div>
        </div>
      </div>
    </dialog>
  );
}

/** The page frame: every page of the platform renders through it. */
export function Layout({ ctx, title, description, children }: LayoutOptions) {
  const { m } = ctx;
  return (
    <>
      {'<!doctype html>'}
      <html lang={ctx.locale} data-fr-scheme="system">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no" />
          <meta name="format-detection" content="telephone=no" />
          <title safe>{title === m.site.name ? title : `${title} — ${m.site.name}`}</title>
          <meta name="description" content={description ?? m.site.tagline} />
          {renderOnce('head', () => <HeadLinks />) as 'safe'}
        </head>
        <body>
          {renderOnce(`${ctx.locale}:skiplinks`, () => <SkipLinks m={m} />) as 'safe'}
          <Header ctx={ctx} />
          <main id="contenu" tabindex="-1">
            <div class="fr-container fr-my-6w">{children as 'safe'}</div>
          </main>
          {
            renderOnce(`${ctx.locale}:footer`, () => (
              <>
                <Footer m={m} />
                <DisplayModal m={m} />
              </>
            )) as 'safe'
          }
          <script type="module" src={assetUrl('dsfr', 'dsfr.module.min.js')} nonce={ctx.nonce} />
        </body>
      </html>
    </>
  );
}

/** Stylesheets and icons: the same on every page. */
function HeadLinks() {
  return (
    <>
      <meta name="theme-color" content="#000091" />
      <link rel="stylesheet" href={assetUrl('dsfr', 'dsfr.min.css')} />
      <link rel="stylesheet" href={assetUrl('dsfr', 'utility/icons/icons.min.css')} />
      <link rel="stylesheet" href={assetUrl('app', 'app.css')} />
      <link rel="apple-touch-icon" href={assetUrl('dsfr', 'favicon/apple-touch-icon.png')} />
      <link rel="icon" href={assetUrl('dsfr', 'favicon/favicon.svg')} type="image/svg+xml" />
      <link rel="shortcut icon" href={assetUrl('dsfr', 'favicon/favicon.ico')} type="image/x-icon" />
      <link
        rel="manifest"
        href={assetUrl('dsfr', 'favicon/manifest.webmanifest')}
        crossorigin="use-credentials"
      />
    </>
  );
}
