import type { ColumnType, Generated } from 'kysely';
import type { JsonValue } from '../../platform/audit/index.js';
import type { ImpactDomain } from '../organisations/index.js';

type Json = ColumnType<JsonValue, string | undefined, string>;
type Now = Generated<Date>;

export type AssignmentState = 'propose' | 'publie';
export type AssignmentSource = 'calcul' | 'manuel' | 'remplacement';
export const RECOMMENDATIONS = ['a_retenir', 'a_discuter', 'a_ecarter'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];
export type Decision = 'laureat' | 'non_retenu';

/** Tables of migrations/0015_selection.sql, as Kysely sees them. */
export interface JuryMembersTable {
  call_id: string;
  user_id: string;
  domains: ColumnType<ImpactDomain[], ImpactDomain[] | undefined, ImpactDomain[]>;
  capacity: number;
  is_president: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string | null;
  created_at: Now;
  updated_at: Now;
}

export interface SelectionSettingsTable {
  call_id: string;
  reviewers_per_dossier: ColumnType<number, number | undefined, number>;
  grid: Json;
  show_other_reviews: ColumnType<boolean, boolean | undefined, boolean>;
  quota_min: number | null;
  quota_max: number | null;
  /** numeric: read as a string by both engines. */
  disagreement_threshold: ColumnType<string, string | number | undefined, string | number>;
  assignment_published_at: Date | null;
  results_published_at: Date | null;
  updated_by: string | null;
  updated_at: Now;
}

export interface DeclaredConflictsTable {
  dossier_id: string;
  user_id: string;
  reason: string;
  declared_at: Now;
}

export interface ReviewAssignmentsTable {
  dossier_id: string;
  user_id: string;
  call_id: string;
  state: ColumnType<AssignmentState, AssignmentState | undefined, AssignmentState>;
  source: AssignmentSource;
  created_by: string | null;
  created_at: Now;
}

export interface ReviewsTable {
  dossier_id: string;
  user_id: string;
  call_id: string;
  scores: Json;
  overall_comment: ColumnType<string, string | undefined, string>;
  recommendation: Recommendation | null;
  /** numeric: read as a string by both engines. */
  weighted_score: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  lock_version: ColumnType<number, number | undefined, number>;
  submitted_at: Date | null;
  created_at: Now;
  updated_at: Now;
}

export interface AuditionsTable {
  dossier_id: string;
  call_id: string;
  starts_at: Date;
  duration_minutes: ColumnType<number, number | undefined, number>;
  place: string | null;
  video_url: string | null;
  calendar_uid: string;
  calendar_sequence: ColumnType<number, number | undefined, number>;
  invited_at: Date | null;
  created_by: string | null;
  created_at: Now;
  updated_at: Now;
}

export interface AuditionNotesTable {
  dossier_id: string;
  user_id: string;
  note: string;
  updated_at: Now;
}

export interface DeliberationDecisionsTable {
  dossier_id: string;
  call_id: string;
  decision: Decision;
  motivation: string;
  updated_by: string | null;
  updated_at: Now;
}

export interface LaureateStoriesTable {
  dossier_id: string;
  call_id: string;
  organisation_id: string;
  slug: string;
  summary: ColumnType<string, string | undefined, string>;
  approved_at: Date | null;
  approved_by: string | null;
  updated_by: string | null;
  updated_at: Now;
}

declare module '../../platform/db/schema.js' {
  interface Tables {
    jury_members: JuryMembersTable;
    selection_settings: SelectionSettingsTable;
    declared_conflicts: DeclaredConflictsTable;
    review_assignments: ReviewAssignmentsTable;
    reviews: ReviewsTable;
    auditions: AuditionsTable;
    audition_notes: AuditionNotesTable;
    deliberation_decisions: DeliberationDecisionsTable;
    laureate_stories: LaureateStoriesTable;
  }
}
