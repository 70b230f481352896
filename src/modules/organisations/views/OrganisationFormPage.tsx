import Html from '@kitajs/html';
import type { CommuneWithParents } from '../../../platform/geo/index.js';
import type { RequestContext } from '../../../platform/http/context.js';
import type { FormState } from '../../../platform/http/forms.js';
import {
  Alert,
  Breadcrumb,
  Button,
  Checkbox,
  CheckboxGroup,
  ErrorSummary,
  Input,
  RadioGroup,
  Select,
  Textarea,
  Upload,
} from '../../../platform/views/components/index.js';
import type { OrganisationsMessages } from '../organisations.fr.js';
import type { DuplicateCandidate } from '../organisations.queries.js';
import { currentYear } from '../organisations.schemas.js';
import { IMPACT_DOMAINS, LEGAL_FORMS, SIZE_BAND_CODES } from '../organisations.vocabulary.js';

export interface OrganisationFormPageProps {
  ctx: RequestContext;
  w: OrganisationsMessages;
  /** null: the creation form. */
  organisation: { id: string; name: string; has_logo: boolean; logo_version?: string | null } | null;
  state: FormState;
  /** Communes to choose from when the typed one is ambiguous. */
  communeChoices?: readonly CommuneWithParents[];
  /** Organisations this one may duplicate: same identifier (refused) or close name (to confirm). */
  duplicates?: { kind: 'identifier' | 'close'; matches: readonly DuplicateCandidate[] } | undefined;
  notice?: string | undefined;
  /** The logo form's error (shown in its section). */
  logoError?: string | undefined;
}

function value(state: FormState, key: string): string | undefined {
  const v = state.values[key];
  return typeof v === 'string' ? v : Array.isArray(v) ? v[0] : undefined;
}

function values(state: FormState, key: string): string[] {
  const v = state.values[key];
  return typeof v === 'string' ? [v] : Array.isArray(v) ? v : [];
}

function Csrf({ ctx }: { ctx: RequestContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

function DuplicateList({
  w,
  matches,
  claim,
}: {
  w: OrganisationsMessages;
  matches: readonly DuplicateCandidate[];
  claim: boolean;
}) {
  return (
    <ul>
      {matches.map((m) => {
        const details = [
          m.commune_name ? `${m.commune_name}${m.departement_code ? ` (${m.departement_code})` : ''}` : null,
          m.siren ? w.duplicates.bySiren(m.siren) : null,
          m.rna ? w.duplicates.byRna(m.rna) : null,
        ].filter((d): d is string => d !== null);
        return (
          <li>
            <a href={`/organisations/${m.id}`} safe>
              {m.name}
            </a>
            {details.length ? <span safe>{` — ${details.join(', ')}`}</span> : ''}
            {claim ? (
              <>
                {' — '}
                <a href={`/organisations/${m.id}/revendication`} safe>
                  {w.duplicates.claim}
                </a>
              </>
            ) : (
              ''
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The profile form (create and edit) and, when editing, the logo. Works without JavaScript. */
export function OrganisationFormPage(props: OrganisationFormPageProps) {
  const { ctx, w, organisation, state } = props;
  const labels = ctx.m.components;
  const editing = organisation !== null;
  const title = editing ? w.edit.title(organisation.name) : w.create.title;
  const action = editing ? `/organisations/${organisation.id}/modifier` : '/organisations/nouvelle';
  const crumbs = [
    { label: w.home, href: '/' },
    { label: w.directory, href: '/annuaire' },
    ...(editing ? [{ label: organisation.name, href: `/organisations/${organisation.id}` }] : []),
  ];
  const choices = props.communeChoices ?? [];
  const duplicates = props.duplicates;
  return (
    <>
      <Breadcrumb items={crumbs} current={title} labels={labels} />
      <h1 safe>{title}</h1>
      <p class="fr-text--lead" safe>
        {editing ? w.edit.lead : w.create.lead}
      </p>
      {props.notice ? <Alert type="success" size="sm" role="status" description={props.notice} /> : ''}
      {duplicates?.kind === 'identifier' ? (
        <Alert type="error" title={w.duplicates.identifierTitle} headingLevel={2} role="alert" id="doublons">
          <p safe>{editing ? w.duplicates.identifierLeadEdit : w.duplicates.identifierLead}</p>
          <DuplicateList w={w} matches={duplicates.matches} claim={!editing} />
        </Alert>
      ) : (
        ''
      )}
      {duplicates?.kind === 'close' ? (
        <Alert type="warning" title={w.duplicates.closeTitle} headingLevel={2} role="alert" id="doublons">
          <p safe>{w.duplicates.closeLead}</p>
          <DuplicateList w={w} matches={duplicates.matches} claim={true} />
        </Alert>
      ) : (
        ''
      )}
      <ErrorSummary errors={state.summary} labels={labels} />

      <form method="post" action={action} novalidate class="fr-mt-4w">
        <Csrf ctx={ctx} />
        {duplicates?.kind === 'close' ? (
          <Checkbox
            name="not_duplicate"
            value="oui"
            label={w.fields.notDuplicate}
            checked={value(state, 'not_duplicate') === 'oui'}
            error={state.errors.not_duplicate}
            labels={labels}
          />
        ) : (
          ''
        )}
        <fieldset class="fr-fieldset" aria-labelledby="identite-titre">
          <legend class="fr-fieldset__legend" id="identite-titre" safe>
            {w.fields.identity}
          </legend>
          <div class="fr-fieldset__element">
            <Input
              name="name"
              label={w.fields.name}
              hint={w.fields.nameHint}
              autocomplete="organization"
              maxlength={200}
              value={value(state, 'name')}
              error={state.errors.name}
              required
              labels={labels}
            />
          </div>
          <div class="fr-fieldset__element">
            <Select
              name="legal_form"
              label={w.fields.legalForm}
              options={LEGAL_FORMS.map((f) => ({ value: f, label: w.legalForms[f] }))}
              placeholder={w.fields.legalFormPlaceholder}
              value={value(state, 'legal_form')}
              error={state.errors.legal_form}
              required
              labels={labels}
            />
          </div>
          <div class="fr-fieldset__element">
            <Input
              name="categorie_juridique"
              label={w.fields.categorie}
              hint={w.fields.categorieHint}
              inputmode="numeric"
              autocomplete="off"
              value={value(state, 'categorie_juridique')}
              error={state.errors.categorie_juridique}
              labels={labels}
            />
          </div>
        </fieldset>

        <fieldset class="fr-fieldset" aria-labelledby="identifiants-titre">
          <legend class="fr-fieldset__legend" id="identifiants-titre">
            {Html.escapeHtml(w.fields.identifiers)}
            <span class="fr-hint-text" safe>
              {w.fields.identifiersHint}
            </span>
          </legend>
          <div class="fr-fieldset__element">
            <Input
              name="siren"
              label={w.fields.siren}
              hint={w.fields.sirenHint}
              inputmode="numeric"
              autocomplete="off"
              spellcheck={false}
              value={value(state, 'siren')}
              error={state.errors.siren}
              labels={labels}
            />
          </div>
          <div class="fr-fieldset__element">
            <Input
              name="siret"
              label={w.fields.siret}
              hint={w.fields.siretHint}
              inputmode="numeric"
              autocomplete="off"
              spellcheck={false}
              value={value(state, 'siret')}
              error={state.errors.siret}
              labels={labels}
            />
          </div>
          <div class="fr-fieldset__element">
            <Input
              name="rna"
              label={w.fields.rna}
              hint={w.fields.rnaHint}
              autocomplete="off"
              spellcheck={false}
              value={value(state, 'rna')}
              error={state.errors.rna}
              labels={labels}
            />
          </div>
          <div class="fr-fieldset__element">
            <Input
              name="naf_code"
              label={w.fields.naf}
              hint={w.fields.nafHint}
              autocomplete="off"
              spellcheck={false}
              value={value(state, 'naf_code')}
              error={state.errors.naf_code}
              labels={labels}
            />
          </div>
        </fieldset>

        <fieldset class="fr-fieldset" aria-labelledby="adresse-titre">
          <legend class="fr-fieldset__legend" id="adresse-titre" safe>
            {w.fields.location}
          </legend>
          <div class="fr-fieldset__element">
            <Input
              name="address"
              label={w.fields.address}
              hint={w.fields.addressHint}
              autocomplete="street-address"
              maxlength={300}
              value={value(state, 'address')}
              error={state.errors.address}
              labels={labels}
            />
          </div>
          <div class="fr-fieldset__element">
            <Input
              name="postal_code"
              label={w.fields.postalCode}
              autocomplete="postal-code"
              inputmode="numeric"
              value={value(state, 'postal_code')}
              error={state.errors.postal_code}
              labels={labels}
            />
          </div>
          <div class="fr-fieldset__element">
            <Input
              name="commune"
              label={w.fields.commune}
              hint={w.fields.communeHint}
              autocomplete="address-level2"
              value={value(state, 'commune')}
              error={state.errors.commune}
              required
              labels={labels}
            />
          </div>
          {choices.length > 0 ? (
            <div class="fr-fieldset__element">
              <RadioGroup
                name="commune_code"
                label={w.fields.communeChoice}
                options={choices.map((c) => ({
                  value: c.code,
                  label: `${c.name} (${c.code})`,
                  hint: `${c.departement_name} (${c.departement_code}), ${c.region_name}${
                    c.postal_codes.length ? ` — ${c.postal_codes.slice(0, 5).join(', ')}` : ''
                  }`,
                }))}
                value={value(state, 'commune_code')}
                labels={labels}
              />
            </div>
          ) : (
            ''
          )}
        </fieldset>

        <fieldset class="fr-fieldset" aria-labelledby="presentation-titre">
          <legend class="fr-fieldset__legend" id="presentation-titre" safe>
            {w.fields.presentation}
          </legend>
          <div class="fr-fieldset__element">
            <CheckboxGroup
              name="domains"
              label={w.fields.domains}
              hint={w.fields.domainsHint}
              options={IMPACT_DOMAINS.map((d) => ({ value: d, label: w.domains[d] }))}
              values={values(state, 'domains')}
              error={state.errors.domains}
              labels={labels}
            />
          </div>
          <div class="fr-fieldset__element">
            <Textarea
              name="description"
              label={w.fields.description}
              hint={w.fields.descriptionHint}
              rows={8}
              maxlength={5000}
              value={value(state, 'description')}
              error={state.errors.description}
              labels={labels}
            />
          </div>
          <div class="fr-fieldset__element">
            <Input
              name="website"
              type="url"
              label={w.fields.website}
              hint={w.fields.websiteHint}
              autocomplete="url"
              value={value(state, 'website')}
              error={state.errors.website}
              labels={labels}
            />
          </div>
          <div class="fr-fieldset__element">
            <Select
              name="size_band"
              label={w.fields.sizeBand}
              options={SIZE_BAND_CODES.map((code) => ({ value: code, label: w.sizeBands[code] }))}
              placeholder={w.fields.sizeBandPlaceholder}
              value={value(state, 'size_band')}
              error={state.errors.size_band}
              labels={labels}
            />
          </div>
          <div class="fr-fieldset__element">
            <Input
              name="founded_year"
              label={w.fields.foundedYear}
              hint={w.fields.foundedYearHint}
              inputmode="numeric"
              min={1000}
              max={currentYear()}
              value={value(state, 'founded_year')}
              error={state.errors.founded_year}
              labels={labels}
            />
          </div>
        </fieldset>

        <fieldset class="fr-fieldset" aria-labelledby="contact-titre">
          <legend class="fr-fieldset__legend" id="contact-titre" safe>
            {w.fields.contact}
          </legend>
          <div class="fr-fieldset__element">
            <Input
              name="contact_email"
              type="email"
              label={w.fields.contactEmail}
              autocomplete="email"
              spellcheck={false}
              value={value(state, 'contact_email')}
              error={state.errors.contact_email}
              labels={labels}
            />
          </div>
          <div class="fr-fieldset__element">
            <Input
              name="contact_phone"
              type="tel"
              label={w.fields.contactPhone}
              autocomplete="tel"
              value={value(state, 'contact_phone')}
              error={state.errors.contact_phone}
              labels={labels}
            />
          </div>
          <div class="fr-fieldset__element">
            <Checkbox
              name="show_contact"
              value="oui"
              label={w.fields.showContact}
              hint={w.fields.showContactHint}
              checked={value(state, 'show_contact') === 'oui'}
              error={state.errors.show_contact}
              labels={labels}
            />
          </div>
        </fieldset>

        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <Button type="submit" label={editing ? w.edit.submit : w.create.submit} />
          </li>
          {editing ? (
            <li>
              <Button kind="secondary" href={`/organisations/${organisation.id}`} label={w.edit.cancel} />
            </li>
          ) : (
            ''
          )}
        </ul>
      </form>

      {editing ? <LogoSection ctx={ctx} w={w} organisation={organisation} error={props.logoError} /> : ''}
    </>
  );
}

function LogoSection({
  ctx,
  w,
  organisation,
  error,
}: {
  ctx: RequestContext;
  w: OrganisationsMessages;
  organisation: { id: string; name: string; has_logo: boolean; logo_version?: string | null };
  error?: string | undefined;
}) {
  const labels = ctx.m.components;
  const base = `/organisations/${organisation.id}/logo`;
  return (
    <section class="fr-mt-6w" aria-labelledby="logo-titre" id="logo">
      <h2 id="logo-titre" safe>
        {w.logo.title}
      </h2>
      {organisation.has_logo ? (
        <figure class="fr-mb-3w">
          <img
            src={`${base}${organisation.logo_version ? `?v=${organisation.logo_version.slice(0, 12)}` : ''}`}
            alt={w.profile.logoAlt(organisation.name)}
            width="160"
          />
          <figcaption class="fr-hint-text" safe>
            {w.logo.current}
          </figcaption>
        </figure>
      ) : (
        <p safe>{w.logo.none}</p>
      )}
      {/* The CSRF token is the first part: it is read before the file (see the module's README). */}
      <form method="post" action={base} enctype="multipart/form-data" novalidate>
        <Csrf ctx={ctx} />
        <Upload
          name="logo"
          label={w.logo.field}
          hint={w.logo.hint}
          accept={['.png', '.jpg', '.jpeg', '.webp', '.gif']}
          maxSize={ctx.locale === 'fr' ? '2 Mo' : '2 MB'}
          error={error}
          required
          labels={labels}
        />
        <Button type="submit" label={w.logo.submit} class="fr-mt-2w" />
      </form>
      {organisation.has_logo ? (
        <form method="post" action={`${base}/suppression`} class="fr-mt-2w">
          <Csrf ctx={ctx} />
          <Button type="submit" kind="secondary" label={w.logo.remove} />
        </form>
      ) : (
        ''
      )}
    </section>
  );
}
