import { z } from 'zod';
import type { Recommendation } from './selection.tables.js';
import { RECOMMENDATIONS } from './selection.tables.js';

/**
 * The scoring grid of a call (selection_settings.grid) and the pure rules of a review: reading the grid,
 * the weighted score, checking what an évaluateur typed (draft or submission). No database here.
 */

export const CRITERION_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const MAX_CRITERIA = 30;
export const MAX_SCALE = 100;
export const COMMENT_MAX = 5000;
export const OVERALL_COMMENT_MAX = 10_000;

const levelSchema = z.object({
  value: z.number().int(),
  label: z.string().trim().min(1, 'Chaque niveau doit avoir un libellé.').max(200),
});

export const criterionSchema = z
  .object({
    id: z
      .string()
      .max(60)
      .regex(CRITERION_ID, 'L’identifiant d’un critère ne contient que des minuscules, chiffres et tirets.'),
    label: z.string().trim().min(1, 'Le libellé du critère est obligatoire.').max(200),
    description: z.string().trim().max(2000).default(''),
    weight: z
      .number()
      .positive('Le poids d’un critère doit être strictement positif.')
      .max(1000, 'Le poids d’un critère ne dépasse pas 1 000.'),
    scale: z
      .object({
        min: z.number().int().min(0).max(MAX_SCALE),
        max: z.number().int().min(0).max(MAX_SCALE),
      })
      .refine((s) => s.min < s.max, 'Le minimum de l’échelle doit être inférieur à son maximum.'),
    levels: z.array(levelSchema).max(MAX_SCALE + 1),
    commentRequired: z.boolean().default(false),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<number>();
    for (const level of c.levels) {
      if (level.value < c.scale.min || level.value > c.scale.max)
        ctx.addIssue({
          code: 'custom',
          path: ['levels'],
          message: `Le niveau ${level.value} est hors de l’échelle (${c.scale.min} à ${c.scale.max}).`,
        });
      if (seen.has(level.value))
        ctx.addIssue({
          code: 'custom',
          path: ['levels'],
          message: `Le niveau ${level.value} est en double.`,
        });
      seen.add(level.value);
    }
  });

export const gridSchema = z
  .object({
    criteria: z
      .array(criterionSchema)
      .max(MAX_CRITERIA, `Une grille compte au plus ${MAX_CRITERIA} critères.`),
    overallCommentRequired: z.boolean().default(true),
  })
  .superRefine((g, ctx) => {
    const ids = new Set<string>();
    for (const c of g.criteria) {
      if (ids.has(c.id))
        ctx.addIssue({
          code: 'custom',
          path: ['criteria'],
          message: `Le critère « ${c.id} » est en double.`,
        });
      ids.add(c.id);
    }
  });

export type Grid = z.output<typeof gridSchema>;
export type Criterion = Grid['criteria'][number];

export const EMPTY_GRID: Grid = { criteria: [], overallCommentRequired: true };

/** The grid stored as JSON: the grid, or the French problems that make it unusable. */
export function parseGrid(json: unknown): { ok: true; grid: Grid } | { ok: false; errors: string[] } {
  const result = gridSchema.safeParse(json);
  if (result.success) return { ok: true, grid: result.data };
  return { ok: false, errors: result.error.issues.map((i) => i.message) };
}

/** A stored grid, read leniently: an unreadable one reads as the empty grid. */
export function readGrid(json: unknown): Grid {
  const parsed = parseGrid(json);
  return parsed.ok ? parsed.grid : EMPTY_GRID;
}

/** The labelled levels of a criterion; without labels, every integer of its scale. */
export function levelsOf(c: Criterion): { value: number; label: string }[] {
  if (c.levels.length > 0) return [...c.levels].sort((a, b) => a.value - b.value);
  const out: { value: number; label: string }[] = [];
  for (let v = c.scale.min; v <= c.scale.max; v++) out.push({ value: v, label: String(v) });
  return out;
}

/** Scores keyed by criterion id. */
export type Scores = Record<string, number>;

/**
 * The scale the weighted score is expressed on: from the lowest minimum to the highest maximum of the
 * criteria (0–5 for a grid whose criteria are all scored 0 to 5). Null for a grid without criteria.
 */
export function scoreScale(grid: Grid): { min: number; max: number } | null {
  if (grid.criteria.length === 0) return null;
  return {
    min: Math.min(...grid.criteria.map((c) => c.scale.min)),
    max: Math.max(...grid.criteria.map((c) => c.scale.max)),
  };
}

/**
 * The weighted score of a review, ON THE GRID'S SCALE (`scoreScale`): each criterion's score is first
 * placed on its own scale ((score − min) / (max − min), clamped to 0–1); the mean of these, weighted by the
 * criteria's weights, is then brought back to the grid's scale (min + mean × (max − min)). When every
 * criterion has the same scale, this is exactly the weighted mean of the scores (3.5 for 4/5 weighted 1 and
 * 3/5 weighted 1); criteria on different scales stay comparable. The result is always within the scale's
 * bounds, so that the ranking and the disagreement threshold read « points » of the grid. Criteria without
 * a score count for nothing (neither score nor weight); null when no criterion is scored.
 */
export function weightedScore(grid: Grid, scores: Readonly<Record<string, unknown>>): number | null {
  const scale = scoreScale(grid);
  if (!scale) return null;
  let sum = 0;
  let weights = 0;
  for (const c of grid.criteria) {
    const raw = scores[c.id];
    if (typeof raw !== 'number' || !Number.isFinite(raw)) continue;
    const span = c.scale.max - c.scale.min;
    const normalised = Math.min(1, Math.max(0, (raw - c.scale.min) / span));
    sum += normalised * c.weight;
    weights += c.weight;
  }
  if (weights === 0) return null;
  const mean = Math.min(1, Math.max(0, sum / weights));
  return Math.min(scale.max, Math.max(scale.min, scale.min + mean * (scale.max - scale.min)));
}

export interface ReviewInput {
  /** Criterion id → the level chosen (as typed: a string from the form, or a number). */
  scores: Readonly<Record<string, unknown>>;
  /** Criterion id → comment. */
  comments: Readonly<Record<string, unknown>>;
  overallComment: string;
  recommendation: string | null | undefined;
}

export interface CheckedReview {
  scores: Scores;
  comments: Record<string, string>;
  overallComment: string;
  recommendation: Recommendation | null;
}

export type ReviewCheck =
  | { ok: true; review: CheckedReview }
  | {
      ok: false;
      /** Field name (`score_<id>`, `comment_<id>`, `overall_comment`, `recommendation`) → French message. */
      errors: Record<string, string>;
    };

function readScore(value: unknown): number | null | 'invalid' {
  if (value === undefined || value === null || value === '') return null;
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^-?\d{1,4}$/.test(value.trim())
        ? Number(value)
        : Number.NaN;
  return Number.isInteger(n) ? n : 'invalid';
}

/**
 * Checks a review against the grid. A draft may leave anything out but what it gives must be valid (a
 * level of the criterion, comments within their length); a submission needs every criterion scored, the
 * required comments, the overall comment when the grid requires it, and a recommendation.
 */
export function validateReview(grid: Grid, input: ReviewInput, mode: 'draft' | 'submit'): ReviewCheck {
  const errors: Record<string, string> = {};
  const scores: Scores = {};
  const comments: Record<string, string> = {};
  for (const c of grid.criteria) {
    const score = readScore(input.scores[c.id]);
    const allowed = new Set(levelsOf(c).map((l) => l.value));
    if (score === 'invalid' || (score !== null && !allowed.has(score)))
      errors[`score_${c.id}`] = `La note de « ${c.label} » doit être un des niveaux proposés.`;
    else if (score === null) {
      if (mode === 'submit') errors[`score_${c.id}`] = `Notez le critère « ${c.label} ».`;
    } else scores[c.id] = score;
    const rawComment = input.comments[c.id];
    const comment = typeof rawComment === 'string' ? rawComment.trim() : '';
    if (comment.length > COMMENT_MAX)
      errors[`comment_${c.id}`] = `Le commentaire sur « ${c.label} » dépasse ${COMMENT_MAX} caractères.`;
    else if (comment === '' && c.commentRequired && mode === 'submit')
      errors[`comment_${c.id}`] = `Un commentaire est obligatoire pour le critère « ${c.label} ».`;
    if (comment !== '') comments[c.id] = comment;
  }
  const overallComment = input.overallComment.trim();
  if (overallComment.length > OVERALL_COMMENT_MAX)
    errors.overall_comment = `L’appréciation générale dépasse ${OVERALL_COMMENT_MAX} caractères.`;
  else if (overallComment === '' && grid.overallCommentRequired && mode === 'submit')
    errors.overall_comment = 'L’appréciation générale est obligatoire.';
  const rec = input.recommendation ?? '';
  let recommendation: Recommendation | null = null;
  if (rec !== '') {
    const found = RECOMMENDATIONS.find((r) => r === rec);
    if (found) recommendation = found;
    else errors.recommendation = 'Choisissez une recommandation parmi celles proposées.';
  } else if (mode === 'submit') errors.recommendation = 'Choisissez une recommandation.';
  if (mode === 'submit' && grid.criteria.length === 0)
    errors._form = 'La grille d’évaluation de cet appel n’a encore aucun critère.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, review: { scores, comments, overallComment, recommendation } };
}

/** Makes a criterion id from a label: lower case ASCII words joined by hyphens. */
export function slugify(label: string): string {
  const slug = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  return slug === '' ? 'critere' : slug;
}

/** A criterion id not yet used in the grid, from a label. */
export function freshCriterionId(grid: Grid, label: string): string {
  const base = slugify(label);
  const used = new Set(grid.criteria.map((c) => c.id));
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}-${i}`)) return `${base}-${i}`;
}
