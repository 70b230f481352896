import type { ImpactDomain, LegalForm } from '../organisations/organisations.tables.js';

/**
 * The directory's in-memory search index: one "document" per open organisation, derived from
 * `organisations` (the source of truth). Columns are typed arrays indexed by document number; words are
 * posting lists (sorted document numbers) per lexeme, the lexemes being PostgreSQL's own
 * (`tsvector_to_array(search_vector)`), so the query side stems exactly like the database.
 *
 * A document number is never reused: a changed organisation gets a new number and the old one is
 * tombstoned (`alive = 0`), so posting lists only ever grow at their end and stay sorted.
 * See ENGINE.md and docs/adr/0012-directory-search-index.md.
 */

/** Kept here rather than read from the organisations module: the order is the index's encoding. */
export const INDEX_LEGAL_FORMS = [
  'association',
  'fondation',
  'cooperative',
  'mutuelle',
  'collectivite',
  'entreprise_sociale',
  'entreprise_engagee',
] as const satisfies readonly LegalForm[];

/** Bit i of a document's domain mask is INDEX_DOMAINS[i]. */
export const INDEX_DOMAINS = [
  'transition_ecologique',
  'economie_inclusive',
  'reussite_educative',
  'sante',
  'equite_territoriale',
  'liens_entre_generations',
  'culture',
  'alimentation',
] as const satisfies readonly ImpactDomain[];

/** One organisation as the index reads it (directory.queries.ts). */
export interface IndexRow {
  id: string;
  seq: number;
  legal_form: string;
  region_code: string | null;
  departement_code: string | null;
  /** Bit mask over INDEX_DOMAINS. */
  domains: number;
  movement: boolean;
  closed: boolean;
  name_key: string;
  /** Space-separated lexemes: every field, the name (weight A), the commune (weight B). */
  lexemes: string;
  name_lexemes: string;
  commune_lexemes: string;
}

/** A sorted list of document numbers; `length` may be shorter than the array (room to grow). */
export interface Postings {
  docs: Uint32Array;
  length: number;
}

const EMPTY = new Uint32Array(0);

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function grow<T extends Uint8Array | Uint16Array | Uint32Array | Float64Array>(array: T, size: number): T {
  if (size <= array.length) return array;
  let capacity = Math.max(16, array.length);
  while (capacity < size) capacity *= 2;
  const next = new (array.constructor as new (n: number) => T)(capacity);
  next.set(array);
  return next;
}

function push(postings: Postings, doc: number): void {
  if (postings.length > 0 && postings.docs[postings.length - 1] === doc) return;
  if (postings.length === postings.docs.length) {
    const next = new Uint32Array(Math.max(4, postings.docs.length * 2));
    next.set(postings.docs);
    postings.docs = next;
  }
  postings.docs[postings.length++] = doc;
}

/** FNV-1a over the UTF-16 code units: the exact-name test compares this first, then the strings. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A dictionary of small codes (régions, départements): code 0 is "none". */
class Codes {
  readonly values: (string | null)[] = [null];
  private readonly byValue = new Map<string, number>();
  code(value: string | null): number {
    if (value === null) return 0;
    let code = this.byValue.get(value);
    if (code === undefined) {
      code = this.values.length;
      if (code > 255) throw new RangeError('Too many distinct values for a one-byte column');
      this.values.push(value);
      this.byValue.set(value, code);
    }
    return code;
  }
  find(value: string): number | undefined {
    return this.byValue.get(value);
  }
}

const LEGAL_FORM_CODE = new Map<string, number>(INDEX_LEGAL_FORMS.map((f, i) => [f, i]));

export interface IndexStats {
  documents: number;
  alive: number;
  terms: number;
  nameTerms: number;
  postings: number;
  lastSeq: number;
}

export class SearchIndex {
  /** Documents ever added (alive or tombstoned); document numbers are 0..size-1. */
  size = 0;
  aliveCount = 0;
  /** Highest change_seq applied. */
  lastSeq = 0;
  /** Bumped by every change of the index. */
  version = 0;

  // Columns, indexed by document number.
  alive = new Uint8Array(0);
  /**
   * The document's facet values as one "group" (legal form, région, département, domains, movement):
   * facet counts add up group sizes instead of documents. Group 0: tombstoned.
   */
  group = new Uint32Array(0);
  /** Name words (weight A) of the document, capped at 255: shorter names rank first among equals. */
  nameWords = new Uint8Array(0);
  nameHash = new Uint32Array(0);
  /** Position in the name order (a fraction for documents inserted since the last rebuild). */
  nameRank = new Float64Array(0);
  seq = new Float64Array(0);
  /** The uuid as four 32-bit words. */
  private ids = new Uint32Array(0);
  /**
   * Name keys (UTF-8, all in one buffer: two million strings would make every full garbage collection
   * walk two million objects). Document d's key is nameBytes[nameStart[d] .. nameStart[d] + nameLength[d]].
   */
  private nameBytes = new Uint8Array(1 << 16);
  private nameBytesUsed = 0;
  private nameStart = new Uint32Array(0);
  private nameLength = new Uint16Array(0);

  readonly regions = new Codes();
  readonly departements = new Codes();

  // Groups: their facet values, and how many live documents each holds.
  groupCount = 1;
  groupLegal = new Uint8Array(16);
  groupRegion = new Uint8Array(16);
  groupDepartement = new Uint8Array(16);
  groupDomains = new Uint8Array(16);
  groupMovement = new Uint8Array(16);
  groupSize = new Float64Array(16);
  private readonly groupIds = new Map<number, number>();

  // Words.
  private readonly termIds = new Map<string, number>();
  readonly terms: string[] = [];
  readonly all: Postings[] = [];
  readonly name: (Postings | null)[] = [];
  readonly commune: (Postings | null)[] = [];
  /** Term ids that occur in some name, by length: the vocabulary of typo tolerance. */
  readonly nameVocabulary: number[][] = [];
  /** Words in nameVocabulary: grows when a name brings a new word. */
  nameVocabularySize = 0;
  /** For each word of nameVocabulary, the set of its characters (letterMask): a cheap first filter. */
  readonly nameVocabularyLetters: number[][] = [];

  // id -> document number: open addressing on the uuid's first word, -1 = empty slot.
  private slots = new Int32Array(1 << 10).fill(-1);
  private used = 0;

  // Name order: `order` holds document numbers sorted by name key (from the last rebuild, tombstones
  // included); `extras`, those added since, sorted. A document's rank lies between its neighbours'.
  private order = new Uint32Array(0);
  private orderLength = 0;
  private extras: number[] = [];

  /** Adds documents whose rows come sorted by name key: ranks follow document numbers. */
  beginOrderedLoad(): void {
    if (this.size !== 0) throw new Error('beginOrderedLoad on a non-empty index');
  }

  /** After an ordered load: every document so far is in name order. */
  endOrderedLoad(): void {
    this.order = new Uint32Array(this.size);
    for (let d = 0; d < this.size; d++) this.order[d] = d;
    this.orderLength = this.size;
    this.extras = [];
  }

  /**
   * Applies one row (idempotent): an unknown or newer version replaces what the index holds; a closed
   * organisation leaves. `ordered`: the row comes in name order during the initial load.
   * Returns true when the index changed.
   */
  apply(row: IndexRow, ordered = false): boolean {
    const seq = row.seq;
    if (seq > this.lastSeq) this.lastSeq = seq;
    const previous = this.lookup(row.id);
    if (previous !== -1) {
      if (this.seq[previous]! >= seq) return false;
      if (this.alive[previous] === 1) {
        this.alive[previous] = 0;
        this.groupSize[this.group[previous]!]!--;
        this.group[previous] = 0;
        this.aliveCount--;
      }
      // Keep the slot pointing at the old number until a new one exists: its seq tells that the
      // version was seen (a closed organisation is remembered that way).
      this.seq[previous] = seq;
    }
    if (row.closed) {
      if (previous !== -1) this.version++;
      return previous !== -1;
    }
    this.version++;
    const doc = this.size;
    this.ensureCapacity(doc + 1);
    this.size++;
    this.aliveCount++;
    this.alive[doc] = 1;
    this.seq[doc] = seq;
    const group = this.groupOf(
      LEGAL_FORM_CODE.get(row.legal_form) ?? 0,
      this.regions.code(row.region_code),
      this.departements.code(row.departement_code),
      row.domains & 0xff,
      row.movement ? 1 : 0,
    );
    this.group[doc] = group;
    this.groupSize[group]!++;
    this.writeNameKey(doc, row.name_key);
    this.nameHash[doc] = hashKey(row.name_key);
    this.writeId(doc, row.id);
    if (previous === -1) this.insertSlot(doc);
    else this.replaceSlot(previous, doc);

    let words = 0;
    for (const lexeme of split(row.name_lexemes)) {
      const term = this.term(lexeme);
      let postings = this.name[term];
      if (!postings) {
        postings = { docs: EMPTY, length: 0 };
        this.name[term] = postings;
        this.nameVocabularySize++;
        const sameLength = this.nameVocabulary[lexeme.length];
        if (sameLength) {
          sameLength.push(term);
          this.nameVocabularyLetters[lexeme.length]!.push(letterMask(lexeme));
        } else {
          this.nameVocabulary[lexeme.length] = [term];
          this.nameVocabularyLetters[lexeme.length] = [letterMask(lexeme)];
        }
      }
      push(postings, doc);
      words++;
    }
    this.nameWords[doc] = Math.min(words, 255);
    for (const lexeme of split(row.commune_lexemes)) {
      const term = this.term(lexeme);
      let postings = this.commune[term];
      if (!postings) {
        postings = { docs: EMPTY, length: 0 };
        this.commune[term] = postings;
      }
      push(postings, doc);
    }
    for (const lexeme of split(row.lexemes)) push(this.all[this.term(lexeme)]!, doc);

    if (ordered) this.nameRank[doc] = doc;
    else this.placeInNameOrder(doc);
    return true;
  }

  /** The document's name key. */
  nameKey(doc: number): string {
    const start = this.nameStart[doc]!;
    return decoder.decode(this.nameBytes.subarray(start, start + this.nameLength[doc]!));
  }

  /** Is the document's name key `key` (encoded)? */
  hasNameKey(doc: number, key: Uint8Array): boolean {
    const length = this.nameLength[doc]!;
    if (length !== key.length) return false;
    const bytes = this.nameBytes;
    const start = this.nameStart[doc]!;
    for (let i = 0; i < length; i++) if (bytes[start + i] !== key[i]) return false;
    return true;
  }

  /** Byte order of the name keys of a document and of `key` (encoded): <0, 0, >0. */
  compareNameKey(doc: number, key: Uint8Array): number {
    const bytes = this.nameBytes;
    const start = this.nameStart[doc]!;
    const length = this.nameLength[doc]!;
    const n = Math.min(length, key.length);
    for (let i = 0; i < n; i++) {
      const d = bytes[start + i]! - key[i]!;
      if (d !== 0) return d;
    }
    return length - key.length;
  }

  private compareDocs(a: number, b: number): number {
    const bytes = this.nameBytes;
    const sa = this.nameStart[a]!;
    const sb = this.nameStart[b]!;
    const la = this.nameLength[a]!;
    const lb = this.nameLength[b]!;
    const n = Math.min(la, lb);
    for (let i = 0; i < n; i++) {
      const d = bytes[sa + i]! - bytes[sb + i]!;
      if (d !== 0) return d;
    }
    return la - lb;
  }

  private writeNameKey(doc: number, key: string): void {
    const encoded = encoder.encode(key).subarray(0, 0xffff);
    this.nameBytes = grow(this.nameBytes, this.nameBytesUsed + encoded.length);
    this.nameBytes.set(encoded, this.nameBytesUsed);
    this.nameStart[doc] = this.nameBytesUsed;
    this.nameLength[doc] = encoded.length;
    this.nameBytesUsed += encoded.length;
  }

  /**
   * Scratch buffers reused from search to search (a search is synchronous): fewer large allocations,
   * fewer garbage collections. `slot` tells buffers used together apart. Zeroed.
   */
  scratchInts(slot: number, length: number): Int32Array {
    let buffer = this.scratch[slot];
    if (!buffer || buffer.length < length) {
      buffer = new Int32Array(Math.ceil(Math.max(length, 1024) * 1.25));
      this.scratch[slot] = buffer;
    }
    const view = buffer.subarray(0, length);
    view.fill(0);
    return view;
  }
  private readonly scratch: Int32Array[] = [];

  termId(lexeme: string): number | undefined {
    return this.termIds.get(lexeme);
  }

  /** The document's uuid. */
  id(doc: number): string {
    const hex = (i: number) => this.ids[doc * 4 + i]!.toString(16).padStart(8, '0');
    const a = hex(0);
    const b = hex(1);
    const c = hex(2);
    const d = hex(3);
    return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
  }

  /** The change_seq of the organisation's version the index has seen (live or closed), or -1. */
  seqOf(id: string): number {
    const doc = this.lookup(id);
    return doc === -1 ? -1 : this.seq[doc]!;
  }

  /** The live document of an organisation, or -1. */
  docOf(id: string): number {
    const doc = this.lookup(id);
    return doc !== -1 && this.alive[doc] === 1 ? doc : -1;
  }

  stats(): IndexStats {
    let postings = 0;
    for (const p of this.all) postings += p.length;
    let nameTerms = 0;
    for (const p of this.name) if (p) nameTerms++;
    return {
      documents: this.size,
      alive: this.aliveCount,
      terms: this.terms.length,
      nameTerms,
      postings,
      lastSeq: this.lastSeq,
    };
  }

  /** Gives the growable posting lists back their spare room (after the initial load). */
  trim(): void {
    const fit = (p: Postings | null) => {
      if (p && p.docs.length > p.length + 8) p.docs = p.docs.slice(0, p.length);
    };
    for (const p of this.all) fit(p);
    for (const p of this.name) fit(p);
    for (const p of this.commune) fit(p);
  }

  // ---------------------------------------------------------------------------------------------

  private groupOf(
    legal: number,
    region: number,
    departement: number,
    domains: number,
    movement: number,
  ): number {
    const key = legal | (region << 3) | (departement << 11) | (domains << 19) | (movement << 27);
    let group = this.groupIds.get(key);
    if (group === undefined) {
      group = this.groupCount++;
      this.groupIds.set(key, group);
      if (group >= this.groupLegal.length) {
        const size = group + 1;
        this.groupLegal = grow(this.groupLegal, size);
        this.groupRegion = grow(this.groupRegion, size);
        this.groupDepartement = grow(this.groupDepartement, size);
        this.groupDomains = grow(this.groupDomains, size);
        this.groupMovement = grow(this.groupMovement, size);
        this.groupSize = grow(this.groupSize, size);
      }
      this.groupLegal[group] = legal;
      this.groupRegion[group] = region;
      this.groupDepartement[group] = departement;
      this.groupDomains[group] = domains;
      this.groupMovement[group] = movement;
    }
    return group;
  }

  /**
   * Calls `visit` with live documents in name order (ties: the order of the last rebuild) until it
   * returns false.
   */
  walkNameOrder(visit: (doc: number) => boolean): void {
    const order = this.order;
    const extras = this.extras;
    const rank = this.nameRank;
    let i = 0;
    let j = 0;
    const n = this.orderLength;
    const m = extras.length;
    while (i < n || j < m) {
      let doc: number;
      if (j >= m || (i < n && rank[order[i]!]! <= rank[extras[j]!]!)) doc = order[i++]!;
      else doc = extras[j++]!;
      if (this.alive[doc] === 1 && !visit(doc)) return;
    }
  }

  private term(lexeme: string): number {
    let term = this.termIds.get(lexeme);
    if (term === undefined) {
      term = this.terms.length;
      this.termIds.set(lexeme, term);
      this.terms.push(lexeme);
      this.all.push({ docs: EMPTY, length: 0 });
      this.name.push(null);
      this.commune.push(null);
    }
    return term;
  }

  private ensureCapacity(size: number): void {
    if (size <= this.alive.length) return;
    this.alive = grow(this.alive, size);
    this.group = grow(this.group, size);
    this.nameWords = grow(this.nameWords, size);
    this.nameHash = grow(this.nameHash, size);
    this.nameStart = grow(this.nameStart, size);
    this.nameLength = grow(this.nameLength, size);
    this.nameRank = grow(this.nameRank, size);
    this.seq = grow(this.seq, size);
    this.ids = grow(this.ids, this.alive.length * 4);
  }

  private writeId(doc: number, id: string): void {
    const hex = id.replaceAll('-', '');
    for (let i = 0; i < 4; i++) this.ids[doc * 4 + i] = Number.parseInt(hex.slice(i * 8, i * 8 + 8), 16);
  }

  private sameId(doc: number, words: readonly number[]): boolean {
    const base = doc * 4;
    return (
      this.ids[base] === words[0] &&
      this.ids[base + 1] === words[1] &&
      this.ids[base + 2] === words[2] &&
      this.ids[base + 3] === words[3]
    );
  }

  private lookup(id: string): number {
    const hex = id.replaceAll('-', '');
    if (hex.length !== 32) return -1;
    const words = [0, 1, 2, 3].map((i) => Number.parseInt(hex.slice(i * 8, i * 8 + 8), 16));
    const mask = this.slots.length - 1;
    for (let slot = mix(words[0]!) & mask; ; slot = (slot + 1) & mask) {
      const doc = this.slots[slot]!;
      if (doc === -1) return -1;
      if (this.sameId(doc, words)) return doc;
    }
  }

  private insertSlot(doc: number): void {
    if ((this.used + 1) * 2 > this.slots.length) this.rehash();
    const mask = this.slots.length - 1;
    let slot = mix(this.ids[doc * 4]!) & mask;
    while (this.slots[slot] !== -1) slot = (slot + 1) & mask;
    this.slots[slot] = doc;
    this.used++;
  }

  private replaceSlot(previous: number, doc: number): void {
    const mask = this.slots.length - 1;
    let slot = mix(this.ids[doc * 4]!) & mask;
    while (this.slots[slot] !== previous) slot = (slot + 1) & mask;
    this.slots[slot] = doc;
  }

  private rehash(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    for (const doc of old) {
      if (doc === -1) continue;
      let slot = mix(this.ids[doc * 4]!) & mask;
      while (this.slots[slot] !== -1) slot = (slot + 1) & mask;
      this.slots[slot] = doc;
    }
  }

  // Name order ----------------------------------------------------------------------------------

  /** First position in `order` whose name key is greater than `key`. */
  private upperBound(docs: ArrayLike<number>, length: number, key: Uint8Array): number {
    let lo = 0;
    let hi = length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compareNameKey(docs[mid]!, key) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private placeInNameOrder(doc: number): void {
    const start = this.nameStart[doc]!;
    const key = this.nameBytes.slice(start, start + this.nameLength[doc]!);
    const at = this.upperBound(this.order, this.orderLength, key);
    const atExtra = this.upperBound(this.extras, this.extras.length, key);
    let below = Number.NEGATIVE_INFINITY;
    let above = Number.POSITIVE_INFINITY;
    if (at > 0) below = this.nameRank[this.order[at - 1]!]!;
    if (at < this.orderLength) above = this.nameRank[this.order[at]!]!;
    if (atExtra > 0) below = Math.max(below, this.nameRank[this.extras[atExtra - 1]!]!);
    if (atExtra < this.extras.length) above = Math.min(above, this.nameRank[this.extras[atExtra]!]!);
    let rank: number;
    if (below === Number.NEGATIVE_INFINITY) rank = above === Number.POSITIVE_INFINITY ? 0 : above - 1;
    else if (above === Number.POSITIVE_INFINITY) rank = below + 1;
    else rank = below + (above - below) / 2;
    this.nameRank[doc] = rank;
    this.extras.splice(atExtra, 0, doc);
    if (rank <= below || rank >= above || this.extras.length > 50_000) this.rebuildNameOrder();
  }

  /** Sorts the live documents by name key again: integer ranks, no extras. */
  rebuildNameOrder(): void {
    const docs: number[] = [];
    for (let d = 0; d < this.size; d++) if (this.alive[d] === 1) docs.push(d);
    docs.sort((a, b) => this.compareDocs(a, b) || a - b);
    this.order = Uint32Array.from(docs);
    this.orderLength = docs.length;
    for (let i = 0; i < docs.length; i++) this.nameRank[docs[i]!] = i;
    this.extras = [];
  }
}

/** A 32-bit set of the characters of a word (a-z, and the rest folded onto 6 more bits). */
export function letterMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    mask |= 1 << (c >= 97 && c <= 122 ? c - 97 : 26 + (c % 6));
  }
  return mask;
}

function mix(word: number): number {
  return Math.imul(word ^ (word >>> 16), 0x45d9f3b) >>> 0;
}

function split(text: string): string[] {
  return text === '' ? [] : text.split(' ');
}
