import { z } from 'zod';
import type { ImpactDomain, LegalForm } from '../organisations/index.js';
import type { DirectoryMessages } from './directory.fr.js';
import { DIRECTORY_MAX_RESULTS, DIRECTORY_PER_PAGE, type DirectoryQuery } from './directory.types.js';

/**
 * The query string of `/annuaire`: what a shareable URL says. Names are French (they are what users see):
 *
 * | param         | values                                   | DirectoryQuery |
 * | ------------- | ---------------------------------------- | -------------- |
 * | `q`           | free text, trimmed, at most 200 characters | q            |
 * | `forme`       | a legal form code, repeatable            | legalForms     |
 * | `domaine`     | an impact domain code, repeatable        | domains        |
 * | `region`      | an INSEE région code, repeatable         | regions        |
 * | `departement` | an INSEE département code, repeatable    | departements   |
 * | `membres`     | `1`: members of the movement only        | movementOnly   |
 * | `tri`         | `pertinence` (default) or `nom`          | sort           |
 * | `page`        | 1, 2, …                                  | page           |
 * | `carte`       | `regions` or `departements` (map level)  | —              |
 * | `exact`       | `1`: no typo correction of the words     | exact          |
 *
 * Empty values (`?forme=`) are ignored; other parameters (`utm_source`…) too.
 */
export const DIRECTORY_PARAMS = {
  q: 'q',
  legalForms: 'forme',
  domains: 'domaine',
  regions: 'region',
  departements: 'departement',
  movementOnly: 'membres',
  sort: 'tri',
  page: 'page',
  map: 'carte',
  exact: 'exact',
} as const;

export const Q_MAX_LENGTH = 200;
/** The deepest page a visitor can reach (DIRECTORY_MAX_RESULTS / DIRECTORY_PER_PAGE). */
export const MAX_PAGE = Math.ceil(DIRECTORY_MAX_RESULTS / DIRECTORY_PER_PAGE);

export type DirectoryMapLevel = 'regions' | 'departements';

/** What the page shows: the engine's query, plus the map level asked for (none: chosen by the page). */
export interface DirectoryParams extends DirectoryQuery {
  map: DirectoryMapLevel | null;
}

export const DEFAULT_PARAMS: DirectoryParams = {
  q: '',
  legalForms: [],
  domains: [],
  regions: [],
  departements: [],
  movementOnly: false,
  sort: 'relevance',
  page: 1,
  map: null,
  exact: false,
};

/** The codes a région or département filter may take (from the geography reference). */
export interface GeoCodes {
  regions: ReadonlySet<string>;
  departements: ReadonlySet<string>;
}

export interface QueryProblem {
  /** The query-string parameter at fault (`q`, `forme`, `page`…). */
  param: string;
  message: string;
}

export type ParsedDirectoryQuery =
  | { ok: true; params: DirectoryParams }
  /** `params`: the valid part of the query (for a link to the directory without the bad criteria). */
  | { ok: false; params: DirectoryParams; problems: QueryProblem[] };

const CONTROL_CHARACTERS = /\p{Cc}+/gu;

/** Control characters (a NUL byte would break PostgreSQL) become spaces; runs of spaces one space. */
export function normaliseWords(text: string): string {
  return text.normalize('NFC').replace(CONTROL_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
}

const rawValue = z.union([z.string(), z.array(z.string())]).optional();

function valuesOf(raw: unknown): string[] {
  const parsed = rawValue.safeParse(raw);
  if (!parsed.success || parsed.data === undefined) return [];
  const list = typeof parsed.data === 'string' ? [parsed.data] : parsed.data;
  return [...new Set(list.map((v) => v.trim()).filter((v) => v !== ''))];
}

/**
 * Reads the query string (Fastify gives repeated keys as arrays) into the engine's query, with a French
 * message for each value that is not one the directory knows. Never throws.
 */
export function parseDirectoryQuery(raw: unknown, w: DirectoryMessages, geo: GeoCodes): ParsedDirectoryQuery {
  const query: Record<string, unknown> =
    raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const problems: QueryProblem[] = [];
  const params: DirectoryParams = { ...DEFAULT_PARAMS };

  /** A parameter given at most once: its value ('' when absent), or null after a problem. */
  const single = (param: string): string | null => {
    const value = query[param];
    if (value === undefined) return '';
    if (Array.isArray(value)) {
      problems.push({ param, message: w.errors.repeated(param) });
      return null;
    }
    if (typeof value !== 'string') {
      problems.push({ param, message: w.errors.repeated(param) });
      return null;
    }
    return value;
  };

  const q = single(DIRECTORY_PARAMS.q);
  if (q !== null) {
    const words = normaliseWords(q);
    if (words.length > Q_MAX_LENGTH) problems.push({ param: DIRECTORY_PARAMS.q, message: w.errors.tooLong });
    else params.q = words;
  }

  const many = <T extends string>(
    param: string,
    allowed: (value: string) => boolean,
    message: (value: string) => string,
  ): T[] => {
    const kept: T[] = [];
    for (const value of valuesOf(query[param])) {
      if (allowed(value)) kept.push(value as T);
      else problems.push({ param, message: message(value.slice(0, 40)) });
    }
    return kept;
  };
  params.legalForms = many<LegalForm>(
    DIRECTORY_PARAMS.legalForms,
    (v) => Object.hasOwn(w.legalForms, v),
    w.errors.legalForm,
  );
  params.domains = many<ImpactDomain>(
    DIRECTORY_PARAMS.domains,
    (v) => Object.hasOwn(w.domains, v),
    w.errors.domain,
  );
  params.regions = many<string>(DIRECTORY_PARAMS.regions, (v) => geo.regions.has(v), w.errors.region);
  params.departements = many<string>(
    DIRECTORY_PARAMS.departements,
    (v) => geo.departements.has(v),
    w.errors.departement,
  );

  const movement = single(DIRECTORY_PARAMS.movementOnly);
  if (movement !== null) {
    const value = movement.trim();
    if (value === '1') params.movementOnly = true;
    else if (value !== '')
      problems.push({
        param: DIRECTORY_PARAMS.movementOnly,
        message: w.errors.movement,
      });
  }

  const exact = single(DIRECTORY_PARAMS.exact);
  if (exact !== null) {
    const value = exact.trim();
    if (value === '1') params.exact = true;
    else if (value !== '') problems.push({ param: DIRECTORY_PARAMS.exact, message: w.errors.exact });
  }

  const sort = single(DIRECTORY_PARAMS.sort);
  if (sort !== null) {
    const value = sort.trim();
    if (value === 'nom') params.sort = 'name';
    else if (value !== '' && value !== 'pertinence')
      problems.push({ param: DIRECTORY_PARAMS.sort, message: w.errors.sort });
  }

  const map = single(DIRECTORY_PARAMS.map);
  if (map !== null) {
    const value = map.trim();
    if (value === 'regions' || value === 'departements') params.map = value;
    else if (value !== '') problems.push({ param: DIRECTORY_PARAMS.map, message: w.errors.map });
  }

  const page = single(DIRECTORY_PARAMS.page);
  if (page !== null) {
    const value = page.trim();
    if (/^[0-9]{1,12}$/.test(value) && Number(value) >= 1) {
      // Far beyond any reachable page: kept as a number the page can name in its message.
      params.page = Math.min(Number(value), 1_000_000_000);
    } else if (value !== '') {
      problems.push({ param: DIRECTORY_PARAMS.page, message: w.errors.page });
    }
  }

  return problems.length === 0 ? { ok: true, params } : { ok: false, params, problems };
}

/**
 * The URL of the directory for these parameters: only what differs from the defaults, in a stable order,
 * so that a page's links are shareable and comparable.
 */
export function directoryHref(params: DirectoryParams, hash = ''): string {
  const search = new URLSearchParams();
  if (params.q) search.set(DIRECTORY_PARAMS.q, params.q);
  for (const v of params.legalForms) search.append(DIRECTORY_PARAMS.legalForms, v);
  for (const v of params.domains) search.append(DIRECTORY_PARAMS.domains, v);
  for (const v of params.regions) search.append(DIRECTORY_PARAMS.regions, v);
  for (const v of params.departements) search.append(DIRECTORY_PARAMS.departements, v);
  if (params.movementOnly) search.set(DIRECTORY_PARAMS.movementOnly, '1');
  if (params.exact && params.q) search.set(DIRECTORY_PARAMS.exact, '1');
  if (params.sort === 'name') search.set(DIRECTORY_PARAMS.sort, 'nom');
  if (params.map) search.set(DIRECTORY_PARAMS.map, params.map);
  if (params.page > 1) search.set(DIRECTORY_PARAMS.page, String(params.page));
  const text = search.toString();
  return `/annuaire${text ? `?${text}` : ''}${hash}`;
}

/** The engine's part of the parameters, with the page bounded by the deepest reachable one. */
export function engineQuery(params: DirectoryParams): DirectoryQuery {
  return {
    q: params.q,
    legalForms: params.legalForms,
    domains: params.domains,
    regions: params.regions,
    departements: params.departements,
    movementOnly: params.movementOnly,
    sort: params.sort,
    page: Math.min(params.page, MAX_PAGE),
    exact: params.exact === true,
  };
}

/** The geography the pages name: régions (by name) and départements (by code), from `platform/geo`. */
export interface DirectoryGeo {
  regions: readonly { code: string; name: string }[];
  departements: readonly { code: string; name: string; region_code: string }[];
}

export function geoCodes(geo: DirectoryGeo): GeoCodes {
  return {
    regions: new Set(geo.regions.map((r) => r.code)),
    departements: new Set(geo.departements.map((d) => d.code)),
  };
}
