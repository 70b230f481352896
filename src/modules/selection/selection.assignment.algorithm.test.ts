import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  type AssignmentInput,
  type AssignmentPair,
  computeAssignment,
  DEFAULT_MISMATCH_COST,
  loadCost,
  sharesDomain,
} from './selection.assignment.algorithm.js';

const DOMAINS = ['culture', 'sante', 'alimentation'];

interface Instance {
  input: AssignmentInput;
  forbidden: AssignmentPair[];
}

/** Small random instances: ≤ 6 dossiers, ≤ 5 évaluateurs, k ≤ 3, random capacities, domains, conflicts. */
const instance: fc.Arbitrary<Instance> = fc
  .record({
    nD: fc.integer({ min: 0, max: 6 }),
    nR: fc.integer({ min: 0, max: 5 }),
    k: fc.integer({ min: 1, max: 3 }),
    capacities: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 5, maxLength: 5 }),
    dossierDomains: fc.array(fc.subarray(DOMAINS), { minLength: 6, maxLength: 6 }),
    reviewerDomains: fc.array(fc.subarray(DOMAINS), { minLength: 5, maxLength: 5 }),
    conflicts: fc.array(
      fc.integer({ min: 0, max: 3 }).map((x) => x === 0),
      { minLength: 30, maxLength: 30 },
    ),
    fixed: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 30, maxLength: 30 }),
  })
  .map(({ nD, nR, k, capacities, dossierDomains, reviewerDomains, conflicts, fixed }) => {
    const dossiers = Array.from({ length: nD }, (_, d) => ({
      id: `d${d}`,
      domains: dossierDomains[d] ?? [],
    }));
    const reviewers = Array.from({ length: nR }, (_, r) => ({
      id: `r${r}`,
      capacity: capacities[r] ?? 0,
      domains: reviewerDomains[r] ?? [],
    }));
    const forbidden: AssignmentPair[] = [];
    const fixedPairs: AssignmentPair[] = [];
    const fixedPerDossier = new Map<number, number>();
    const fixedPerReviewer = new Map<number, number>();
    for (let d = 0; d < nD; d++)
      for (let r = 0; r < nR; r++) {
        const pair = { dossierId: `d${d}`, reviewerId: `r${r}` };
        if (conflicts[d * 5 + r]) forbidden.push(pair);
        else if (
          fixed[d * 5 + r] === 0 &&
          (fixedPerDossier.get(d) ?? 0) < k &&
          (fixedPerReviewer.get(r) ?? 0) < (capacities[r] ?? 0)
        ) {
          fixedPairs.push(pair);
          fixedPerDossier.set(d, (fixedPerDossier.get(d) ?? 0) + 1);
          fixedPerReviewer.set(r, (fixedPerReviewer.get(r) ?? 0) + 1);
        }
      }
    return { input: { dossiers, reviewers, forbidden, k, fixed: fixedPairs }, forbidden };
  });

/**
 * The exact optimum by exhaustive search: every dossier takes every subset (of at most k) of the
 * évaluateurs it may have, containing its fixed pairs; the search is memoised on the vector of loads
 * (what the rest of the cost depends on). Returns (max pairs, then min cost).
 */
function bruteForce(input: AssignmentInput): { pairs: number; cost: number } {
  const { dossiers, reviewers, k } = input;
  const nR = reviewers.length;
  const forbidden = new Set([...input.forbidden].map((p) => `${p.dossierId}|${p.reviewerId}`));
  const fixed = new Set((input.fixed ?? []).map((p) => `${p.dossierId}|${p.reviewerId}`));
  const options = dossiers.map((d) => {
    const subsets: { mask: number; expertise: number; size: number }[] = [];
    for (let mask = 0; mask < 1 << nR; mask++) {
      let size = 0;
      let expertise = 0;
      let ok = true;
      for (let r = 0; r < nR; r++) {
        const reviewer = reviewers[r];
        if (!reviewer) continue;
        const key = `${d.id}|${reviewer.id}`;
        const inMask = (mask >> r) & 1;
        if (fixed.has(key) && !inMask) ok = false;
        if (!inMask) continue;
        if (forbidden.has(key)) ok = false;
        size++;
        if (!sharesDomain(d.domains, reviewer.domains)) expertise += DEFAULT_MISMATCH_COST;
      }
      if (ok && size <= k) subsets.push({ mask, expertise, size });
    }
    return subsets;
  });
  const memo = new Map<string, { pairs: number; cost: number }>();
  const better = (a: { pairs: number; cost: number }, b: { pairs: number; cost: number }) =>
    a.pairs > b.pairs || (a.pairs === b.pairs && a.cost < b.cost);
  const search = (d: number, loads: number[]): { pairs: number; cost: number } => {
    if (d === dossiers.length) {
      let cost = 0;
      loads.forEach((l, r) => {
        cost += loadCost(l, reviewers[r]?.capacity ?? 0);
      });
      return { pairs: 0, cost };
    }
    const key = `${d}:${loads.join(',')}`;
    const known = memo.get(key);
    if (known) return known;
    let best = { pairs: -1, cost: Number.POSITIVE_INFINITY };
    for (const option of options[d] ?? []) {
      const next = loads.slice();
      let fits = true;
      for (let r = 0; r < nR; r++)
        if ((option.mask >> r) & 1) {
          next[r] = (next[r] ?? 0) + 1;
          if ((next[r] ?? 0) > (reviewers[r]?.capacity ?? 0)) fits = false;
        }
      if (!fits) continue;
      const rest = search(d + 1, next);
      const total = { pairs: rest.pairs + option.size, cost: rest.cost + option.expertise };
      if (better(total, best)) best = total;
    }
    memo.set(key, best);
    return best;
  };
  return search(
    0,
    reviewers.map(() => 0),
  );
}

describe('assignment algorithm', () => {
  it('finds the same number of pairs and the same cost as an exhaustive search', () => {
    fc.assert(
      fc.property(instance, ({ input }) => {
        const result = computeAssignment(input);
        const best = bruteForce(input);
        assert.equal(result.objective.pairs, best.pairs);
        assert.equal(result.objective.total, best.cost);
      }),
      { numRuns: 300 },
    );
  });

  it('never assigns a forbidden pair, never exceeds a capacity, never more than k or twice the same', () => {
    fc.assert(
      fc.property(instance, ({ input, forbidden }) => {
        const result = computeAssignment(input);
        const banned = new Set(forbidden.map((p) => `${p.dossierId}|${p.reviewerId}`));
        const seen = new Set<string>();
        const perDossier = new Map<string, number>();
        const perReviewer = new Map<string, number>();
        for (const p of result.pairs) {
          const key = `${p.dossierId}|${p.reviewerId}`;
          assert.ok(!banned.has(key), `forbidden pair ${key} assigned`);
          assert.ok(!seen.has(key), `pair ${key} twice`);
          seen.add(key);
          perDossier.set(p.dossierId, (perDossier.get(p.dossierId) ?? 0) + 1);
          perReviewer.set(p.reviewerId, (perReviewer.get(p.reviewerId) ?? 0) + 1);
        }
        for (const count of perDossier.values()) assert.ok(count <= input.k);
        for (const r of input.reviewers) {
          assert.ok((perReviewer.get(r.id) ?? 0) <= r.capacity, `capacity of ${r.id} exceeded`);
          assert.equal(result.loads.get(r.id) ?? 0, perReviewer.get(r.id) ?? 0);
        }
        for (const p of input.fixed ?? []) assert.ok(seen.has(`${p.dossierId}|${p.reviewerId}`));
      }),
      { numRuns: 300 },
    );
  });

  it('gives every dossier k évaluateurs whenever some assignment does, and says why otherwise', () => {
    fc.assert(
      fc.property(instance, ({ input }) => {
        const result = computeAssignment(input);
        const full = input.dossiers.length * input.k;
        // When an assignment gives every dossier k, the maximum number of pairs is n·k.
        if (bruteForce(input).pairs === full) assert.equal(result.short.size, 0);
        const counted = new Map<string, number>();
        for (const p of result.pairs) counted.set(p.dossierId, (counted.get(p.dossierId) ?? 0) + 1);
        for (const d of input.dossiers) {
          const assigned = counted.get(d.id) ?? 0;
          const short = result.short.get(d.id);
          if (assigned < input.k) {
            assert.ok(short, `${d.id} short without reason`);
            assert.equal(short.assigned, assigned);
            if (short.reason.kind === 'conflicts') assert.ok(short.reason.available < input.k);
          } else assert.equal(short, undefined);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('spreads the load in proportion to capacities and prefers matching expertise', () => {
    const dossiers = Array.from({ length: 12 }, (_, i) => ({ id: `d${i}`, domains: ['culture'] }));
    const reviewers = [
      { id: 'a', capacity: 12, domains: ['culture'] },
      { id: 'b', capacity: 12, domains: ['culture'] },
      { id: 'c', capacity: 12, domains: ['sante'] },
    ];
    const result = computeAssignment({ dossiers, reviewers, forbidden: [], k: 2 });
    assert.equal(result.objective.pairs, 24);
    assert.equal(result.loads.get('a'), result.loads.get('b'));
    assert.ok((result.loads.get('c') ?? 0) < (result.loads.get('a') ?? 0));
  });

  it('explains a dossier short of évaluateurs because of conflicts, and because of capacity', () => {
    const reviewers = [
      { id: 'a', capacity: 1, domains: [] },
      { id: 'b', capacity: 1, domains: [] },
    ];
    const conflicts = computeAssignment({
      dossiers: [{ id: 'd', domains: [] }],
      reviewers,
      forbidden: [{ dossierId: 'd', reviewerId: 'a' }],
      k: 2,
    });
    assert.deepEqual(conflicts.short.get('d'), { assigned: 1, reason: { kind: 'conflicts', available: 1 } });
    const capacity = computeAssignment({
      dossiers: [
        { id: 'd', domains: [] },
        { id: 'e', domains: [] },
      ],
      reviewers,
      forbidden: [],
      k: 2,
    });
    assert.equal(capacity.objective.pairs, 2);
    assert.ok(capacity.short.size >= 1);
    for (const s of capacity.short.values()) assert.equal(s.reason.kind, 'capacity');
  });
});
