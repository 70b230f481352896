/** The calls module's public API: calls, the form schema of a call and its answers, the builder. */
export {
  type CallsBuilderService,
  createCallsBuilderService,
} from './calls.builder.service.js';
export { callsEn } from './calls.en.js';
export {
  type AnswerValue,
  type AttachmentRef,
  checkEligibility,
  cleanText,
  conditionHolds,
  type ExportColumn,
  type ExportOptions,
  exportColumns,
  exportRow,
  type FormValues,
  type Occurrence,
  parseDate,
  parseFrenchNumber,
  parseMoney,
  parsePhone,
  type ScalarValue,
  type ValidateOptions,
  type ValidationMode,
  type ValidationResult,
  validateAnswers,
  visibleFields,
  visibleSections,
} from './calls.form.answers.js';
export { callsFormEn } from './calls.form.en.js';
export {
  type CallsFormMessages,
  callsFormFr,
  frenchDate,
  frenchEuros,
  frenchNumber,
  frenchSize,
} from './calls.form.fr.js';
export {
  type AnsweringChildField,
  type AnsweringField,
  type CallForm,
  type CallFormInput,
  type ChildField,
  type Condition,
  callFormSchema,
  callFormSchemaFor,
  type EligibilityRule,
  FIELD_TYPES,
  type FieldType,
  type FormField,
  type FormIssue,
  type FormSection,
  LONG_TEXT_MAX_LENGTH,
  MAX_ATTACHMENT_BYTES,
  MAX_OCCURRENCES,
  type ParseFormResult,
  parseCallForm,
  type RepeatableBlockField,
  TEXT_MAX_LENGTH,
} from './calls.form.js';
export { type CallsMessages, callsFr } from './calls.fr.js';
export { type InstructorRow, listCallInstructors } from './calls.instructors.queries.js';
export {
  type CallPageSection,
  type CallPageSectionContext,
  registerCallPageSection,
} from './calls.page.js';
export { type CallsRoutesOptions, callsRoutes } from './calls.routes.js';
export { parisToUtc, parseDay, parseTime, utcToParisFields } from './calls.schemas.js';
export { DEMO_CALLS, seedDemoCalls } from './calls.seed.js';
export { type CallState, callState, createCallsService } from './calls.service.js';
export { CALL_KINDS, type CallKind, type CallStatus, type CallsTable } from './calls.tables.js';
