import { type Principal, rule } from '../../platform/access/index.js';
import { type JsonValue, recordAudit } from '../../platform/audit/index.js';
import type { Db } from '../../platform/db/index.js';
import { Conflict, NotFound, Validation } from '../../platform/http/errors.js';
import { answersBySection, fileIdsOf, readForm, recordedForm, type SectionView } from '../dossiers/index.js';
import { type Grid, type ReviewInput, readGrid, validateReview, weightedScore } from './selection.grid.js';
import type { SelectionActor, SelectionContext } from './selection.jury.service.js';
import type { ReviewsMessages } from './selection.reviews.fr.js';
import {
  type AssignedDossierRow,
  findAssignedDossier,
  findLastVersion,
  findReview,
  findReviewSettings,
  listAuditionsOfCalls,
  listDossierFiles,
  listMyAssignments,
  listOtherSubmittedReviews,
  lockReview,
  type MyAssignmentRow,
  type MyAuditionRow,
  type OtherReviewRow,
  type ReviewRow,
  saveReview,
  type VersionFileRow,
} from './selection.reviews.queries.js';

/** « Mes évaluations »: anyone holding the role 'reviewer' on a call (a staff page: second factor). */
export const reviewerOfAnyCall = rule(
  'reviewer_of_any_call',
  (principal) => principal.roles.some((g) => g.role === 'reviewer' && g.scope?.type === 'call'),
  { staff: true },
);

/** The calls on which `principal` is an évaluateur. */
export function reviewedCallIds(principal: Principal): string[] {
  return principal.roles.flatMap((g) =>
    g.role === 'reviewer' && g.scope?.type === 'call' ? [g.scope.id] : [],
  );
}

export type ReviewState = 'todo' | 'draft' | 'done';

export interface MyCall {
  id: string;
  title: string;
  rows: (MyAssignmentRow & { state: ReviewState })[];
  counts: Record<ReviewState, number>;
  /** The call's auditions, for the jury's notes. */
  auditions: MyAuditionRow[];
}

export interface ReviewDossierPage {
  dossier: AssignedDossierRow;
  version: { version: number; submitted_at: Date; sections: SectionView[] } | null;
  files: VersionFileRow[];
  grid: Grid;
  review: ReviewRow | null;
  /** The other submitted reviews: only once the évaluateur submitted theirs, and when the call allows it. */
  others: OtherReviewRow[] | null;
}

/**
 * The évaluateurs' side: their published assignments, the frozen version of an assigned dossier and its
 * files, and their review (draft, then submitted: read-only), with optimistic locking on `lock_version`.
 */
export function createReviewsService(db: Db) {
  async function assigned(dossierId: string, userId: string): Promise<AssignedDossierRow> {
    const found = await findAssignedDossier(db, dossierId, userId);
    if (!found) throw new NotFound();
    return found;
  }

  return {
    async myCalls(principal: Principal): Promise<MyCall[]> {
      if (!principal.userId) return [];
      const callIds = reviewedCallIds(principal);
      const rows = await listMyAssignments(db, principal.userId, callIds);
      const calls = new Map<string, MyCall>();
      const callOf = (id: string, title: string): MyCall => {
        let call = calls.get(id);
        if (!call) {
          call = { id, title, rows: [], counts: { todo: 0, draft: 0, done: 0 }, auditions: [] };
          calls.set(id, call);
        }
        return call;
      };
      for (const row of rows) {
        const state: ReviewState = row.submitted_at ? 'done' : row.has_review ? 'draft' : 'todo';
        const call = callOf(row.call_id, row.call_title);
        call.rows.push({ ...row, state });
        call.counts[state]++;
      }
      for (const audition of await listAuditionsOfCalls(db, callIds))
        callOf(audition.call_id, audition.call_title).auditions.push(audition);
      return [...calls.values()];
    },

    async dossierPage(dossierId: string, userId: string): Promise<ReviewDossierPage> {
      const dossier = await assigned(dossierId, userId);
      const last = await findLastVersion(db, dossierId);
      const settings = await findReviewSettings(db, dossier.call_id);
      const review = (await findReview(db, dossierId, userId)) ?? null;
      const version = last
        ? {
            version: last.version,
            submitted_at: last.submitted_at,
            sections: answersBySection(
              (await recordedForm(db, dossier.call_id, last.form_version)) ?? readForm(undefined),
              last.answers,
            ),
          }
        : null;
      const files = last ? await listDossierFiles(db, dossierId, fileIdsOf(last.answers)) : [];
      const others =
        review?.submitted_at && settings?.show_other_reviews
          ? await listOtherSubmittedReviews(db, dossierId, userId)
          : null;
      return { dossier, version, files, grid: readGrid(settings?.grid), review, others };
    },

    /** A file named by the dossier's frozen version (undefined: not one of them). */
    async file(dossierId: string, userId: string, fileId: string): Promise<VersionFileRow | undefined> {
      await assigned(dossierId, userId);
      const last = await findLastVersion(db, dossierId);
      if (!last || !fileIdsOf(last.answers).includes(fileId)) return undefined;
      return (await listDossierFiles(db, dossierId, [fileId]))[0];
    },

    /**
     * Saves the évaluateur's review as a draft (`submit` false) or submits it. Conflict when it was
     * submitted already or changed since the page was read (`lockVersion`); Validation with the French
     * message of each field when the input does not fit the grid (nothing is saved).
     */
    async save(
      dossierId: string,
      input: ReviewInput & { lockVersion: number; submit: boolean },
      actor: SelectionActor,
      context: SelectionContext,
      w: ReviewsMessages,
    ): Promise<void> {
      const dossier = await assigned(dossierId, actor.id);
      await db.transaction().execute(async (trx) => {
        const settings = await findReviewSettings(trx, dossier.call_id);
        const grid = readGrid(settings?.grid);
        const current = await lockReview(trx, { dossierId, userId: actor.id, callId: dossier.call_id });
        if (current.submitted_at) throw new Conflict(w.review.alreadySubmitted);
        if (current.lock_version !== input.lockVersion) throw new Conflict(w.review.stale);
        const checked = validateReview(grid, input, input.submit ? 'submit' : 'draft');
        if (!checked.ok) throw new Validation(w.review.invalid, checked.errors);
        const { scores, comments, overallComment, recommendation } = checked.review;
        const stored: Record<string, JsonValue> = {};
        for (const c of grid.criteria) {
          const score = scores[c.id];
          const comment = comments[c.id];
          if (score !== undefined || comment !== undefined)
            stored[c.id] = { score: score ?? null, comment: comment ?? '' };
        }
        const score = input.submit ? weightedScore(grid, scores) : null;
        await saveReview(trx, {
          dossierId,
          userId: actor.id,
          scores: stored,
          overallComment,
          recommendation,
          weightedScore: score,
          submit: input.submit,
        });
        await recordAudit(trx, {
          action: input.submit ? 'selection.review.submit' : 'selection.review.save_draft',
          objectType: 'dossier',
          objectId: dossierId,
          actorId: actor.id,
          actorLabel: actor.label,
          ip: context.ip,
          requestId: context.requestId,
          summary: {
            call_id: dossier.call_id,
            criteria_scored: Object.keys(scores).length,
            ...(input.submit ? { recommendation, weighted_score: score } : {}),
          },
        });
      });
    },
  };
}

export type ReviewsService = ReturnType<typeof createReviewsService>;

/** A stored review's scores and comments by criterion (`{ [id]: { score, comment } }`). */
export function readStoredScores(
  json: JsonValue | undefined,
): Map<string, { score: number | null; comment: string }> {
  const out = new Map<string, { score: number | null; comment: string }>();
  if (!json || typeof json !== 'object' || Array.isArray(json)) return out;
  for (const [id, v] of Object.entries(json)) {
    if (!v || typeof v !== 'object' || Array.isArray(v)) continue;
    const score = typeof v.score === 'number' ? v.score : null;
    const comment = typeof v.comment === 'string' ? v.comment : '';
    out.set(id, { score, comment });
  }
  return out;
}
