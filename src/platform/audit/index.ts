export type { AuditEventFilters, AuditEventRow } from './audit.queries.js';
export {
  type AuditChainFailure,
  type AuditChainReport,
  type AuditEvent,
  type AuditPage,
  type AuditSearch,
  type AuditSummary,
  MAX_SUMMARY_LENGTH,
  type RecordedAudit,
  recordAudit,
  searchAudit,
  type VerifyOptions,
  verifyAuditChain,
} from './audit.service.js';
export type { AuditChainHeadTable, AuditEventsTable, JsonValue } from './audit.tables.js';
