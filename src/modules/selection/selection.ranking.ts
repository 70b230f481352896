import { RECOMMENDATIONS, type Recommendation } from './selection.tables.js';

/**
 * Aggregation of the reviews of a call (pure: no database, no clock).
 *
 * - Raw mean: the mean of the submitted weighted scores of a dossier.
 * - Normalisation by évaluateur (z-scores): each évaluateur's submitted weighted scores on the call become
 *   (x − mean_e) / sd_e, with sd_e the population standard deviation of that évaluateur's scores. A harsh
 *   and a lenient évaluateur who order the dossiers alike thus give the same z. An évaluateur with a single
 *   review, or whose scores are all equal (sd 0), says nothing about how the dossiers compare: their z is 0.
 *   z values are rounded to 1e-9 so that floating-point noise never reorders the ranking.
 * - Disagreement: the spread of a dossier is max − min of its raw weighted scores (at least two reviews);
 *   the dossier is flagged when the spread is strictly above the call's threshold
 *   (selection_settings.disagreement_threshold), in points of the grid's weighted score.
 * - Completion: submitted reviews / published assignments (« 2/3 avis »).
 * - Ranking: mean z (highest first), then raw mean, then reference (ascending): deterministic. Dossiers
 *   without any submitted review come last, by reference.
 */

export interface ReviewScore {
  dossierId: string;
  reviewerId: string;
  weightedScore: number;
  recommendation: Recommendation | null;
}

export interface RankedDossierInput {
  id: string;
  reference: string;
  /** Published assignments of the dossier (the reviews expected). */
  assigned: number;
}

export interface DossierAggregate {
  dossierId: string;
  reference: string;
  rank: number;
  reviews: number;
  assigned: number;
  rawMean: number | null;
  meanZ: number | null;
  spread: number | null;
  disagreement: boolean;
  recommendations: Record<Recommendation, number>;
}

const PRECISION = 1e9;

function round(value: number): number {
  const r = Math.round(value * PRECISION) / PRECISION;
  return Object.is(r, -0) ? 0 : r;
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** The population standard deviation (0 for fewer than two values). */
export function standardDeviation(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(mean(values.map((v) => (v - m) ** 2)));
}

/** The z-score of each review, keyed `dossierId:reviewerId`. */
export function zScores(reviews: readonly ReviewScore[]): Map<string, number> {
  const byReviewer = new Map<string, ReviewScore[]>();
  for (const r of reviews) {
    const list = byReviewer.get(r.reviewerId) ?? [];
    list.push(r);
    byReviewer.set(r.reviewerId, list);
  }
  const out = new Map<string, number>();
  for (const list of byReviewer.values()) {
    const values = list.map((r) => r.weightedScore);
    const m = mean(values);
    const sd = standardDeviation(values);
    // Relative to the scores' magnitude: an all-equal list may give a tiny non-zero sd through rounding.
    const flat = list.length < 2 || sd <= 1e-12 * Math.max(1, Math.abs(m));
    for (const r of list)
      out.set(`${r.dossierId}:${r.reviewerId}`, flat ? 0 : round((r.weightedScore - m) / sd));
  }
  return out;
}

function compare(a: DossierAggregate, b: DossierAggregate): number {
  if (a.meanZ === null || b.meanZ === null) {
    if (a.meanZ !== b.meanZ) return a.meanZ === null ? 1 : -1;
  } else if (a.meanZ !== b.meanZ) return b.meanZ - a.meanZ;
  if (a.rawMean !== null && b.rawMean !== null && a.rawMean !== b.rawMean) return b.rawMean - a.rawMean;
  return a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0;
}

/** Aggregates the submitted reviews of a call's dossiers and ranks them (rank 1 first). */
export function aggregate(
  dossiers: readonly RankedDossierInput[],
  reviews: readonly ReviewScore[],
  disagreementThreshold: number,
): DossierAggregate[] {
  const z = zScores(reviews);
  const byDossier = new Map<string, ReviewScore[]>();
  for (const r of reviews) {
    const list = byDossier.get(r.dossierId) ?? [];
    list.push(r);
    byDossier.set(r.dossierId, list);
  }
  const rows: DossierAggregate[] = dossiers.map((d) => {
    const list = byDossier.get(d.id) ?? [];
    const raw = list.map((r) => r.weightedScore);
    const zs = list.map((r) => z.get(`${r.dossierId}:${r.reviewerId}`) ?? 0);
    const spread = raw.length >= 2 ? round(Math.max(...raw) - Math.min(...raw)) : null;
    const recommendations = Object.fromEntries(RECOMMENDATIONS.map((k) => [k, 0])) as Record<
      Recommendation,
      number
    >;
    for (const r of list) if (r.recommendation) recommendations[r.recommendation]++;
    return {
      dossierId: d.id,
      reference: d.reference,
      rank: 0,
      reviews: list.length,
      assigned: d.assigned,
      rawMean: raw.length ? round(mean(raw)) : null,
      meanZ: zs.length ? round(mean(zs)) : null,
      spread,
      disagreement: spread !== null && spread > disagreementThreshold,
      recommendations,
    };
  });
  rows.sort(compare);
  return rows.map((row, i) => ({ ...row, rank: i + 1 }));
}
