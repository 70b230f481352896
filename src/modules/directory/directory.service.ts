import type { Db } from '../../platform/db/index.js';
import { type AnalysedQuery, boundedDistance, searchIndex } from './directory.engine.js';
import { type IndexRow, SearchIndex } from './directory.index.js';
import {
  analyseText,
  closestNameKey,
  findByIdentifier,
  type IdentifierKind,
  maxChangeSeq,
  parseIdentifier,
  readChangesSince,
  readHits,
  readIndexBatch,
  readIndexRows,
  searchSql,
} from './directory.queries.js';
import {
  DIRECTORY_MAX_RESULTS,
  DIRECTORY_PER_PAGE,
  type DirectoryQuery,
  type DirectoryResult,
} from './directory.types.js';

/**
 * The directory's search: an in-memory index derived from `organisations` (directory.index.ts), loaded
 * in the background at start (the SQL search answers meanwhile) and kept up to date from
 * `organisations.change_seq` before every search. See ENGINE.md.
 */

export interface DirectoryLogger {
  info(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

export type DirectoryState = 'loading' | 'ready' | 'failed' | 'closed';

export interface DirectoryStats {
  state: DirectoryState;
  /** Documents ever added (tombstones included), live ones, distinct lexemes, postings. */
  documents: number;
  alive: number;
  terms: number;
  nameTerms: number;
  postings: number;
  lastSeq: number;
  /** Initial load: rows read and milliseconds (null until loaded). */
  loadedRows: number;
  loadMs: number | null;
  /** Searches answered by the index and by the SQL fallback. */
  indexSearches: number;
  fallbackSearches: number;
}

export interface Directory {
  /** Searches: with the index once it is loaded, with SQL before. */
  search(query: DirectoryQuery): Promise<DirectoryResult>;
  /** The SQL-only search (the fallback; the benchmark's baseline), whatever the index's state. */
  searchWithSql(query: DirectoryQuery): Promise<DirectoryResult>;
  /** Resolves once the index is loaded (rejects if loading failed or the directory was closed first). */
  ready(): Promise<void>;
  /** Applies the changes committed since the last search (every search does it first). */
  catchUp(): Promise<void>;
  stats(): DirectoryStats;
  /** Stops loading and following changes; searches after close() use SQL. */
  close(): Promise<void>;
}

export interface DirectoryOptions {
  db: Db;
  logger?: DirectoryLogger;
  /** Rows per batch of the initial load (default 5,000). */
  batchSize?: number;
  /** false: no index, every search in SQL (default true). */
  index?: boolean;
}

/** A change is re-read for this long after it was first seen: sequences are not transactional. */
const LATE_COMMIT_WINDOW_MS = 10_000;
/** Once a minute, in the background, the last CHANGES_PER_READ changes are re-read. */
const WIDE_WINDOW_EVERY_MS = 60_000;
const CHANGES_PER_READ = 5_000;
const ANALYSIS_CACHE = 2_000;

const quiet: DirectoryLogger = { info: () => {}, error: () => {} };

/** What the SQL search read the words as: each query word to the closest word of the closest name. */
function correctionsFor(typed: string, closest: string | null): { from: string; to: string }[] {
  if (!closest) return [];
  const candidates = closest.split(' ');
  const out: { from: string; to: string }[] = [];
  for (const word of typed.split(' ')) {
    if (word === '' || candidates.includes(word)) continue;
    let best = '';
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const candidate of candidates) {
      const distance = boundedDistance(word, candidate, 3);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    if (bestDistance <= 3) out.push({ from: word, to: best });
  }
  return out;
}

export function createDirectory({
  db,
  logger = quiet,
  batchSize = 5_000,
  index: useIndex = true,
}: DirectoryOptions): Directory {
  const index = new SearchIndex();
  let state: DirectoryState = useIndex ? 'loading' : 'failed';
  let loadedRows = 0;
  let loadMs: number | null = null;
  let indexSearches = 0;
  let fallbackSearches = 0;
  /** (time, lastSeq) seen: the low end of the re-read window. */
  const history: { at: number; seq: number }[] = [];

  const analysisCache = new Map<string, AnalysedQuery>();
  async function analyse(q: string): Promise<AnalysedQuery> {
    const cached = analysisCache.get(q);
    if (cached) return cached;
    const analysed = await analyseText(db, q);
    if (analysisCache.size >= ANALYSIS_CACHE) analysisCache.delete(analysisCache.keys().next().value!);
    analysisCache.set(q, analysed);
    return analysed;
  }

  // --- loading ---------------------------------------------------------------------------------

  async function load(): Promise<void> {
    const started = performance.now();
    const startSeq = await maxChangeSeq(db);
    index.beginOrderedLoad();
    // The next batch is asked for before this one is indexed: the database and Node work side by side.
    let next: Promise<IndexRow[]> | null = readIndexBatch(db, null, batchSize);
    while (next) {
      const rows: IndexRow[] = await next;
      if (state === 'closed') throw new Error('Directory closed while loading');
      const last = rows[rows.length - 1];
      next =
        rows.length === batchSize && last
          ? readIndexBatch(db, { nameKey: last.name_key, id: last.id }, batchSize)
          : null;
      next?.catch(() => {});
      for (const row of rows) index.apply(row, true);
      loadedRows += rows.length;
    }
    index.endOrderedLoad();
    index.trim();
    // What changed during the load is applied by the first catch-up, from the seq seen at its start.
    index.lastSeq = startSeq;
    history.push({ at: Date.now(), seq: startSeq });
    state = 'ready';
    await catchUp();
    loadMs = Math.round(performance.now() - started);
    const stats = index.stats();
    logger.info(
      { directory: 'ready', ...stats, loadMs },
      `Annuaire : index de recherche chargé (${stats.alive} organisations, ${stats.terms} mots) en ${loadMs} ms`,
    );
  }

  let loading: Promise<void>;
  if (useIndex) {
    loading = new Promise<void>((resolve) => setImmediate(resolve)).then(load);
    loading.catch((error: unknown) => {
      if (state === 'closed') return;
      state = 'failed';
      logger.error({ directory: 'failed', err: error }, 'Annuaire : index non chargé, recherche en SQL');
    });
  } else {
    loading = Promise.reject(new Error('Directory index disabled'));
    loading.catch(() => {});
  }

  // --- following changes -------------------------------------------------------------------------

  /** `wide`: re-read the last CHANGES_PER_READ changes (the background sweep), else the recent window. */
  async function applyChanges(wide = false): Promise<void> {
    const now = Date.now();
    while (history.length > 1 && history[1]!.at <= now - LATE_COMMIT_WINDOW_MS) history.shift();
    let low = wide
      ? Math.max(0, index.lastSeq - CHANGES_PER_READ)
      : Math.min(index.lastSeq, history[0]?.seq ?? index.lastSeq);
    for (;;) {
      const changes = await readChangesSince(db, low, CHANGES_PER_READ);
      const unseen = changes.filter((c) => index.seqOf(c.id) < c.seq).map((c) => c.id);
      if (unseen.length > 0) {
        for (const row of await readIndexRows(db, unseen)) index.apply(row);
      }
      for (const c of changes) if (c.seq > index.lastSeq) index.lastSeq = c.seq;
      if (changes.length < CHANGES_PER_READ) break;
      low = changes[changes.length - 1]!.seq;
    }
    const latest = history[history.length - 1];
    if (!latest || latest.seq !== index.lastSeq || now - latest.at >= 1000)
      history.push({ at: now, seq: index.lastSeq });
  }

  let sweeping: Promise<void> | null = null;
  // Once a minute, off the searches' path: a transaction that committed later than the window.
  const sweep = setInterval(() => {
    if (state !== 'ready' || sweeping) return;
    sweeping = applyChanges(true)
      .catch((error: unknown) =>
        logger.error({ directory: 'sweep', err: error }, 'Annuaire : relecture des changements en échec'),
      )
      .finally(() => {
        sweeping = null;
      });
  }, WIDE_WINDOW_EVERY_MS);
  sweep.unref();

  let catching: { promise: Promise<void>; ticket: number } | null = null;
  let tickets = 0;
  /** Every search waits for a catch-up that started after it arrived. */
  async function catchUp(): Promise<void> {
    if (state !== 'ready') return;
    const arrival = ++tickets;
    for (;;) {
      if (catching) {
        const current = catching;
        await current.promise.catch(() => {});
        if (current.ticket >= arrival) return;
        continue;
      }
      const ticket = tickets;
      const promise = applyChanges().finally(() => {
        catching = null;
      });
      catching = { promise, ticket };
      return promise;
    }
  }

  // --- searching ---------------------------------------------------------------------------------

  function identifierOf(query: DirectoryQuery) {
    return query.q.trim() === '' ? null : parseIdentifier(query.q);
  }

  async function searchWithSql(query: DirectoryQuery): Promise<DirectoryResult> {
    const identifier = identifierOf(query);
    const analysed = identifier ? { lexemes: [], nameKey: '' } : await analyse(query.q);
    const page = Math.max(1, Math.floor(query.page) || 1);
    const offset = (page - 1) * DIRECTORY_PER_PAGE;
    const limit = offset >= DIRECTORY_MAX_RESULTS ? 0 : DIRECTORY_PER_PAGE;
    let corrections: { from: string; to: string }[] = [];
    let result = await searchSql(db, {
      query,
      lexemes: analysed.lexemes,
      identifier,
      offset,
      limit,
    });
    // Typo tolerance in SQL: words that find nothing are read as a name, by trigram similarity.
    if (
      result.total === 0 &&
      !query.exact &&
      !identifier &&
      analysed.lexemes.length > 0 &&
      analysed.nameKey.length >= 4
    ) {
      const close = {
        query,
        lexemes: analysed.lexemes,
        identifier,
        offset,
        limit,
        closeToName: analysed.nameKey,
      };
      const fuzzy = await searchSql(db, close);
      if (fuzzy.total > 0) {
        result = fuzzy;
        corrections = correctionsFor(analysed.nameKey, await closestNameKey(db, analysed.nameKey));
      }
    }
    return {
      total: result.total,
      hits: await readHits(db, result.ids),
      facets: result.facets,
      page,
      pageCount: Math.ceil(Math.min(result.total, DIRECTORY_MAX_RESULTS) / DIRECTORY_PER_PAGE),
      corrections,
      identifier: identifier?.kind ?? null,
    };
  }

  async function search(query: DirectoryQuery): Promise<DirectoryResult> {
    if (state !== 'ready') {
      fallbackSearches++;
      return searchWithSql(query);
    }
    const identifier = identifierOf(query);
    // Started first: it covers every change committed before this search arrived. The engine does not
    // wait for it: the page's display fields are read meanwhile, and in the rare case the catch-up
    // changed the index, the search runs again on the up-to-date index.
    const caughtUp = catchUp();
    caughtUp.catch(() => {});
    const [analysed, identified] = await Promise.all([
      identifier ? Promise.resolve({ lexemes: [], nameKey: '' }) : analyse(query.q),
      identifier ? findByIdentifier(db, identifier) : Promise.resolve(null),
    ]);
    if (state !== 'ready') {
      fallbackSearches++;
      return searchWithSql(query);
    }
    indexSearches++;
    for (let attempt = 0; ; attempt++) {
      const version = index.version;
      const result = searchIndex(index, {
        query,
        analysed,
        ...(identified
          ? { identified: identified.map((id) => index.docOf(id)).filter((d) => d !== -1) }
          : {}),
      });
      const [hits] = await Promise.all([
        readHits(
          db,
          result.docs.map((d) => index.id(d)),
        ),
        caughtUp,
      ]);
      if (attempt === 0 && index.version !== version) continue;
      return {
        total: result.total,
        hits,
        facets: result.facets,
        page: result.page,
        pageCount: result.pageCount,
        corrections: result.corrections,
        identifier: (identifier?.kind as IdentifierKind | undefined) ?? null,
      };
    }
  }

  return {
    search,
    searchWithSql,
    ready: () => loading,
    catchUp,
    stats: () => ({
      state,
      ...index.stats(),
      loadedRows,
      loadMs,
      indexSearches,
      fallbackSearches,
    }),
    async close() {
      state = 'closed';
      clearInterval(sweep);
      await sweeping;
      await loading.catch(() => {});
      await catching?.promise.catch(() => {});
    },
  };
}
