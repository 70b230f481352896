/**
 * The assignment of dossiers to évaluateurs, computed exactly (pure: no database).
 *
 * Objective, lexicographic:
 *   1. as many (dossier, évaluateur) pairs as possible, at most k per dossier — so every dossier gets k
 *      évaluateurs whenever the capacities and the conflicts allow it;
 *   2. among those, the lowest cost = Σ over pairs of the expertise cost (0 when the évaluateur shares a
 *      domain with the dossier, `mismatchCost` otherwise) + Σ over évaluateurs of a convex load cost: the
 *      j-th dossier given to an évaluateur of capacity c costs ⌊loadScale·(2j−1)/c⌋, so a load L costs about
 *      loadScale·L²/c and the optimum spreads the dossiers in proportion to the capacities.
 *
 * Method: a min-cost maximum flow. Source → dossier (capacity k minus the pairs already fixed, cost 0),
 * dossier → évaluateur (capacity 1, the expertise cost; no arc for a forbidden pair), évaluateur → sink as
 * one unit arc per remaining place, of increasing cost (the convex load cost is then exact). Successive
 * shortest paths end on a maximum flow of minimum cost, which is the lexicographic objective.
 *
 * To be fast on 5,000 dossiers × 300 évaluateurs (≈1.5 M arcs) it is the primal-dual variant: each phase
 * runs one Dijkstra on reduced costs (node potentials keep them non-negative; the search stops when the
 * sink is settled and unsettled nodes take the sink's distance, which keeps the potentials valid), then
 * augments a whole blocking flow on the admissible graph — the residual arcs of reduced cost 0 — with one
 * depth-first pass using current arcs (Dinic-style), instead of a single path. Augmenting along
 * reduced-cost-0 paths keeps the flow of minimum cost for its value, so the result is exact; the number of
 * phases is bounded by the number of distinct shortest-path lengths (small integers: that is why the
 * default scales are small — 25 for a mismatch, 40 for the load — about 75 phases on 5,000 × 300), not by
 * the number of units. Costs are integers and the graph lives in typed arrays (CSR adjacency).
 *
 * With the defaults, on évaluateurs of capacity 50 the j-th dossier costs about 1.6·j: an expertise match
 * is preferred unless the matching évaluateur would carry some 15 dossiers more than another one.
 */

export interface AssignmentDossier {
  id: string;
  domains: readonly string[];
}

export interface AssignmentReviewer {
  id: string;
  capacity: number;
  domains: readonly string[];
}

export interface AssignmentPair {
  dossierId: string;
  reviewerId: string;
}

export interface AssignmentInput {
  dossiers: readonly AssignmentDossier[];
  reviewers: readonly AssignmentReviewer[];
  /** Pairs that must never be assigned (conflicts of interest). */
  forbidden: Iterable<AssignmentPair>;
  /** Évaluateurs per dossier. */
  k: number;
  /** Pairs already decided (published, or added by hand): kept, and counted in loads and the objective. */
  fixed?: readonly AssignmentPair[];
  /** Cost of a pair without any shared domain (default 25). */
  mismatchCost?: number;
  /** Scale of the load cost (default 40). */
  loadScale?: number;
}

/** Why a dossier has fewer than k évaluateurs. */
export type ShortReason =
  | {
      kind: 'conflicts';
      /** Évaluateurs with a place and no conflict with this dossier (fewer than k). */
      available: number;
    }
  | {
      kind: 'capacity';
      /** Pairs needed for every dossier to get k. */
      needed: number;
      /** Total capacity of the jury. */
      capacity: number;
      /** Évaluateurs without conflict with this dossier, all full. */
      available: number;
    };

export interface AssignmentResult {
  /** Every pair, fixed ones included. */
  pairs: AssignmentPair[];
  /** The pairs the computation added (not fixed). */
  added: AssignmentPair[];
  objective: { pairs: number; expertise: number; load: number; total: number };
  /** Évaluateur id → number of dossiers. */
  loads: Map<string, number>;
  /** Dossier id → why it has fewer than k évaluateurs. */
  short: Map<string, { assigned: number; reason: ShortReason }>;
}

export const DEFAULT_MISMATCH_COST = 25;
export const DEFAULT_LOAD_SCALE = 40;

/** Cost of the j-th dossier (j ≥ 1) given to an évaluateur of capacity `capacity`. */
export function loadIncrement(j: number, capacity: number, loadScale = DEFAULT_LOAD_SCALE): number {
  return Math.floor((loadScale * (2 * j - 1)) / Math.max(1, capacity));
}

/** The load cost of `load` dossiers for an évaluateur of capacity `capacity`. */
export function loadCost(load: number, capacity: number, loadScale = DEFAULT_LOAD_SCALE): number {
  let total = 0;
  for (let j = 1; j <= load; j++) total += loadIncrement(j, capacity, loadScale);
  return total;
}

/** Whether two lists of domains share one. */
export function sharesDomain(a: readonly string[], b: readonly string[]): boolean {
  for (const x of a) if (b.includes(x)) return true;
  return false;
}

/** Domain lists as bit sets (several 32-bit words when there are more than 32 distinct domains). */
function domainBits(
  dossiers: readonly AssignmentDossier[],
  reviewers: readonly AssignmentReviewer[],
): { words: number; dossier: Uint32Array; reviewer: Uint32Array } {
  const index = new Map<string, number>();
  for (const list of [...dossiers, ...reviewers])
    for (const d of list.domains) if (!index.has(d)) index.set(d, index.size);
  const words = Math.max(1, Math.ceil(index.size / 32));
  const fill = (items: readonly { domains: readonly string[] }[]) => {
    const bits = new Uint32Array(items.length * words);
    items.forEach((item, i) => {
      for (const d of item.domains) {
        const b = index.get(d) ?? 0;
        const w = i * words + (b >>> 5);
        bits[w] = (bits[w] ?? 0) | (1 << (b & 31));
      }
    });
    return bits;
  };
  return { words, dossier: fill(dossiers), reviewer: fill(reviewers) };
}

/** A minimum-cost maximum flow on a CSR graph of typed arrays (see the header for the method). */
class FlowGraph {
  readonly start: Int32Array;
  readonly to: Int32Array;
  readonly res: Int32Array;
  readonly cost: Int32Array;
  readonly rev: Int32Array;
  /** Position of each forward arc (in the order given) in the CSR arrays. */
  readonly forward: Int32Array;

  constructor(
    readonly n: number,
    from: Int32Array,
    toNode: Int32Array,
    cap: Int32Array,
    arcCost: Int32Array,
    m: number,
  ) {
    const degree = new Int32Array(n + 1);
    for (let e = 0; e < m; e++) {
      const fu = (from[e] as number) + 1;
      const tv = (toNode[e] as number) + 1;
      degree[fu] = (degree[fu] as number) + 1;
      degree[tv] = (degree[tv] as number) + 1;
    }
    for (let v = 0; v < n; v++) degree[v + 1] = (degree[v + 1] as number) + (degree[v] as number);
    this.start = degree;
    const fill = degree.slice(0, n);
    const size = 2 * m;
    this.to = new Int32Array(size);
    this.res = new Int32Array(size);
    this.cost = new Int32Array(size);
    this.rev = new Int32Array(size);
    this.forward = new Int32Array(m);
    for (let e = 0; e < m; e++) {
      const u = from[e] as number;
      const v = toNode[e] as number;
      const a = fill[u] as number;
      const b = fill[v] as number;
      fill[u] = a + 1;
      fill[v] = b + 1;
      this.to[a] = v;
      this.res[a] = cap[e] as number;
      this.cost[a] = arcCost[e] as number;
      this.rev[a] = b;
      this.to[b] = u;
      this.res[b] = 0;
      this.cost[b] = -(arcCost[e] as number);
      this.rev[b] = a;
      this.forward[e] = a;
    }
  }

  /** Runs the primal-dual method from `s` to `t`; returns the flow value and its cost. */
  run(s: number, t: number): { flow: number; cost: number } {
    const { n, start, to, res, cost, rev } = this;
    const INF = 0x3fffffff;
    const pot = new Int32Array(n);
    const dist = new Int32Array(n);
    const done = new Uint8Array(n);
    const heap = new Int32Array(n);
    const where = new Int32Array(n);
    const state = new Uint8Array(n);
    const current = new Int32Array(n);
    const stackNode = new Int32Array(n);
    const stackArc = new Int32Array(n);
    let flow = 0;
    let total = 0;

    const dijkstra = (): boolean => {
      dist.fill(INF);
      done.fill(0);
      where.fill(-1);
      let size = 0;
      const up = (i0: number) => {
        let i = i0;
        const v = heap[i] as number;
        const dv = dist[v] as number;
        while (i > 0) {
          const p = (i - 1) >> 1;
          const pv = heap[p] as number;
          if ((dist[pv] as number) <= dv) break;
          heap[i] = pv;
          where[pv] = i;
          i = p;
        }
        heap[i] = v;
        where[v] = i;
      };
      const down = (i0: number) => {
        let i = i0;
        const v = heap[i] as number;
        const dv = dist[v] as number;
        for (;;) {
          let c = 2 * i + 1;
          if (c >= size) break;
          if (c + 1 < size && (dist[heap[c + 1] as number] as number) < (dist[heap[c] as number] as number))
            c++;
          const cv = heap[c] as number;
          if ((dist[cv] as number) >= dv) break;
          heap[i] = cv;
          where[cv] = i;
          i = c;
        }
        heap[i] = v;
        where[v] = i;
      };
      dist[s] = 0;
      heap[0] = s;
      where[s] = 0;
      size = 1;
      while (size > 0) {
        const u = heap[0] as number;
        size--;
        where[u] = -1;
        if (size > 0) {
          heap[0] = heap[size] as number;
          where[heap[0] as number] = 0;
          down(0);
        }
        done[u] = 1;
        if (u === t) break;
        const du = (dist[u] as number) + (pot[u] as number);
        for (let a = start[u] as number, end = start[u + 1] as number; a < end; a++) {
          if ((res[a] as number) <= 0) continue;
          const v = to[a] as number;
          if (done[v]) continue;
          const nd = du + (cost[a] as number) - (pot[v] as number);
          if (nd < (dist[v] as number)) {
            dist[v] = nd;
            const w = where[v] as number;
            if (w < 0) {
              heap[size] = v;
              where[v] = size;
              size++;
              up(size - 1);
            } else up(w);
          }
        }
      }
      if (!done[t]) return false;
      const dt = dist[t] as number;
      for (let v = 0; v < n; v++) pot[v] = (pot[v] as number) + (done[v] ? (dist[v] as number) : dt);
      return true;
    };

    // One depth-first pass over the admissible graph per phase, with current arcs: a node found without a
    // way to the sink is dead for the phase, a node on the path is not entered again (zero-cost cycles).
    // A path missed this way is found after the next Dijkstra (distance unchanged): exactness holds.
    const augmentPhase = (): void => {
      for (let v = 0; v < n; v++) current[v] = start[v] as number;
      state.fill(0);
      let depth = 0;
      stackNode[0] = s;
      state[s] = 1;
      for (;;) {
        const u = stackNode[depth] as number;
        if (u === t) {
          let push = Number.POSITIVE_INFINITY;
          for (let i = 0; i < depth; i++) push = Math.min(push, res[stackArc[i] as number] as number);
          let back = -1;
          for (let i = 0; i < depth; i++) {
            const a = stackArc[i] as number;
            res[a] = (res[a] as number) - push;
            const b = rev[a] as number;
            res[b] = (res[b] as number) + push;
            total += push * (cost[a] as number);
            if (back < 0 && (res[a] as number) === 0) back = i;
          }
          flow += push;
          // Back to the tail of the first saturated arc (from the source when none is, in general graphs).
          if (back < 0) back = 0;
          for (let i = back + 1; i < depth; i++) state[stackNode[i] as number] = 0;
          depth = back;
          continue;
        }
        const end = start[u + 1] as number;
        const pu = pot[u] as number;
        let a = current[u] as number;
        while (a < end) {
          const v = to[a] as number;
          if (
            (state[v] as number) === 0 &&
            (res[a] as number) > 0 &&
            (cost[a] as number) + pu === (pot[v] as number)
          )
            break;
          a++;
        }
        current[u] = a;
        if (a < end) {
          const v = to[a] as number;
          stackArc[depth] = a;
          depth++;
          stackNode[depth] = v;
          if (v !== t) state[v] = 1;
        } else {
          state[u] = 2;
          if (depth === 0) return;
          depth--;
          const parent = stackNode[depth] as number;
          current[parent] = (current[parent] as number) + 1;
        }
      }
    };

    while (dijkstra()) augmentPhase();
    return { flow, cost: total };
  }
}

/** Computes the assignment (see the header for the objective and the method). */
export function computeAssignment(input: AssignmentInput): AssignmentResult {
  const { dossiers, reviewers } = input;
  const k = Math.max(0, Math.floor(input.k));
  const mismatch = Math.max(0, Math.floor(input.mismatchCost ?? DEFAULT_MISMATCH_COST));
  const loadScale = Math.max(0, Math.floor(input.loadScale ?? DEFAULT_LOAD_SCALE));
  const nD = dossiers.length;
  const nR = reviewers.length;
  const dIndex = new Map(dossiers.map((d, i) => [d.id, i]));
  const rIndex = new Map(reviewers.map((r, i) => [r.id, i]));
  const capacity = Int32Array.from(reviewers, (r) => Math.max(0, Math.floor(r.capacity)));

  // 0 = free, 1 = forbidden, 2 = fixed.
  const pair = new Uint8Array(nD * nR);
  const forbidden = [...input.forbidden];
  for (const f of forbidden) {
    const d = dIndex.get(f.dossierId);
    const r = rIndex.get(f.reviewerId);
    if (d !== undefined && r !== undefined) pair[d * nR + r] = 1;
  }
  const fixedLoad = new Int32Array(nR);
  const fixedCount = new Int32Array(nD);
  const fixed: AssignmentPair[] = [];
  for (const f of input.fixed ?? []) {
    const d = dIndex.get(f.dossierId);
    const r = rIndex.get(f.reviewerId);
    if (d === undefined || r === undefined || pair[d * nR + r] === 2) continue;
    pair[d * nR + r] = 2;
    fixedLoad[r] = (fixedLoad[r] as number) + 1;
    fixedCount[d] = (fixedCount[d] as number) + 1;
    fixed.push({ dossierId: f.dossierId, reviewerId: f.reviewerId });
  }

  const bits = domainBits(dossiers, reviewers);
  const matches = (d: number, r: number): boolean => {
    for (let w = 0; w < bits.words; w++)
      if (
        ((bits.dossier[d * bits.words + w] as number) & (bits.reviewer[r * bits.words + w] as number)) !==
        0
      )
        return true;
    return false;
  };

  // Arcs: source → dossier, dossier → évaluateur, évaluateur → sink (one unit arc per remaining place).
  const S = 0;
  const T = nD + nR + 1;
  let m = nD;
  for (let i = 0; i < nD * nR; i++) if (pair[i] === 0) m++;
  for (let r = 0; r < nR; r++) m += Math.max(0, (capacity[r] as number) - (fixedLoad[r] as number));
  const from = new Int32Array(m);
  const toNode = new Int32Array(m);
  const cap = new Int32Array(m);
  const arcCost = new Int32Array(m);
  let e = 0;
  for (let d = 0; d < nD; d++) {
    from[e] = S;
    toNode[e] = 1 + d;
    cap[e] = Math.max(0, k - (fixedCount[d] as number));
    e++;
  }
  const pairArcStart = e;
  const pairArcDossier = new Int32Array(m - nD);
  const pairArcReviewer = new Int32Array(m - nD);
  for (let d = 0; d < nD; d++)
    for (let r = 0; r < nR; r++) {
      if (pair[d * nR + r] !== 0) continue;
      from[e] = 1 + d;
      toNode[e] = 1 + nD + r;
      cap[e] = 1;
      arcCost[e] = matches(d, r) ? 0 : mismatch;
      pairArcDossier[e - pairArcStart] = d;
      pairArcReviewer[e - pairArcStart] = r;
      e++;
    }
  const pairArcEnd = e;
  for (let r = 0; r < nR; r++) {
    const c = capacity[r] as number;
    for (let j = (fixedLoad[r] as number) + 1; j <= c; j++) {
      from[e] = 1 + nD + r;
      toNode[e] = T;
      cap[e] = 1;
      arcCost[e] = loadIncrement(j, c, loadScale);
      e++;
    }
  }

  const graph = new FlowGraph(nD + nR + 2, from, toNode, cap, arcCost, m);
  graph.run(S, T);

  const added: AssignmentPair[] = [];
  for (let i = pairArcStart; i < pairArcEnd; i++) {
    if ((graph.res[graph.forward[i] as number] as number) !== 0) continue;
    const d = pairArcDossier[i - pairArcStart] as number;
    const r = pairArcReviewer[i - pairArcStart] as number;
    added.push({
      dossierId: (dossiers[d] as AssignmentDossier).id,
      reviewerId: (reviewers[r] as AssignmentReviewer).id,
    });
  }
  const pairs = [...fixed, ...added];
  return { pairs, added, ...evaluateAssignment({ ...input, forbidden }, pairs) };
}

/**
 * The objective, loads and shortfalls of a set of pairs (a computed one, or the one stored after hand
 * adjustments). A dossier short of k is short because of conflicts when fewer than k évaluateurs with a
 * place (or already on it) have no conflict with it, else because the jury's capacity is used up.
 */
export function evaluateAssignment(
  input: AssignmentInput,
  pairs: readonly AssignmentPair[],
): Pick<AssignmentResult, 'objective' | 'loads' | 'short'> {
  const k = Math.max(0, Math.floor(input.k));
  const mismatch = Math.max(0, Math.floor(input.mismatchCost ?? DEFAULT_MISMATCH_COST));
  const loadScale = Math.max(0, Math.floor(input.loadScale ?? DEFAULT_LOAD_SCALE));
  const dossiers = new Map(input.dossiers.map((d) => [d.id, d]));
  const reviewers = new Map(input.reviewers.map((r) => [r.id, r]));
  const forbidden = new Set<string>();
  for (const f of input.forbidden) forbidden.add(`${f.dossierId}|${f.reviewerId}`);
  const loads = new Map<string, number>(input.reviewers.map((r) => [r.id, 0]));
  const count = new Map<string, number>();
  const assigned = new Set<string>();
  let expertise = 0;
  let n = 0;
  for (const p of pairs) {
    const d = dossiers.get(p.dossierId);
    const r = reviewers.get(p.reviewerId);
    if (!d || !r) continue;
    n++;
    assigned.add(`${p.dossierId}|${p.reviewerId}`);
    loads.set(r.id, (loads.get(r.id) ?? 0) + 1);
    count.set(d.id, (count.get(d.id) ?? 0) + 1);
    if (!sharesDomain(d.domains, r.domains)) expertise += mismatch;
  }
  let load = 0;
  let totalCapacity = 0;
  for (const r of input.reviewers) {
    const capacity = Math.max(0, Math.floor(r.capacity));
    totalCapacity += capacity;
    load += loadCost(loads.get(r.id) ?? 0, capacity, loadScale);
  }
  const short = new Map<string, { assigned: number; reason: ShortReason }>();
  for (const d of input.dossiers) {
    const got = count.get(d.id) ?? 0;
    if (got >= k) continue;
    let available = 0;
    for (const r of input.reviewers) {
      const key = `${d.id}|${r.id}`;
      if (assigned.has(key) || (!forbidden.has(key) && Math.floor(r.capacity) > 0)) available++;
    }
    const reason: ShortReason =
      available < k
        ? { kind: 'conflicts', available }
        : { kind: 'capacity', needed: input.dossiers.length * k, capacity: totalCapacity, available };
    short.set(d.id, { assigned: got, reason });
  }
  return { objective: { pairs: n, expertise, load, total: expertise + load }, loads, short };
}
