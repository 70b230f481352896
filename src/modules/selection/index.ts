/** The selection module's public API (jury, grid, assignment, reviews, ranking, auditions, deliberation). */

export { selectionAssignmentJobHandlers } from './selection.assignment.notify.js';
export {
  type AssignmentRoutesOptions,
  selectionAssignmentRoutes,
} from './selection.assignment.routes.js';
export {
  type AuditionsRoutesOptions,
  selectionAuditionsRoutes,
} from './selection.auditions.routes.js';
export {
  type ConflictsRoutesOptions,
  selectionConflictsRoutes,
} from './selection.conflicts.routes.js';
export {
  type DeliberationRoutesOptions,
  selectionDeliberationRoutes,
} from './selection.deliberation.routes.js';
export {
  type Criterion,
  type Grid,
  parseGrid,
  readGrid,
  validateReview,
  weightedScore,
} from './selection.grid.js';
export { selectionJuryJobHandlers } from './selection.jury.notify.js';
export { type JuryRoutesOptions, selectionJuryRoutes } from './selection.jury.routes.js';
export { type RankingRoutesOptions, selectionRankingRoutes } from './selection.ranking.routes.js';
export { type ReviewsRoutesOptions, selectionReviewsRoutes } from './selection.reviews.routes.js';
export { readStoredScores } from './selection.reviews.service.js';
export { seedDemoSelection } from './selection.seed.js';
export { type ShowcaseRoutesOptions, showcaseRoutes } from './selection.showcase.routes.js';
