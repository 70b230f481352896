/**
 * Deterministic pseudo-random numbers for demo data: sfc32 (Chris Doty-Humphrey's Small Fast Counter,
 * 128-bit state, passes PractRand) seeded through murmur3's finaliser. Never Math.random: the same seed
 * gives the same data on every machine.
 */

/** murmur3's 32-bit finaliser: a bijection on uint32 that mixes every bit. */
export function fmix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** A seed (an integer or a text) as 32 bits. */
export function hashSeed(seed: number | string): number {
  if (typeof seed === 'number') {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`Seed must be a safe integer: ${seed}`);
    return fmix32((seed >>> 0) ^ fmix32(Math.floor(seed / 2 ** 32) >>> 0));
  }
  let h = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  return fmix32(h);
}

const GOLDEN = 0x9e3779b9;

export class Random {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(
    private readonly seed: number,
    stream = 0,
  ) {
    this.reseed(stream);
  }

  /** Restarts on stream `stream` of the same seed: stream i gives the same numbers whatever came before. */
  reseed(stream: number): void {
    const s = fmix32(this.seed ^ fmix32(Math.imul(stream >>> 0, GOLDEN) ^ Math.floor(stream / 2 ** 32)));
    this.a = fmix32(s ^ 0x243f6a88);
    this.b = fmix32(s ^ 0x85a308d3);
    this.c = fmix32(s ^ 0x13198a2e);
    this.d = 1;
    for (let i = 0; i < 8; i++) this.next();
  }

  /** A uniform unsigned 32-bit integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 4_294_967_296;
  }

  /** Uniform integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.below(max - min + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }
}

/** Values with weights, drawn in O(log n) (binary search over the running totals). */
export class Weighted<T> {
  readonly values: readonly T[];
  private readonly cumulative: Float64Array;
  readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    if (entries.length === 0) throw new RangeError('Weighted: no entries');
    this.values = entries.map(([v]) => v);
    this.cumulative = new Float64Array(entries.length);
    let total = 0;
    entries.forEach(([, w], i) => {
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`Weighted: bad weight ${w}`);
      total += w;
      this.cumulative[i] = total;
    });
    if (total <= 0) throw new RangeError('Weighted: weights add up to 0');
    this.total = total;
  }

  draw(random: Random): T {
    const target = random.float() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo]!;
  }
}

/**
 * A keyed bijection of [0, 10,000,000): a 4-round Feistel network on 24 bits, walked until the value
 * falls back in range (cycle walking keeps it a bijection). Used to turn an index into 7 digits that
 * look random and never repeat within a run.
 */
export class Permutation7 {
  static readonly SIZE = 10_000_000;
  private readonly keys: Uint32Array;

  constructor(seed: number, purpose: number) {
    this.keys = new Uint32Array(4);
    for (let i = 0; i < 4; i++) this.keys[i] = fmix32(seed ^ fmix32(purpose * 4 + i + 1));
  }

  apply(index: number): number {
    if (!Number.isInteger(index) || index < 0 || index >= Permutation7.SIZE) {
      throw new RangeError(`Index out of range: ${index}`);
    }
    let x = index;
    do x = this.feistel(x);
    while (x >= Permutation7.SIZE);
    return x;
  }

  private feistel(x: number): number {
    let left = x >>> 12;
    let right = x & 0xfff;
    for (const key of this.keys) {
      const next = left ^ (fmix32(right ^ key) & 0xfff);
      left = right;
      right = next;
    }
    return (left << 12) | right;
  }
}
