/** The dossiers module's public API. */

export { dossierExportsRoutes, type ExportsRoutesOptions } from './dossiers.exports.routes.js';
export { exportsJobHandlers } from './dossiers.exports.service.js';
export { type InstructionRoutesOptions, instructionRoutes } from './dossiers.instruction.routes.js';
export {
  type DossierEvent,
  dossiersNotifyJobHandlers,
  queueDossierEvent,
  queueMessageNotification,
} from './dossiers.notify.js';
export { type DossiersRoutesOptions, dossiersRoutes } from './dossiers.routes.js';
export {
  dossierSubmissionRoutes,
  type SubmissionRoutesOptions,
} from './dossiers.submission.routes.js';
export { submissionJobHandlers } from './dossiers.submission.service.js';
