/** The directory module's public API: the only file other modules (and src/app.ts) import. */
export {
  type CardBadgeProvider,
  registerCardBadgeProvider,
  unregisterCardBadgeProvider,
} from './directory.badges.js';
export {
  type DirectoryRoutesOptions,
  type DirectorySearch,
  directoryRoutes,
} from './directory.routes.js';
export { type DirectoryParams, directoryHref } from './directory.schemas.js';
export type { DirectoryQuery, DirectoryResult } from './directory.types.js';
