import Html from '@kitajs/html';
import type { RequestContext } from '../../../platform/http/context.js';
import type { Locale } from '../../../platform/i18n/index.js';
import { Alert, Breadcrumb, Button, Table, TagsGroup } from '../../../platform/views/components/index.js';
import { groupDigits, type OrganisationsMessages } from '../organisations.fr.js';
import type { MemberView, OrganisationRow } from '../organisations.queries.js';
import { CATEGORIES_JURIDIQUES, isKnownCategorie, type SizeBand } from '../organisations.vocabulary.js';
import { MovementBanner } from './MovementBanner.js';

export interface OrganisationProfilePageProps {
  ctx: RequestContext;
  w: OrganisationsMessages;
  organisation: OrganisationRow;
  logoVersion: string | null;
  /** null: the viewer may not see them (neither a member nor an administrator). */
  members: readonly MemberView[] | null;
  canEdit: boolean;
  /** Contact details shown: published by the organisation, or the viewer may see them anyway. */
  showContact: boolean;
  /** Markup of the sections other modules add (already escaped by their components). */
  sections: readonly string[];
  notice?: string | undefined;
}

function Detail({ term, children }: { term: string; children: JSX.Element | string }) {
  return (
    <>
      <dt class="fr-text--bold fr-mb-0" safe>
        {term}
      </dt>
      <dd class="fr-mb-2w fr-ml-0">{children as 'safe'}</dd>
    </>
  );
}

function formatDay(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Europe/Paris',
  }).format(date);
}

/** The public profile of an organisation: public fields, contact when published, members for members. */
export function OrganisationProfilePage(props: OrganisationProfilePageProps) {
  const { ctx, w, organisation: o } = props;
  const labels = ctx.m.components;
  const categorie =
    o.categorie_juridique && isKnownCategorie(o.categorie_juridique)
      ? `${o.categorie_juridique} — ${CATEGORIES_JURIDIQUES[o.categorie_juridique].label}`
      : o.categorie_juridique;
  const hasContact = Boolean(o.contact_email || o.contact_phone);
  return (
    <>
      <Breadcrumb
        items={[
          { label: w.home, href: '/' },
          { label: w.directory, href: '/annuaire' },
        ]}
        current={o.name}
        labels={labels}
      />
      {props.notice ? <Alert type="success" size="sm" role="status" description={props.notice} /> : ''}
      {o.closed_at ? (
        <Alert
          type="warning"
          size="sm"
          description={w.profile.closedSince(formatDay(o.closed_at, ctx.locale))}
        />
      ) : (
        ''
      )}
      <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--middle fr-mb-3w">
        {o.has_logo ? (
          <div class="fr-col-12 fr-col-md-2">
            <img
              src={`/organisations/${o.id}/logo${props.logoVersion ? `?v=${props.logoVersion.slice(0, 12)}` : ''}`}
              alt={w.profile.logoAlt(o.name)}
              width="160"
              class="fr-responsive-img"
            />
          </div>
        ) : (
          ''
        )}
        <div class="fr-col">
          <h1 class="fr-mb-1w" safe>
            {o.name}
          </h1>
          <p class="fr-mb-1w" safe>
            {[w.legalForms[o.legal_form], o.commune_name].filter(Boolean).join(' — ')}
          </p>
          {o.movement_joined_at ? <MovementBanner label={w.profile.movementMember} size="md" /> : ''}
        </div>
        {props.canEdit ? (
          <div class="fr-col-12 fr-col-md-3">
            <Button
              kind="secondary"
              icon="fr-icon-edit-line"
              href={`/organisations/${o.id}/modifier`}
              label={w.profile.edit}
            />
          </div>
        ) : (
          ''
        )}
      </div>

      <div class="fr-grid-row fr-grid-row--gutters">
        <section class="fr-col-12 fr-col-md-8" aria-labelledby="presentation-titre">
          <h2 id="presentation-titre" safe>
            {w.profile.about}
          </h2>
          {o.description ? (
            o.description.split(/\n\s*\n/).map((paragraph) => (
              <p>
                {paragraph
                  .trim()
                  .split('\n')
                  .map((line, i) => (
                    <>
                      {i > 0 ? <br /> : ''}
                      <span safe>{line}</span>
                    </>
                  ))}
              </p>
            ))
          ) : (
            <p class="fr-hint-text" safe>
              {w.profile.noDescription}
            </p>
          )}
          {o.domains.length ? (
            <>
              <h3 class="fr-h6" safe>
                {w.profile.domains}
              </h3>
              <TagsGroup tags={o.domains.map((d) => ({ label: w.domains[d] }))} />
            </>
          ) : (
            ''
          )}
        </section>

        <section class="fr-col-12 fr-col-md-4" aria-labelledby="informations-titre">
          <h2 id="informations-titre" safe>
            {w.profile.details}
          </h2>
          <dl>
            <Detail term={w.profile.legalForm}>{Html.escapeHtml(w.legalForms[o.legal_form])}</Detail>
            {categorie ? <Detail term={w.profile.categorie}>{Html.escapeHtml(categorie)}</Detail> : ''}
            {o.siren ? <Detail term={w.profile.siren}>{Html.escapeHtml(groupDigits(o.siren))}</Detail> : ''}
            {o.siret ? <Detail term={w.profile.siret}>{Html.escapeHtml(groupDigits(o.siret))}</Detail> : ''}
            {o.rna ? <Detail term={w.profile.rna}>{Html.escapeHtml(o.rna)}</Detail> : ''}
            {o.naf_code ? <Detail term={w.profile.naf}>{Html.escapeHtml(o.naf_code)}</Detail> : ''}
            {o.address ? (
              <Detail term={w.profile.address}>
                {Html.escapeHtml(
                  [o.address, [o.postal_code, o.commune_name].filter(Boolean).join(' ')].join(', '),
                )}
              </Detail>
            ) : (
              ''
            )}
            {o.commune_name ? (
              <Detail term={w.profile.commune}>
                {Html.escapeHtml(
                  `${o.commune_name}${o.postal_code && !o.address ? ` (${o.postal_code})` : ''}`,
                )}
              </Detail>
            ) : (
              ''
            )}
            {o.departement_name ? (
              <Detail term={w.profile.departement}>
                {Html.escapeHtml(`${o.departement_name} (${o.departement_code})`)}
              </Detail>
            ) : (
              ''
            )}
            {o.region_name ? <Detail term={w.profile.region}>{Html.escapeHtml(o.region_name)}</Detail> : ''}
            {o.website ? (
              <Detail term={w.profile.website}>
                <a
                  href={o.website}
                  target="_blank"
                  rel="noopener"
                  title={`${o.website} — ${w.profile.websiteNewWindow}`}
                  safe
                >
                  {o.website}
                </a>
              </Detail>
            ) : (
              ''
            )}
            {o.founded_year ? (
              <Detail term={w.profile.foundedYear}>{Html.escapeHtml(String(o.founded_year))}</Detail>
            ) : (
              ''
            )}
            {o.size_band && o.size_band in w.sizeBands ? (
              <Detail term={w.profile.sizeBand}>
                {Html.escapeHtml(w.sizeBands[o.size_band as SizeBand])}
              </Detail>
            ) : (
              ''
            )}
          </dl>
          {props.showContact && hasContact ? (
            <>
              <h3 class="fr-h6" safe>
                {w.profile.contact}
              </h3>
              {o.show_contact ? (
                ''
              ) : (
                <p class="fr-hint-text" safe>
                  {w.profile.privateContact}
                </p>
              )}
              <dl>
                {o.contact_email ? (
                  <Detail term={w.profile.email}>
                    <a href={`mailto:${o.contact_email}`} safe>
                      {o.contact_email}
                    </a>
                  </Detail>
                ) : (
                  ''
                )}
                {o.contact_phone ? (
                  <Detail term={w.profile.phone}>
                    <a href={`tel:${o.contact_phone.replace(/[^0-9+]/g, '')}`} safe>
                      {o.contact_phone}
                    </a>
                  </Detail>
                ) : (
                  ''
                )}
              </dl>
            </>
          ) : (
            ''
          )}
        </section>
      </div>

      {props.members ? (
        <section class="fr-mt-4w" aria-labelledby="membres-titre" id="membres">
          <h2 id="membres-titre" safe>
            {w.profile.members}
          </h2>
          <p class="fr-hint-text" safe>
            {w.profile.membersLead}
          </p>
          <Table
            caption={w.profile.members}
            captionPosition="hidden"
            columns={[
              { header: w.profile.memberName, value: (m: MemberView) => m.display_name, rowHeader: true },
              { header: w.profile.memberRole, value: (m: MemberView) => w.profile.roles[m.role] },
            ]}
            rows={props.members}
          />
          <ul class="fr-links-group">
            <li>
              <a
                class="fr-link fr-icon-team-line fr-link--icon-left"
                href={`/organisations/${o.id}/membres`}
                safe
              >
                {w.profile.manageMembers}
              </a>
            </li>
            <li>
              <a
                class="fr-link fr-icon-award-line fr-link--icon-left"
                href={`/organisations/${o.id}/mouvement`}
                safe
              >
                {w.profile.movement}
              </a>
            </li>
          </ul>
        </section>
      ) : (
        ''
      )}

      {!props.members && !o.closed_at ? (
        <p class="fr-mt-4w">
          <span safe>{w.profile.claimLead}</span>{' '}
          <a class="fr-link" href={`/organisations/${o.id}/revendication`} safe>
            {w.profile.claim}
          </a>
        </p>
      ) : (
        ''
      )}

      {props.sections.map((html) => (
        <div class="fr-mt-4w">{html as 'safe'}</div>
      ))}
    </>
  );
}
