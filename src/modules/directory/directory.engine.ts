import {
  hashKey,
  INDEX_DOMAINS,
  INDEX_LEGAL_FORMS,
  letterMask,
  type Postings,
  type SearchIndex,
} from './directory.index.js';
import {
  DIRECTORY_MAX_RESULTS,
  DIRECTORY_PER_PAGE,
  type DirectoryFacets,
  type DirectoryQuery,
  type FacetCount,
} from './directory.types.js';

/**
 * Searching the in-memory index (directory.index.ts): words → matching documents (intersection of
 * posting lists, typo tolerance on name words), then one pass over the matches that filters, counts the
 * facets (disjunctively) and keeps the best `page × 20` in a bounded heap. Pure and synchronous: the
 * service fetches what a page shows from the database.
 */

/** The query's words as PostgreSQL reads them (to_tsvector('fr_unaccent', q), geo_name_key(q)). */
export interface AnalysedQuery {
  lexemes: readonly string[];
  nameKey: string;
}

export interface EngineResult {
  total: number;
  /** Documents of the page asked, best first. */
  docs: number[];
  facets: DirectoryFacets;
  page: number;
  pageCount: number;
  corrections: { from: string; to: string }[];
}

/** Weights of a word found in the name, the commune, elsewhere (description). */
const NAME = 100;
const COMMUNE = 10;
const OTHER = 1;
/** An exact name (same name key) comes before anything else. */
const EXACT = 1_000_000;

/** A query word with fewer postings than this is read as the close name words. */
const RARE = 1;
/** Corrections kept per word (the most frequent in names first). */
const MAX_CORRECTIONS = 5;

interface Term {
  all: Uint32Array;
  name: Uint32Array;
  commune: Uint32Array;
}

const NONE: Uint32Array = new Uint32Array(0);
const view = (p: Postings | null | undefined): Uint32Array => (p ? p.docs.subarray(0, p.length) : NONE);

/** Sorted union of two sorted lists. */
function merge(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x < y) {
      out[n++] = x;
      i++;
    } else if (y < x) {
      out[n++] = y;
      j++;
    } else {
      out[n++] = x;
      i++;
      j++;
    }
  }
  while (i < a.length) out[n++] = a[i++]!;
  while (j < b.length) out[n++] = b[j++]!;
  return out.subarray(0, n);
}

/** Sorted union of sorted lists. */
function union(lists: Uint32Array[]): Uint32Array {
  let result: Uint32Array = NONE;
  for (const list of lists)
    result = result.length === 0 ? list : list.length === 0 ? result : merge(result, list);
  return result;
}

/**
 * Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions), or max + 1 as
 * soon as it exceeds `max`.
 */
export function boundedDistance(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  let prev2 = new Array<number>(lb + 1).fill(0);
  let prev = new Array<number>(lb + 1);
  let cur = new Array<number>(lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= lb; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      ) {
        v = Math.min(v, prev2[j - 2]! + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb]!;
}

/** Distance allowed for a word of this length: 1 for 4–7 characters, 2 from 8, none below 4. */
export function allowedDistance(length: number): number {
  return length >= 8 ? 2 : length >= 4 ? 1 : 0;
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * Close name words of a lexeme, nearest first, then the most frequent in names. Cached per lexeme until
 * the names vocabulary grows (a new word could be closer).
 */
function closeNameWords(index: SearchIndex, lexeme: string): number[] {
  const cache = corrections.get(index);
  if (cache && cache.version === index.nameVocabularySize) {
    const hit = cache.words.get(lexeme);
    if (hit) return hit;
  }
  const found = findCloseNameWords(index, lexeme);
  let fresh = cache;
  if (!fresh || fresh.version !== index.nameVocabularySize) {
    fresh = { version: index.nameVocabularySize, words: new Map() };
    corrections.set(index, fresh);
  }
  if (fresh.words.size >= 1000) fresh.words.clear();
  fresh.words.set(lexeme, found);
  return found;
}

const corrections = new WeakMap<SearchIndex, { version: number; words: Map<string, number[]> }>();

function findCloseNameWords(index: SearchIndex, lexeme: string): number[] {
  const max = allowedDistance(lexeme.length);
  if (max === 0) return [];
  const found: { term: number; distance: number; frequency: number }[] = [];
  const letters = letterMask(lexeme);
  for (let length = lexeme.length - max; length <= lexeme.length + max; length++) {
    const terms = index.nameVocabulary[length] ?? [];
    const masks = index.nameVocabularyLetters[length] ?? [];
    for (let i = 0; i < terms.length; i++) {
      // An edit changes the presence of at most two characters: more differences, too far.
      if (popcount(masks[i]! ^ letters) > 2 * max) continue;
      const term = terms[i]!;
      const word = index.terms[term]!;
      if (word === lexeme) continue;
      const distance = boundedDistance(lexeme, word, max);
      if (distance <= max) found.push({ term, distance, frequency: index.name[term]!.length });
    }
  }
  found.sort((a, b) => a.distance - b.distance || b.frequency - a.frequency || a.term - b.term);
  const best = found[0]?.distance;
  return found
    .filter((f) => f.distance === best)
    .slice(0, MAX_CORRECTIONS)
    .map((f) => f.term);
}

/** Each query word → its postings; a rare word also stands for its close name words. */
function resolveTerms(
  index: SearchIndex,
  lexemes: readonly string[],
  exact: boolean,
): { terms: Term[]; corrections: { from: string; to: string }[] } {
  const terms: Term[] = [];
  const corrections: { from: string; to: string }[] = [];
  for (const lexeme of lexemes) {
    const id = index.termId(lexeme);
    const own = id === undefined ? 0 : index.all[id]!.length;
    const ids = id === undefined ? [] : [id];
    if (own < RARE && !exact) {
      const close = closeNameWords(index, lexeme);
      if (close.length > 0) {
        corrections.push({ from: lexeme, to: index.terms[close[0]!]! });
        ids.push(...close);
      }
    }
    terms.push({
      all: union(ids.map((t) => view(index.all[t]))),
      name: union(ids.map((t) => view(index.name[t]))),
      commune: union(ids.map((t) => view(index.commune[t]))),
    });
  }
  return { terms, corrections };
}

/** First position ≥ `from` in `list` whose value is ≥ `doc` (galloping). */
function seek(list: Uint32Array, from: number, doc: number): number {
  if (from >= list.length || list[from]! >= doc) return from;
  let step = 1;
  let lo = from;
  let hi = from + 1;
  while (hi < list.length && list[hi]! < doc) {
    lo = hi;
    step *= 2;
    hi = lo + step;
  }
  if (hi > list.length) hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < doc) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Documents in every list (sorted lists, the shortest first). */
function intersect(lists: Uint32Array[]): Uint32Array {
  if (lists.length === 1) return lists[0]!;
  const first = lists[0]!;
  const out = new Uint32Array(first.length);
  const cursors = new Int32Array(lists.length);
  let n = 0;
  outer: for (let i = 0; i < first.length; i++) {
    const doc = first[i]!;
    for (let t = 1; t < lists.length; t++) {
      const list = lists[t]!;
      const at = seek(list, cursors[t]!, doc);
      cursors[t] = at;
      if (at >= list.length) break outer;
      if (list[at] !== doc) continue outer;
    }
    out[n++] = doc;
  }
  return out.subarray(0, n);
}

/** A bit set of documents, in scratch buffer `slot` of the index. */
function bits(index: SearchIndex, slot: number, list: Uint32Array): Int32Array {
  const set = index.scratchInts(slot, (index.size >>> 5) + 1);
  for (let i = 0; i < list.length; i++) {
    const doc = list[i]!;
    set[doc >>> 5]! |= 1 << (doc & 31);
  }
  return set;
}

/** A bounded heap of the k best (score desc, name rank asc); its root is the worst kept. */
class TopK {
  readonly score: Float64Array;
  readonly rank: Float64Array;
  readonly doc: Uint32Array;
  size = 0;
  constructor(readonly k: number) {
    this.score = new Float64Array(k);
    this.rank = new Float64Array(k);
    this.doc = new Uint32Array(k);
  }
  get full(): boolean {
    return this.size === this.k;
  }
  /** Would (score, rank) enter? */
  accepts(score: number, rank: number): boolean {
    if (this.size < this.k) return true;
    const s = this.score[0]!;
    return score > s || (score === s && rank < this.rank[0]!);
  }
  /** a is worse than b. */
  private worse(sa: number, ra: number, sb: number, rb: number): boolean {
    return sa < sb || (sa === sb && ra > rb);
  }
  offer(score: number, rank: number, doc: number): void {
    if (this.k === 0) return;
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(score, rank, this.score[parent]!, this.rank[parent]!)) break;
        this.move(parent, i);
        i = parent;
      }
      this.put(i, score, rank, doc);
      return;
    }
    if (!this.worse(this.score[0]!, this.rank[0]!, score, rank)) return;
    this.siftDown(0, score, rank, doc, this.size);
  }
  private move(from: number, to: number): void {
    this.score[to] = this.score[from]!;
    this.rank[to] = this.rank[from]!;
    this.doc[to] = this.doc[from]!;
  }
  private put(i: number, score: number, rank: number, doc: number): void {
    this.score[i] = score;
    this.rank[i] = rank;
    this.doc[i] = doc;
  }
  private siftDown(i: number, score: number, rank: number, doc: number, size: number): void {
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (
        child + 1 < size &&
        this.worse(this.score[child + 1]!, this.rank[child + 1]!, this.score[child]!, this.rank[child]!)
      ) {
        child++;
      }
      if (!this.worse(this.score[child]!, this.rank[child]!, score, rank)) break;
      this.move(child, i);
      i = child;
    }
    this.put(i, score, rank, doc);
  }
  /** Best first. */
  sorted(): number[] {
    const order = Array.from({ length: this.size }, (_, i) => i);
    order.sort((a, b) => this.score[b]! - this.score[a]! || this.rank[a]! - this.rank[b]!);
    return order.map((i) => this.doc[i]!);
  }
}

export interface EngineQuery {
  query: DirectoryQuery;
  analysed: AnalysedQuery;
  /** The query was an identifier: these documents are the matches (words are ignored). */
  identified?: readonly number[];
}

/** How a group of documents fares under the filters: passes, fails exactly one facet, or more. */
const PASS = 0;
const FAIL_LEGAL = 1;
const FAIL_DOMAIN = 2;
const FAIL_REGION = 3;
const FAIL_DEPARTEMENT = 4;
const FAIL_MOVEMENT = 5;
const FAIL_MANY = 6;

/** Scratch buffers of the index used by a search (bit sets take 0, 1, 2…). */
const SCRATCH_STATE = 100;
const SCRATCH_SIZES = 101;

/** Runs a query against the index. */
export function searchIndex(index: SearchIndex, { query, analysed, identified }: EngineQuery): EngineResult {
  const page = Math.max(1, Math.floor(query.page) || 1);
  let terms: Term[] = [];
  let corrections: { from: string; to: string }[] = [];
  /** null: every live document. */
  let matches: Uint32Array | null = null;
  if (identified) {
    matches = Uint32Array.from(identified).sort();
  } else if (analysed.lexemes.length > 0) {
    ({ terms, corrections } = resolveTerms(index, analysed.lexemes, query.exact === true));
    matches = intersect(terms.map((t) => t.all).sort((a, b) => a.length - b.length));
  }
  const byName = query.sort === 'name' || terms.length === 0;

  // Each group's fate under the filters.
  const legalPass = new Uint8Array(INDEX_LEGAL_FORMS.length).fill(query.legalForms.length === 0 ? 1 : 0);
  for (const f of query.legalForms) {
    const i = (INDEX_LEGAL_FORMS as readonly string[]).indexOf(f);
    if (i >= 0) legalPass[i] = 1;
  }
  let domainMask = 0;
  for (const d of query.domains) {
    const i = (INDEX_DOMAINS as readonly string[]).indexOf(d);
    if (i >= 0) domainMask |= 1 << i;
  }
  const domainAll = query.domains.length === 0;
  const regionPass = codePass(index.regions.values, query.regions);
  const departementPass = codePass(index.departements.values, query.departements);
  const groups = index.groupCount;
  const state = index.scratchInts(SCRATCH_STATE, groups);
  state[0] = FAIL_MANY;
  for (let g = 1; g < groups; g++) {
    let fails = 0;
    let which = PASS;
    if (legalPass[index.groupLegal[g]!] === 0) {
      fails++;
      which = FAIL_LEGAL;
    }
    if (!domainAll && (index.groupDomains[g]! & domainMask) === 0) {
      fails++;
      which = FAIL_DOMAIN;
    }
    if (regionPass[index.groupRegion[g]!] === 0) {
      fails++;
      which = FAIL_REGION;
    }
    if (departementPass[index.groupDepartement[g]!] === 0) {
      fails++;
      which = FAIL_DEPARTEMENT;
    }
    if (query.movementOnly && index.groupMovement[g] === 0) {
      fails++;
      which = FAIL_MOVEMENT;
    }
    state[g] = fails > 1 ? FAIL_MANY : which;
  }

  // Matches per group, then facets from the groups.
  const group = index.group;
  let sizes: Float64Array | Int32Array;
  if (matches === null) sizes = index.groupSize;
  else {
    sizes = index.scratchInts(SCRATCH_SIZES, groups);
    for (let i = 0; i < matches.length; i++) sizes[group[matches[i]!]!]!++;
  }
  const legalCounts = new Float64Array(INDEX_LEGAL_FORMS.length);
  const domainCounts = new Float64Array(INDEX_DOMAINS.length);
  const regionCounts = new Float64Array(index.regions.values.length);
  const departementCounts = new Float64Array(index.departements.values.length);
  let movementCount = 0;
  let total = 0;
  for (let g = 1; g < groups; g++) {
    const n = sizes[g]!;
    if (n === 0) continue;
    const s = state[g]!;
    if (s === FAIL_MANY) continue;
    const movement = index.groupMovement[g]!;
    if (s === PASS || s === FAIL_LEGAL) legalCounts[index.groupLegal[g]!]! += n;
    if (s === PASS || s === FAIL_DOMAIN) addDomains(domainCounts, index.groupDomains[g]!, n);
    if (s === PASS || s === FAIL_REGION) regionCounts[index.groupRegion[g]!]! += n;
    if (s === PASS || s === FAIL_DEPARTEMENT) departementCounts[index.groupDepartement[g]!]! += n;
    if ((s === PASS || s === FAIL_MOVEMENT) && movement === 1) movementCount += n;
    if (s === PASS) total += n;
  }

  // The best `page × 20`.
  const reachable = Math.min(page * DIRECTORY_PER_PAGE, DIRECTORY_MAX_RESULTS, total);
  let best: number[] = [];
  if (reachable > 0 && (page - 1) * DIRECTORY_PER_PAGE < reachable) {
    best = byName
      ? topByName(index, matches, state, reachable)
      : topByRelevance(index, matches!, terms, state, reachable, analysed.nameKey);
  }
  const from = (page - 1) * DIRECTORY_PER_PAGE;
  const pageCount = Math.ceil(Math.min(total, DIRECTORY_MAX_RESULTS) / DIRECTORY_PER_PAGE);
  return {
    total,
    docs: best.slice(from, from + DIRECTORY_PER_PAGE),
    page,
    pageCount,
    corrections,
    facets: {
      legal_form: facet(INDEX_LEGAL_FORMS, legalCounts),
      domain: facet(INDEX_DOMAINS, domainCounts),
      region: facet(index.regions.values, regionCounts),
      departement: facet(index.departements.values, departementCounts),
      movement: movementCount,
    },
  };
}

/**
 * By name: few matches go through a heap on the name rank; many (or all) are picked by walking the
 * name order until k pass, which stops early.
 */
function topByName(index: SearchIndex, matches: Uint32Array | null, state: Int32Array, k: number): number[] {
  const group = index.group;
  if (matches !== null && matches.length * 32 < index.size) {
    const top = new TopK(k);
    const rank = index.nameRank;
    for (let i = 0; i < matches.length; i++) {
      const doc = matches[i]!;
      if (state[group[doc]!] !== PASS) continue;
      const r = rank[doc]!;
      if (top.accepts(0, r)) top.offer(0, r, doc);
    }
    return top.sorted();
  }
  const member = matches === null ? null : bits(index, 0, matches);
  const out: number[] = [];
  index.walkNameOrder((doc) => {
    if (state[group[doc]!] !== PASS) return true;
    if (member !== null && (member[doc >>> 5]! & (1 << (doc & 31))) === 0) return true;
    out.push(doc);
    return out.length < k;
  });
  return out;
}

/**
 * By relevance: each word scores NAME, COMMUNE or OTHER where it is found; an exact name comes first;
 * among equals, fewer name words, then the name order.
 */
function topByRelevance(
  index: SearchIndex,
  matches: Uint32Array,
  terms: Term[],
  state: Int32Array,
  k: number,
  nameKey: string,
): number[] {
  const { group, nameRank, nameWords, nameHash } = index;
  const nameKeyBytes = new TextEncoder().encode(nameKey);
  // A match with a word in its name scores at least NAME, more than any match without: when enough of
  // them pass the filters, the others need no score.
  const named = union(terms.map((t) => t.name));
  const namedMatches =
    terms.length === 1 ? named : intersect([named, matches].sort((a, b) => a.length - b.length));
  let passing = 0;
  for (let i = 0; i < namedMatches.length && passing < k; i++) {
    if (state[group[namedMatches[i]!]!] === PASS) passing++;
  }
  if (passing >= k) matches = namedMatches;
  const nameBits = terms.map((t, i) => bits(index, 1 + 2 * i, t.name));
  const communeBits = terms.map((t, i) => (t.commune.length > 0 ? bits(index, 2 + 2 * i, t.commune) : null));
  const exactHash = nameKey === '' ? -1 : hashKey(nameKey);
  const top = new TopK(k);
  const count = terms.length;
  for (let i = 0; i < matches.length; i++) {
    const doc = matches[i]!;
    if (state[group[doc]!] !== PASS) continue;
    const word = doc >>> 5;
    const bit = 1 << (doc & 31);
    let score = 0;
    for (let t = 0; t < count; t++) {
      if ((nameBits[t]![word]! & bit) !== 0) score += NAME;
      else {
        const c = communeBits[t] ?? null;
        score += c !== null && (c[word]! & bit) !== 0 ? COMMUNE : OTHER;
      }
    }
    // Among equals, a name made of fewer words is a closer match.
    score = score * 256 + (255 - nameWords[doc]!);
    if (nameHash[doc] === exactHash && index.hasNameKey(doc, nameKeyBytes)) score += EXACT * 256;
    const rank = nameRank[doc]!;
    if (top.accepts(score, rank)) top.offer(score, rank, doc);
  }
  return top.sorted();
}

function codePass(values: readonly (string | null)[], selected: readonly string[]): Uint8Array {
  const pass = new Uint8Array(values.length).fill(selected.length === 0 ? 1 : 0);
  if (selected.length > 0) {
    const wanted = new Set(selected);
    values.forEach((v, i) => {
      if (v !== null && wanted.has(v)) pass[i] = 1;
    });
  }
  return pass;
}

function addDomains(counts: Float64Array, mask: number, n: number): void {
  while (mask !== 0) {
    const bit = 31 - Math.clz32(mask);
    counts[bit]! += n;
    mask &= ~(1 << bit);
  }
}

/** Values with at least one result, most results first, then by value. */
function facet(values: readonly (string | null)[], counts: Float64Array): FacetCount[] {
  const out: FacetCount[] = [];
  counts.forEach((count, i) => {
    const value = values[i];
    if (count > 0 && value !== null && value !== undefined) out.push({ value, count });
  });
  return out.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}
