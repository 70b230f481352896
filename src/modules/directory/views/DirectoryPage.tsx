import Html from '@kitajs/html';
import type { RequestContext } from '../../../platform/http/context.js';
import { formatNumber } from '../../../platform/i18n/index.js';
import {
  Alert,
  Breadcrumb,
  CheckboxGroup,
  type ChoiceOption,
  FranceMap,
  Pagination,
  Select,
  type TagProps,
  TagsGroup,
} from '../../../platform/views/components/index.js';
import { MovementBanner } from '../../organisations/index.js';
import type { DirectoryMessages } from '../directory.fr.js';
import {
  DEFAULT_PARAMS,
  DIRECTORY_PARAMS,
  type DirectoryGeo,
  type DirectoryParams,
  directoryHref,
  Q_MAX_LENGTH,
  type QueryProblem,
} from '../directory.schemas.js';
import {
  DIRECTORY_MAX_RESULTS,
  type DirectoryHit,
  type DirectoryResult,
  type FacetCount,
} from '../directory.types.js';

/** Where the result list starts: pagination and filter links land there. */
export const RESULTS_ANCHOR = '#resultats';
const SEARCH_INPUT_ID = 'annuaire-q';

interface BaseProps {
  ctx: RequestContext;
  w: DirectoryMessages;
  geo: DirectoryGeo;
}

export interface DirectoryPageProps extends BaseProps {
  params: DirectoryParams;
  result: DirectoryResult;
  /** The page asked for is beyond the last one: a message and a link to the last page instead of results. */
  pageMissing?: boolean;
  /** Badges other modules give each organisation of the page (by organisation id), e.g. « Lauréat … ». */
  badges?: ReadonlyMap<string, readonly string[]>;
}

export interface DirectoryErrorPageProps extends BaseProps {
  /** The valid part of the query (kept in the form, and the link « sans ces critères »). */
  params: DirectoryParams;
  /** The words as typed (a search too long is shown again, to be shortened). */
  typed: string;
  problems: QueryProblem[];
}

/** The page title (`<title>`): « Recherche « santé » — Annuaire ». */
export function directoryTitle(w: DirectoryMessages, params: DirectoryParams): string {
  return w.pageTitle(params.q, params.page);
}

function without<T>(list: readonly T[], value: T): T[] {
  return list.filter((v) => v !== value);
}

/** Same search, first page, with a change. */
function withChange(params: DirectoryParams, change: Partial<DirectoryParams>): string {
  return directoryHref({ ...params, page: 1, ...change });
}

function Crumbs({ w, ctx, q }: { w: DirectoryMessages; ctx: RequestContext; q: string }) {
  const labels = ctx.m.components;
  return q ? (
    <Breadcrumb
      items={[
        { label: w.home, href: '/' },
        { label: w.title, href: '/annuaire' },
      ]}
      current={w.searchCrumb(q)}
      labels={labels}
    />
  ) : (
    <Breadcrumb items={[{ label: w.home, href: '/' }]} current={w.title} labels={labels} />
  );
}

/** The search field: a visible label with its hint, DSFR search bar (input and button). */
function SearchField({ w, value, error }: { w: DirectoryMessages; value: string; error?: string }) {
  const messages = `${SEARCH_INPUT_ID}-messages`;
  return (
    <div class={['fr-input-group', error && 'fr-input-group--error']}>
      <label class="fr-label" for={SEARCH_INPUT_ID}>
        {Html.escapeHtml(w.search.label)}
        <span class="fr-hint-text" safe>
          {w.search.hint}
        </span>
      </label>
      <div class="fr-search-bar fr-search-bar--lg fr-mt-1w" role="search">
        <input
          class={['fr-input', error && 'fr-input--error']}
          type="search"
          id={SEARCH_INPUT_ID}
          name={DIRECTORY_PARAMS.q}
          value={value}
          maxlength={Q_MAX_LENGTH}
          autocomplete="off"
          aria-describedby={messages}
          aria-invalid={error ? 'true' : undefined}
        />
        <button type="submit" class="fr-btn fr-btn--lg" title={w.search.button}>
          {Html.escapeHtml(w.search.button)}
        </button>
      </div>
      <div class="fr-messages-group" id={messages} aria-live="polite">
        {error ? (
          <p class="fr-message fr-message--error" safe>
            {error}
          </p>
        ) : (
          ''
        )}
      </div>
    </div>
  );
}

/** A facet's options: every value counted, plus the checked ones (even at 0). */
function facetOptions(
  ctx: RequestContext,
  w: DirectoryMessages,
  counts: readonly FacetCount[],
  selected: readonly string[],
  order: readonly string[],
  label: (value: string) => string,
): ChoiceOption[] {
  const byValue = new Map(counts.map((c) => [c.value, c.count]));
  return order
    .filter((value) => byValue.has(value) || selected.includes(value))
    .map((value) => ({
      value,
      label: w.option(label(value), formatNumber(byValue.get(value) ?? 0, ctx.locale)),
    }));
}

function Facets({ ctx, w, geo, params, result }: DirectoryPageProps) {
  const labels = ctx.m.components;
  const { facets } = result;
  const regionNames = new Map(geo.regions.map((r) => [r.code, r.name]));
  const departements = new Map(geo.departements.map((d) => [d.code, d]));
  const departementLabel = (code: string) => {
    const d = departements.get(code);
    return d ? `${code} – ${d.name}` : code;
  };
  const legalForms = facetOptions(
    ctx,
    w,
    facets.legal_form,
    params.legalForms,
    Object.keys(w.legalForms),
    (v) => w.legalForms[v as keyof typeof w.legalForms],
  );
  const domains = facetOptions(
    ctx,
    w,
    facets.domain,
    params.domains,
    Object.keys(w.domains),
    (v) => w.domains[v as keyof typeof w.domains],
  );
  const regions = facetOptions(
    ctx,
    w,
    facets.region,
    params.regions,
    geo.regions.map((r) => r.code),
    (code) => regionNames.get(code) ?? code,
  );
  const regionsChosen = params.regions.length > 0;
  const departementOrder = geo.departements
    .filter((d) => params.departements.includes(d.code) || params.regions.includes(d.region_code))
    .map((d) => d.code);
  const departementBoxes = facetOptions(
    ctx,
    w,
    regionsChosen ? facets.departement : [],
    params.departements,
    departementOrder,
    departementLabel,
  );
  const departementCounts = new Map(facets.departement.map((c) => [c.value, c.count]));
  const departementChoices = regionsChosen
    ? []
    : geo.departements
        .filter((d) => departementCounts.has(d.code) && !params.departements.includes(d.code))
        .map((d) => ({
          value: d.code,
          label: w.option(
            departementLabel(d.code),
            formatNumber(departementCounts.get(d.code) ?? 0, ctx.locale),
          ),
        }));
  const noneText = (
    <p class="fr-text--sm fr-mb-3w" safe>
      {w.filters.none}
    </p>
  );
  return (
    <div class="fr-mb-4w">
      <p class="fr-hidden-md">
        <a class="fr-link fr-icon-arrow-down-line fr-link--icon-right" href={RESULTS_ANCHOR} safe>
          {w.filters.skipToResults}
        </a>
      </p>
      <h2 class="fr-h5" id="filtres" safe>
        {w.filters.title}
      </h2>
      {legalForms.length > 0 ? (
        <CheckboxGroup
          name={DIRECTORY_PARAMS.legalForms}
          id="filtre-forme"
          label={w.filters.legalForm}
          options={legalForms}
          values={params.legalForms}
          size="sm"
          labels={labels}
        />
      ) : (
        ''
      )}
      {domains.length > 0 ? (
        <CheckboxGroup
          name={DIRECTORY_PARAMS.domains}
          id="filtre-domaine"
          label={w.filters.domain}
          options={domains}
          values={params.domains}
          size="sm"
          labels={labels}
        />
      ) : (
        ''
      )}
      {regions.length > 0 ? (
        <CheckboxGroup
          name={DIRECTORY_PARAMS.regions}
          id="filtre-region"
          label={w.filters.region}
          options={regions}
          values={params.regions}
          size="sm"
          labels={labels}
        />
      ) : (
        ''
      )}
      {departementBoxes.length > 0 ? (
        <CheckboxGroup
          name={DIRECTORY_PARAMS.departements}
          id="filtre-departement"
          label={w.filters.departement}
          options={departementBoxes}
          values={params.departements}
          size="sm"
          labels={labels}
        />
      ) : regionsChosen ? (
        <>
          <p class="fr-text--bold fr-mb-1w" safe>
            {w.filters.departement}
          </p>
          {noneText}
        </>
      ) : (
        ''
      )}
      {regionsChosen || departementChoices.length === 0 ? (
        ''
      ) : (
        <Select
          name={DIRECTORY_PARAMS.departements}
          id="filtre-departement-choix"
          label={params.departements.length > 0 ? w.filters.departementAdd : w.filters.departement}
          hint={w.filters.departementHint}
          options={departementChoices}
          placeholder={w.filters.departementAll}
          labels={labels}
        />
      )}
      <CheckboxGroup
        name={DIRECTORY_PARAMS.movementOnly}
        id="filtre-membres"
        label={w.filters.movement}
        options={[
          {
            value: '1',
            label: w.option(w.filters.movementOnly, formatNumber(facets.movement, ctx.locale)),
          },
        ]}
        values={params.movementOnly ? ['1'] : []}
        size="sm"
        labels={labels}
      />
      {params.map ? <input type="hidden" name={DIRECTORY_PARAMS.map} value={params.map} /> : ''}
      <button type="submit" class="fr-btn fr-icon-filter-line fr-btn--icon-left">
        {Html.escapeHtml(w.filters.submit)}
      </button>
    </div>
  );
}

/** The criteria in force as tags, each a link to the same search without it. */
function ActiveFilters({ ctx, w, geo, params }: DirectoryPageProps) {
  const regionNames = new Map(geo.regions.map((r) => [r.code, r.name]));
  const departementNames = new Map(geo.departements.map((d) => [d.code, d.name]));
  const tags: TagProps[] = [];
  if (params.q)
    tags.push({
      label: w.filters.words(params.q),
      dismissHref: withChange(params, { q: '' }),
    });
  for (const v of params.legalForms)
    tags.push({
      label: w.legalForms[v],
      dismissHref: withChange(params, {
        legalForms: without(params.legalForms, v),
      }),
    });
  for (const v of params.domains)
    tags.push({
      label: w.domains[v],
      dismissHref: withChange(params, { domains: without(params.domains, v) }),
    });
  for (const v of params.regions)
    tags.push({
      label: regionNames.get(v) ?? v,
      dismissHref: withChange(params, { regions: without(params.regions, v) }),
    });
  for (const v of params.departements)
    tags.push({
      label: `${departementNames.get(v) ?? v} (${v})`,
      dismissHref: withChange(params, {
        departements: without(params.departements, v),
      }),
    });
  if (params.movementOnly)
    tags.push({
      label: w.filters.movementOnly,
      dismissHref: withChange(params, { movementOnly: false }),
    });
  if (tags.length === 0) return '';
  const labels = ctx.m.components;
  const anyFilter = tags.length > (params.q ? 1 : 0);
  return (
    <div class="fr-mt-2w fr-mb-2w">
      <p class="fr-text--sm fr-text--bold fr-mb-1w" id="filtres-actifs" safe>
        {w.filters.active}
      </p>
      <TagsGroup tags={tags.map((tag) => ({ ...tag, size: 'sm', labels }))} />
      {anyFilter ? (
        <p class="fr-text--sm">
          <a
            class="fr-link fr-link--sm"
            href={directoryHref({
              ...DEFAULT_PARAMS,
              q: params.q,
              sort: params.sort,
              map: params.map,
            })}
            safe
          >
            {w.filters.clear}
          </a>
        </p>
      ) : (
        ''
      )}
    </div>
  );
}

const fold = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The words with the engine's corrections applied (« Wimov » → « wimoov »). A correction names a
 * lexeme (`from`: the word unaccented, lower case, maybe stemmed): a typed word is replaced when it
 * folds to it or starts with it. When no typed word can be matched, the corrected words alone.
 */
export function correctedWords(q: string, corrections: DirectoryResult['corrections']): string {
  const words = q.split(' ');
  let replaced = false;
  for (const { from, to } of corrections) {
    const index = words.findIndex((word) => fold(word) === from);
    const at =
      index !== -1 ? index : words.findIndex((word) => from.length > 0 && fold(word).startsWith(from));
    if (at === -1) continue;
    words[at] = to;
    replaced = true;
  }
  return replaced ? words.join(' ') : corrections.map((c) => c.to).join(' ');
}

function OrganisationCard({
  ctx,
  w,
  hit,
  badges = [],
}: {
  ctx: RequestContext;
  w: DirectoryMessages;
  hit: DirectoryHit;
  badges?: readonly string[];
}) {
  const place = w.card.place(hit.commune_name, hit.departement_code);
  const detail = [w.legalForms[hit.legal_form] ?? hit.legal_form, place].filter(Boolean).join(' — ');
  const href = `/organisations/${encodeURIComponent(hit.id)}`;
  return (
    <div
      class={['fr-card', 'fr-enlarge-link', hit.hasLogo && 'fr-card--horizontal fr-card--horizontal-tier']}
    >
      <div class="fr-card__body">
        <div class="fr-card__content">
          <h3 class="fr-card__title">
            <a href={href} safe>
              {hit.name}
            </a>
          </h3>
          {hit.excerpt ? (
            <p class="fr-card__desc" safe>
              {hit.excerpt}
            </p>
          ) : (
            ''
          )}
          <div class="fr-card__start">
            {hit.movementMember || badges.length > 0 ? (
              <ul class="fr-badges-group">
                {hit.movementMember ? (
                  <li>
                    <MovementBanner label={w.card.movement} />
                  </li>
                ) : (
                  ''
                )}
                {badges.map((label) => (
                  <li>
                    <p class="fr-badge fr-badge--sm fr-badge--yellow-tournesol" safe>
                      {label}
                    </p>
                  </li>
                ))}
              </ul>
            ) : (
              ''
            )}
            {hit.domains.length > 0 ? (
              <TagsGroup
                size="sm"
                tags={hit.domains.map((d) => ({
                  label: w.domains[d] ?? d,
                  labels: ctx.m.components,
                }))}
              />
            ) : (
              ''
            )}
            <p class="fr-card__detail fr-icon-map-pin-2-line" safe>
              {detail}
            </p>
          </div>
        </div>
      </div>
      {hit.hasLogo ? (
        <div class="fr-card__header">
          <div class="fr-card__img">
            <img class="fr-responsive-img" src={`${href}/logo`} alt="" />
          </div>
        </div>
      ) : (
        ''
      )}
    </div>
  );
}

function Results(props: DirectoryPageProps) {
  const { ctx, w, params, result } = props;
  const labels = ctx.m.components;
  const heading = w.results.count(formatNumber(result.total, ctx.locale), result.total);
  const lastReachable = Math.max(result.pageCount, 1);
  return (
    <div>
      <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
        <div class="fr-col-12 fr-col-md-7" aria-live="polite" aria-atomic="true">
          <h2 id="resultats" class="fr-mb-0" safe>
            {heading}
          </h2>
        </div>
        <div class="fr-col-12 fr-col-md-5">
          <div class="fr-grid-row fr-grid-row--bottom">
            <div class="fr-col">
              <Select
                name={DIRECTORY_PARAMS.sort}
                id="tri"
                label={w.sort.label}
                options={[
                  { value: 'pertinence', label: w.sort.relevance },
                  { value: 'nom', label: w.sort.name },
                ]}
                value={params.sort === 'name' ? 'nom' : 'pertinence'}
                placeholder={false}
                labels={labels}
              />
            </div>
            <div class="fr-col-auto fr-pl-1w">
              <button type="submit" class="fr-btn fr-btn--secondary">
                {Html.escapeHtml(w.sort.submit)}
              </button>
            </div>
          </div>
        </div>
      </div>
      <ActiveFilters {...props} />
      {result.identifier && params.q ? (
        <p class="fr-text--lead" safe>
          {w.results.identifier(result.identifier, params.q, result.total)}
        </p>
      ) : (
        ''
      )}
      {result.corrections.length > 0 ? (
        <p>
          <strong safe>{w.results.corrected(correctedWords(params.q, result.corrections))}</strong>{' '}
          <a href={withChange(params, { q: params.q, exact: true })} class="fr-link" safe>
            {w.results.searchOriginal(params.q)}
          </a>
        </p>
      ) : (
        ''
      )}
      {props.pageMissing ? (
        <Alert type="warning" size="sm" role="status">
          <p>
            {Html.escapeHtml(
              w.results.pageMissing(
                formatNumber(params.page, ctx.locale),
                result.pageCount,
                formatNumber(result.pageCount, ctx.locale),
              ),
            )}{' '}
            <a href={directoryHref({ ...params, page: lastReachable }, RESULTS_ANCHOR)} safe>
              {result.pageCount > 1 ? w.results.lastPage : w.results.firstPage}
            </a>
          </p>
        </Alert>
      ) : (
        ''
      )}
      {result.total > DIRECTORY_MAX_RESULTS ? (
        <Alert
          type="info"
          size="sm"
          description={w.results.tooMany(formatNumber(DIRECTORY_MAX_RESULTS, ctx.locale))}
        />
      ) : (
        ''
      )}
      {result.total === 0 && !result.identifier ? (
        <p class="fr-mt-2w" id="resultats-vide" safe>
          {w.results.empty}
        </p>
      ) : (
        ''
      )}
      {!props.pageMissing && result.hits.length > 0 ? (
        <ul class="fr-grid-row fr-grid-row--gutters fr-mt-1w fr-raw-list" aria-label={w.results.list}>
          {result.hits.map((hit) => (
            <li class="fr-col-12 fr-col-lg-6">
              <OrganisationCard ctx={ctx} w={w} hit={hit} badges={props.badges?.get(hit.id)} />
            </li>
          ))}
        </ul>
      ) : (
        ''
      )}
      <div class="fr-mt-4w">
        <Pagination
          current={Math.min(params.page, lastReachable)}
          total={result.pageCount}
          href={(page) => directoryHref({ ...params, page }, RESULTS_ANCHOR)}
          ariaLabel={w.results.pagination}
          labels={labels}
        />
      </div>
    </div>
  );
}

/** The map level: départements when asked for, or when a région is chosen (unless régions are asked for). */
export function mapLevel(params: DirectoryParams): 'region' | 'departement' {
  if (params.map === 'departements') return 'departement';
  if (params.map === 'regions') return 'region';
  return params.regions.length > 0 ? 'departement' : 'region';
}

function MapSection({ ctx, w, geo, params, result }: DirectoryPageProps) {
  const level = mapLevel(params);
  const regionOf = new Map(geo.departements.map((d) => [d.code, d.region_code]));
  const counts = Object.fromEntries(
    (level === 'region' ? result.facets.region : result.facets.departement).map((c) => [c.value, c.count]),
  );
  const names = Object.fromEntries(
    (level === 'region' ? geo.regions : geo.departements).map((area) => [area.code, area.name]),
  );
  const href = (code: string) => {
    if (level === 'region') {
      return withChange(params, {
        regions: [code],
        departements: params.departements.filter((d) => regionOf.get(d) === code),
      });
    }
    const region = regionOf.get(code);
    return withChange(params, {
      regions: region ? [region] : [],
      departements: [code],
    });
  };
  const selectedList = level === 'region' ? params.regions : params.departements;
  const toggle = (target: 'regions' | 'departements', text: string) => {
    const current = (target === 'regions') === (level === 'region');
    return (
      <li>
        <a
          class={['fr-btn', 'fr-btn--sm', !current && 'fr-btn--secondary']}
          href={directoryHref({ ...params, map: target }, '#carte')}
          aria-current={current ? 'true' : undefined}
          safe
        >
          {text}
        </a>
      </li>
    );
  };
  return (
    <section class="fr-mt-6w" aria-labelledby="carte">
      <h2 id="carte" safe>
        {w.map.title}
      </h2>
      <p safe>{w.map.lead}</p>
      <ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm" aria-label={w.map.level}>
        {toggle('regions', w.map.byRegion)}
        {toggle('departements', w.map.byDepartement)}
      </ul>
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-lg-8">
          <FranceMap
            id="carte-annuaire"
            level={level}
            counts={counts}
            names={names}
            href={href}
            caption={level === 'region' ? w.map.captionRegion : w.map.captionDepartement}
            selected={selectedList.length === 1 ? selectedList[0] : undefined}
            headingLevel={3}
            locale={ctx.locale}
            labels={ctx.m.components}
          />
        </div>
      </div>
    </section>
  );
}

/** `/annuaire`: search, facets, results as cards, pagination, then the map of the results. */
export function DirectoryPage(props: DirectoryPageProps) {
  const { ctx, w, params } = props;
  return (
    <>
      <Crumbs ctx={ctx} w={w} q={params.q} />
      <h1 safe>{w.heading}</h1>
      <p class="fr-text--lead" safe>
        {w.lead}
      </p>
      <form method="get" action="/annuaire" id="annuaire-recherche">
        <SearchField w={w} value={params.q} />
        <div class="fr-grid-row fr-grid-row--gutters fr-mt-4w">
          <div class="fr-col-12 fr-col-md-4">
            <Facets {...props} />
          </div>
          <div class="fr-col-12 fr-col-md-8">
            <Results {...props} />
          </div>
        </div>
      </form>
      <MapSection {...props} />
    </>
  );
}

/** A query string the directory cannot read: what is wrong, the form again, and the search without it. */
export function DirectoryErrorPage({ ctx, w, params, typed, problems }: DirectoryErrorPageProps) {
  const qProblem = problems.find((p) => p.param === DIRECTORY_PARAMS.q);
  return (
    <>
      <Crumbs ctx={ctx} w={w} q="" />
      <h1 safe>{w.heading}</h1>
      <Alert type="error" title={w.errors.title} headingLevel={2} role="alert">
        <p safe>{w.errors.lead}</p>
        <ul>
          {problems.map((problem) => (
            <li safe>{problem.message}</li>
          ))}
        </ul>
        <p>
          <a href={directoryHref({ ...params, page: 1 })} safe>
            {w.errors.retry}
          </a>
        </p>
      </Alert>
      <form method="get" action="/annuaire" id="annuaire-recherche" class="fr-mt-4w">
        <SearchField w={w} value={qProblem ? typed : params.q} error={qProblem?.message} />
      </form>
    </>
  );
}
