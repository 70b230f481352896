import type { RequestContext } from '../../../platform/http/context.js';
import { MAIN_NAV } from '../../../platform/views/navigation.js';
import type { SiteMessages } from '../site.fr.js';

interface PageProps {
  ctx: RequestContext;
  s: SiteMessages;
}

export function HomePage({ s }: { s: SiteMessages }) {
  return (
    <>
      <h1 safe>{s.home.title}</h1>
      <p class="fr-text--lead" safe>
        {s.home.lead}
      </p>
      <p safe>{s.home.intro}</p>
      <h2 class="fr-mt-6w" safe>
        {s.home.purposesTitle}
      </h2>
      <ul class="fr-grid-row fr-grid-row--gutters fi-purpose-list">
        {s.purposes.map((purpose) => (
          <li class="fr-col-12 fr-col-md-6 fr-col-lg-3">
            <div class="fr-card fr-enlarge-link">
              <div class="fr-card__body">
                <div class="fr-card__content">
                  <h3 class="fr-card__title">
                    <a href={purpose.href} safe>
                      {purpose.title}
                    </a>
                  </h3>
                  <p class="fr-card__desc">
                    <span class="fi-figure" safe>
                      {purpose.figure}
                    </span>{' '}
                    <span safe>{purpose.figureLabel}</span>
                  </p>
                  <p class="fr-card__desc" safe>
                    {purpose.text}
                  </p>
                </div>
              </div>
            </div>
          </li>
        ))}
      </ul>
      <p class="fr-text--xs fr-mt-2w" safe>
        {s.home.figuresSource}
      </p>
      <p>
        <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/a-propos" safe>
          {s.home.about}
        </a>
      </p>
    </>
  );
}

export function AboutPage({ s }: { s: SiteMessages }) {
  return (
    <>
      <h1 safe>{s.about.title}</h1>
      <p class="fr-text--lead" safe>
        {s.about.lead}
      </p>
      {s.about.paragraphs.map((p) => (
        <p safe>{p}</p>
      ))}
      <h2 safe>{s.about.calendarTitle}</h2>
      <ol class="fr-mb-3w">
        {s.about.calendar.map((step) => (
          <li>
            <strong safe>{step.when}</strong> — <span safe>{step.what}</span>
          </li>
        ))}
      </ol>
      <p class="fr-text--xs" safe>
        {s.about.source}
      </p>
    </>
  );
}

/** Legal pages share one shape: a title, an optional lead, headed sections. */
export function TextPage({
  title,
  lead,
  sections,
}: {
  title: string;
  lead?: string;
  sections: { heading: string; text: string }[];
}) {
  return (
    <>
      <h1 safe>{title}</h1>
      {lead ? (
        <p class="fr-text--lead" safe>
          {lead}
        </p>
      ) : (
        ''
      )}
      {sections.map((section) => (
        <>
          <h2 class="fr-h4" safe>
            {section.heading}
          </h2>
          <p safe>{section.text}</p>
        </>
      ))}
    </>
  );
}

export function SitemapPage({ ctx, s }: PageProps) {
  const { m } = ctx;
  const general = [
    { href: '/', label: m.nav.home },
    { href: '/a-propos', label: m.footer.about },
    { href: '/mentions-legales', label: m.footer.legal },
    { href: '/donnees-personnelles', label: m.footer.privacy },
    { href: '/accessibilite', label: s.accessibility.title },
    { href: '/plan-du-site', label: s.sitemap.title },
  ];
  return (
    <>
      <h1 safe>{s.sitemap.title}</h1>
      <h2 safe>{s.sitemap.domains}</h2>
      <ul>
        {MAIN_NAV.map((item) => (
          <li>
            <a href={item.href} safe>
              {item.label(m)}
            </a>
          </li>
        ))}
      </ul>
      <h2 safe>{s.sitemap.general}</h2>
      <ul>
        {general.map((link) => (
          <li>
            <a href={link.href} safe>
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

/** An honest page for a domain that is not built yet: what will come, and no invented content. */
export function ComingSoonPage({
  ctx,
  domain,
}: {
  ctx: RequestContext;
  domain: SiteMessages['domains'][string];
}) {
  const { m } = ctx;
  return (
    <>
      <h1 safe>{domain.title}</h1>
      <p>
        <span class="fr-badge fr-badge--new" safe>
          {m.comingSoon.badge}
        </span>
      </p>
      <p class="fr-text--lead" safe>
        {domain.lead}
      </p>
      <div class="fr-notice fr-notice--info fr-mb-4w">
        <div class="fr-container">
          <div class="fr-notice__body">
            <p class="fr-notice__title" safe>
              {m.comingSoon.intro}
            </p>
          </div>
        </div>
      </div>
      <h2 safe>{m.comingSoon.whatComes}</h2>
      <ul>
        {domain.coming.map((item) => (
          <li safe>{item}</li>
        ))}
      </ul>
      <p>
        <span safe>{m.comingSoon.meanwhile}</span>{' '}
        <a href="/a-propos" safe>
          {m.comingSoon.aboutLink}
        </a>
      </p>
    </>
  );
}
