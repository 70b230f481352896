/** The dossiers module's public API. */

export {
  type DossierAccessFacts,
  isApplicantOf,
  isCallStaff,
  isUuid,
  loadDossierAccessFacts,
} from './dossiers.access.js';
export { answersBySection, fileIdsOf, readForm, type SectionView } from './dossiers.diff.js';
export { dossierExportsRoutes, type ExportsRoutesOptions } from './dossiers.exports.routes.js';
export { exportsJobHandlers } from './dossiers.exports.service.js';
export { recordedForm } from './dossiers.forms.js';
export { type InstructionRoutesOptions, instructionRoutes } from './dossiers.instruction.routes.js';
export { type DossierVerb, type SelectionVerb, TRANSITIONS } from './dossiers.lifecycle.js';
export {
  type DossierEvent,
  dossiersNotifyJobHandlers,
  queueDossierEvent,
  queueMessageNotification,
} from './dossiers.notify.js';
export { listApplicantRecipients, type Recipient } from './dossiers.notify.queries.js';
export { type DossiersRoutesOptions, dossiersRoutes, sendDossierFile } from './dossiers.routes.js';
export { applySelectionTransition, type SelectionTransition } from './dossiers.selection.js';
export {
  dossierSubmissionRoutes,
  type SubmissionRoutesOptions,
} from './dossiers.submission.routes.js';
export { submissionDigest, submissionJobHandlers } from './dossiers.submission.service.js';
export { DOSSIER_STATUSES, type DossierStatus } from './dossiers.tables.js';
export { STATUS_LABELS_EN, STATUS_LABELS_FR } from './dossiers.words.js';
export { AnswerSections } from './views/answers.js';
export { Lines } from './views/instruction-messages.js';
