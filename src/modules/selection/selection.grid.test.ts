import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { type Grid, parseGrid, validateReview, weightedScore } from './selection.grid.js';

const GRID: Grid = {
  criteria: [
    {
      id: 'impact',
      label: 'Impact social',
      description: '',
      weight: 2,
      scale: { min: 0, max: 5 },
      levels: [
        { value: 0, label: 'Nul' },
        { value: 5, label: 'Exceptionnel' },
      ],
      commentRequired: true,
    },
    {
      id: 'modele',
      label: 'Modèle économique',
      description: '',
      weight: 1,
      scale: { min: 1, max: 3 },
      levels: [],
      commentRequired: false,
    },
  ],
  overallCommentRequired: true,
};

describe('selection: the scoring grid', () => {
  test('parseGrid accepts a well-formed grid and explains what is wrong in French', () => {
    assert.equal(parseGrid(GRID).ok, true);
    assert.equal(parseGrid({ criteria: [], overallCommentRequired: false }).ok, true);
    const bad = parseGrid({
      criteria: [
        { ...GRID.criteria[0], weight: 0 },
        { ...GRID.criteria[1], id: 'impact', scale: { min: 3, max: 3 }, levels: [{ value: 9, label: 'x' }] },
      ],
      overallCommentRequired: true,
    });
    assert.equal(bad.ok, false);
    if (!bad.ok) {
      const all = bad.errors.join(' | ');
      assert.match(all, /poids d’un critère doit être strictement positif/);
      assert.match(all, /minimum de l’échelle doit être inférieur/);
      assert.match(all, /hors de l’échelle/);
      assert.match(all, /« impact » est en double/);
    }
    assert.equal(parseGrid('pas une grille').ok, false);
  });

  test('weightedScore: weighted mean on the grid’s scale, unscored criteria left out', () => {
    // The grid's scale: 0 (lowest minimum) to 5 (highest maximum).
    assert.equal(weightedScore(GRID, { impact: 5, modele: 3 }), 5);
    assert.equal(weightedScore(GRID, { impact: 0, modele: 1 }), 0);
    // impact 4/5 = 0.8 (weight 2), modele (2 − 1)/(3 − 1) = 0.5 (weight 1): (1.6 + 0.5) / 3 = 0.7 → 3.5
    assert.ok(Math.abs((weightedScore(GRID, { impact: 4, modele: 2 }) ?? -1) - 3.5) < 1e-9);
    assert.equal(weightedScore(GRID, { impact: 5 }), 5);
    assert.equal(weightedScore(GRID, {}), null);
    // Same scale everywhere: exactly the weighted mean of the scores.
    const same: Grid = {
      ...GRID,
      criteria: GRID.criteria.map((c) => ({ ...c, scale: { min: 0, max: 5 }, levels: [] })),
    };
    assert.ok(Math.abs((weightedScore(same, { impact: 4, modele: 1 }) ?? -1) - 3) < 1e-9);
  });

  test('weightedScore stays within the scale’s bounds whatever the grid and the scores', () => {
    const criterion = fc
      .record({
        min: fc.integer({ min: 0, max: 50 }),
        span: fc.integer({ min: 1, max: 50 }),
        weight: fc.double({ min: 0.001, max: 1000, noNaN: true }),
      })
      .map(({ min, span, weight }, i = 0) => ({ min, max: min + span, weight, i }));
    fc.assert(
      fc.property(
        fc.array(criterion, { minLength: 1, maxLength: 10 }),
        fc.array(fc.oneof(fc.integer({ min: -200, max: 200 }), fc.double({ noNaN: false })), {
          minLength: 10,
          maxLength: 10,
        }),
        (criteria, raw) => {
          const grid: Grid = {
            criteria: criteria.map((c, i) => ({
              id: `c${i}`,
              label: `Critère ${i}`,
              description: '',
              weight: c.weight,
              scale: { min: c.min, max: c.max },
              levels: [],
              commentRequired: false,
            })),
            overallCommentRequired: false,
          };
          const scores = Object.fromEntries(criteria.map((_, i) => [`c${i}`, raw[i]]));
          const score = weightedScore(grid, scores);
          if (score === null) return true;
          const low = Math.min(...criteria.map((c) => c.min));
          const high = Math.max(...criteria.map((c) => c.max));
          return score >= low && score <= high;
        },
      ),
    );
  });

  test('validateReview: a draft may be partial, a submission must be complete', () => {
    const partial = { scores: { impact: '5' }, comments: {}, overallComment: '', recommendation: '' };
    const draft = validateReview(GRID, partial, 'draft');
    assert.equal(draft.ok, true);
    if (draft.ok) assert.deepEqual(draft.review.scores, { impact: 5 });

    const submit = validateReview(GRID, partial, 'submit');
    assert.equal(submit.ok, false);
    if (!submit.ok) {
      assert.match(submit.errors.score_modele ?? '', /Notez le critère « Modèle économique »/);
      assert.match(submit.errors.comment_impact ?? '', /commentaire est obligatoire/);
      assert.match(submit.errors.overall_comment ?? '', /appréciation générale est obligatoire/);
      assert.match(submit.errors.recommendation ?? '', /Choisissez une recommandation/);
      assert.equal(submit.errors.score_impact, undefined);
    }

    const wrongLevel = validateReview(GRID, { ...partial, scores: { impact: '3' } }, 'draft');
    assert.equal(wrongLevel.ok, false, 'only the labelled levels of a criterion are allowed');
    const wrongRec = validateReview(GRID, { ...partial, recommendation: 'peut-etre' }, 'draft');
    assert.equal(wrongRec.ok, false);

    const complete = validateReview(
      GRID,
      {
        scores: { impact: '5', modele: '2' },
        comments: { impact: 'Très fort ancrage local.' },
        overallComment: 'Projet solide.',
        recommendation: 'a_retenir',
      },
      'submit',
    );
    assert.equal(complete.ok, true);
  });
});
