import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { aggregate, type ReviewScore, standardDeviation, zScores } from './selection.ranking.js';

const dossier = (i: number) => ({ id: `d${i}`, reference: `REF-${String(i).padStart(3, '0')}`, assigned: 3 });
const review = (d: number, reviewer: string, score: number): ReviewScore => ({
  dossierId: `d${d}`,
  reviewerId: reviewer,
  weightedScore: score,
  recommendation: null,
});

/** Scores of one évaluateur on dossiers 0…n−1 (n ≥ 2), as integers on a 0–20 grid. */
const scores = fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 2, maxLength: 12 });

describe('selection: aggregation and ranking', () => {
  test('raw mean, normalised mean, completion, spread and recommendations of an example', () => {
    const reviews: ReviewScore[] = [
      // A harsh évaluateur (scores 8, 10, 12) and a lenient one (16, 18, 20): same opinion.
      review(1, 'harsh', 8),
      review(2, 'harsh', 10),
      review(3, 'harsh', 12),
      review(1, 'lenient', 16),
      review(2, 'lenient', 18),
      { ...review(3, 'lenient', 20), recommendation: 'a_retenir' },
      // Only one review: z = 0.
      review(3, 'single', 2),
    ];
    const rows = aggregate([dossier(1), dossier(2), dossier(3), dossier(4)], reviews, 5);
    assert.deepEqual(
      rows.map((r) => [r.rank, r.reference]),
      [
        [1, 'REF-003'],
        [2, 'REF-002'],
        [3, 'REF-001'],
        [4, 'REF-004'],
      ],
    );
    const d3 = rows[0];
    assert.equal(d3?.reviews, 3);
    assert.equal(d3?.rawMean, round((12 + 20 + 2) / 3));
    // z of 12 among (8, 10, 12) is 1.2247…, the single review's z is 0.
    assert.equal(d3?.meanZ, round((2 * Math.sqrt(1.5) + 0) / 3));
    assert.equal(d3?.spread, 18);
    assert.equal(d3?.disagreement, true, 'a spread of 18 is above 5');
    assert.equal(d3?.recommendations.a_retenir, 1);
    assert.equal(rows[1]?.disagreement, true, 'a spread of 8 is above 5');
    assert.equal(rows[1]?.meanZ, 0);
    const none = rows[3];
    assert.equal(none?.reviews, 0);
    assert.equal(none?.rawMean, null);
    assert.equal(none?.meanZ, null);
    assert.equal(none?.spread, null);
    assert.equal(none?.disagreement, false);
  });

  test('ties on the mean z are broken by the raw mean, then the reference', () => {
    const rows = aggregate(
      [dossier(2), dossier(1), dossier(3)],
      [review(1, 'a', 10), review(2, 'b', 10), review(3, 'c', 12)],
      1,
    );
    // Every z is 0 (one review each): raw mean first, then reference.
    assert.deepEqual(
      rows.map((r) => r.reference),
      ['REF-003', 'REF-001', 'REF-002'],
    );
  });

  test('a spread equal to the threshold is not a disagreement', () => {
    const rows = aggregate([dossier(1)], [review(1, 'a', 10), review(1, 'b', 11.5)], 1.5);
    assert.equal(rows[0]?.spread, 1.5);
    assert.equal(rows[0]?.disagreement, false);
  });

  test('property: a harsh and a lenient évaluateur scoring alike give identical z', () => {
    fc.assert(
      fc.property(
        scores,
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        fc.double({ min: -50, max: 50, noNaN: true }),
        (harsh, factor, offset) => {
          const reviews = [
            ...harsh.map((s, i) => review(i, 'harsh', s)),
            ...harsh.map((s, i) => review(i, 'lenient', s * factor + offset)),
          ];
          const z = zScores(reviews);
          harsh.forEach((_, i) => {
            const a = z.get(`d${i}:harsh`) ?? Number.NaN;
            const b = z.get(`d${i}:lenient`) ?? Number.NaN;
            assert.ok(Math.abs(a - b) < 1e-6, `dossier ${i}: ${a} ≠ ${b}`);
          });
        },
      ),
    );
  });

  test('property: the ranking is a permutation of the dossiers, ranks 1…n', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(9), fc.constantFrom('a', 'b', 'c', 'd'), fc.integer({ min: 0, max: 20 })), {
          maxLength: 40,
        }),
        fc.integer({ min: 1, max: 10 }),
        (triples, n) => {
          const seen = new Set<string>();
          const reviews = triples
            .filter(([d, r]) => d < n && !seen.has(`${d}${r}`) && seen.add(`${d}${r}`))
            .map(([d, r, s]) => review(d, r, s));
          const dossiers = Array.from({ length: n }, (_, i) => dossier(i));
          const rows = aggregate(dossiers, reviews, 3);
          assert.deepEqual(rows.map((r) => r.dossierId).sort(), dossiers.map((d) => d.id).sort());
          assert.deepEqual(
            rows.map((r) => r.rank),
            dossiers.map((_, i) => i + 1),
          );
          // Deterministic: the same input in another order gives the same ranking.
          const again = aggregate([...dossiers].reverse(), [...reviews].reverse(), 3);
          assert.deepEqual(
            again.map((r) => r.dossierId),
            rows.map((r) => r.dossierId),
          );
        },
      ),
    );
  });

  test('property: adding a constant to one évaluateur’s scores does not change the order by mean z', () => {
    fc.assert(
      fc.property(scores, scores, scores, fc.integer({ min: -10, max: 10 }), (a, b, c, shift) => {
        const n = Math.min(a.length, b.length, c.length);
        const build = (k: number) => [
          ...a.slice(0, n).map((s, i) => review(i, 'a', s + k)),
          ...b.slice(0, n).map((s, i) => review(i, 'b', s)),
          ...c.slice(0, n).map((s, i) => review(i, 'c', s)),
        ];
        const dossiers = Array.from({ length: n }, (_, i) => dossier(i));
        const meanZ = (k: number) =>
          new Map(aggregate(dossiers, build(k), 3).map((r) => [r.dossierId, r.meanZ ?? 0]));
        const before = meanZ(0);
        const after = meanZ(shift);
        for (const d of dossiers) {
          assert.ok(Math.abs((before.get(d.id) ?? 0) - (after.get(d.id) ?? 0)) < 1e-6);
          for (const e of dossiers) {
            const x = (before.get(d.id) ?? 0) - (before.get(e.id) ?? 0);
            const y = (after.get(d.id) ?? 0) - (after.get(e.id) ?? 0);
            if (Math.abs(x) > 1e-6) assert.equal(Math.sign(x), Math.sign(y));
          }
        }
      }),
    );
  });

  test('the standard deviation is the population one', () => {
    assert.equal(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9]), 2);
    assert.equal(standardDeviation([5]), 0);
  });
});

function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}
