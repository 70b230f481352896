import type { ColumnType, Generated } from 'kysely';
import type { JsonValue } from '../../platform/audit/index.js';

/** The lifecycle of PRODUCT.md, in its order (see dossiers.lifecycle.ts for the allowed transitions). */
export const DOSSIER_STATUSES = [
  'brouillon',
  'depose',
  'en_instruction',
  'a_corriger',
  'recevable',
  'irrecevable',
  'en_evaluation',
  'auditionne',
  'laureat',
  'non_retenu',
  'sans_suite',
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

type Json = ColumnType<JsonValue, string | undefined, string>;
type CreatedAt = Generated<Date>;

/** Tables of migrations/0014_dossiers.sql, as Kysely sees them. */
export interface CallFormVersionsTable {
  call_id: string;
  version: number;
  form: ColumnType<JsonValue, string, never>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface DossiersTable {
  id: Generated<string>;
  reference: string;
  call_id: string;
  organisation_id: string;
  form_version: number;
  status: ColumnType<DossierStatus, DossierStatus | undefined, DossierStatus>;
  answers: Json;
  lock_version: ColumnType<number, number | undefined, number>;
  title: string;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  updated_by: string | null;
  first_submitted_at: Date | null;
  last_submitted_at: Date | null;
  instructor_id: string | null;
  decision_reason: string | null;
  decided_at: Date | null;
}

export interface DossierPartnersTable {
  dossier_id: string;
  organisation_id: string;
  added_by: string | null;
  added_at: CreatedAt;
}

export interface DossierFilesTable {
  id: Generated<string>;
  dossier_id: string;
  field_id: string | null;
  message_id: string | null;
  name: string;
  content_type: string;
  size: ColumnType<number, number, never>;
  sha256: string;
  storage_key: string;
  uploaded_by: string | null;
  created_at: CreatedAt;
}

export interface DossierVersionsTable {
  dossier_id: string;
  version: number;
  form_version: number;
  answers: ColumnType<JsonValue, string, never>;
  submitted_by: string | null;
  submitted_at: Date;
  submission_key: string;
  receipt_number: string;
  digest: string;
  /** Names as they were at submission (printed on the receipt). */
  organisation_name: ColumnType<string, string | undefined, never>;
  partner_names: ColumnType<string[], string[] | undefined, never>;
  submitted_by_label: ColumnType<string, string | undefined, never>;
}

export interface DossierTransitionsTable {
  id: Generated<string>;
  dossier_id: string;
  from_status: DossierStatus | null;
  to_status: DossierStatus;
  actor_id: string | null;
  reason: string | null;
  created_at: CreatedAt;
}

export interface DossierCorrectionsTable {
  id: Generated<string>;
  dossier_id: string;
  message: string;
  due_at: Date;
  requested_by: string | null;
  requested_at: CreatedAt;
  answered_version: number | null;
  answered_at: Date | null;
}

export interface DossierMessagesTable {
  id: Generated<string>;
  dossier_id: string;
  author_id: string | null;
  side: 'staff' | 'applicant';
  body: string;
  created_at: CreatedAt;
  /** Applicant messages: the organisation (the dossier's or a partner) its author wrote for. */
  organisation_id: string | null;
}

export interface DossierAnnotationsTable {
  id: Generated<string>;
  dossier_id: string;
  author_id: string | null;
  body: string;
  created_at: CreatedAt;
}

export type ExportFormat = 'csv' | 'xlsx';
export type ExportState = 'queued' | 'running' | 'done' | 'failed' | 'expired';

export interface DossierExportsTable {
  id: Generated<string>;
  call_id: string;
  format: ExportFormat;
  statuses: ColumnType<DossierStatus[], DossierStatus[] | undefined, DossierStatus[]>;
  state: ColumnType<ExportState, ExportState | undefined, ExportState>;
  total: number | null;
  done: ColumnType<number, number | undefined, number>;
  storage_key: string | null;
  size: number | null;
  error: string | null;
  requested_by: string | null;
  created_at: CreatedAt;
  finished_at: Date | null;
  expires_at: Date | null;
}

export interface NotificationOptOutsTable {
  user_id: string;
  topic: string;
  created_at: CreatedAt;
}

export interface DossierMessageDigestsTable {
  user_id: string;
  dossier_id: string;
  notified_until: Date;
  last_sent_at: Date | null;
  pending: ColumnType<boolean, boolean | undefined, boolean>;
}

declare module '../../platform/db/schema.js' {
  interface Tables {
    call_form_versions: CallFormVersionsTable;
    dossiers: DossiersTable;
    dossier_partners: DossierPartnersTable;
    dossier_files: DossierFilesTable;
    dossier_versions: DossierVersionsTable;
    dossier_transitions: DossierTransitionsTable;
    dossier_corrections: DossierCorrectionsTable;
    dossier_messages: DossierMessagesTable;
    dossier_annotations: DossierAnnotationsTable;
    dossier_exports: DossierExportsTable;
    notification_opt_outs: NotificationOptOutsTable;
    dossier_message_digests: DossierMessageDigestsTable;
  }
}
