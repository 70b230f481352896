import type { ColumnType, Generated } from 'kysely';

import type { ImpactDomain, LegalForm } from './organisations.vocabulary.js';

/** The kinds of actor and impact domains are the vocabulary's (organisations.vocabulary.ts). */
export type { ImpactDomain, LegalForm };

export type OrganisationSource = 'platform' | 'sirene' | 'rna' | 'demo';
export type MemberRole = 'owner' | 'editor';
export type ClaimStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';

/** `organisations` as Kysely sees it (see migrations/0011_organisations.sql). */
export interface OrganisationsTable {
  id: Generated<string>;
  name: string;
  /** Generated: geo_name_key(name). */
  name_key: ColumnType<string, never, never>;
  legal_form: LegalForm;
  categorie_juridique: string | null;
  siren: string | null;
  siret: string | null;
  rna: string | null;
  naf_code: string | null;
  address: string | null;
  postal_code: string | null;
  commune_code: string | null;
  commune_name: string | null;
  departement_code: string | null;
  region_code: string | null;
  domains: ColumnType<ImpactDomain[], ImpactDomain[] | undefined, ImpactDomain[]>;
  description: ColumnType<string, string | undefined, string>;
  website: string | null;
  size_band: string | null;
  founded_year: number | null;
  contact_email: string | null;
  contact_phone: string | null;
  show_contact: Generated<boolean>;
  movement_joined_at: Date | null;
  source: ColumnType<OrganisationSource, OrganisationSource | undefined, OrganisationSource>;
  source_key: string | null;
  closed_at: Date | null;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  /** bigint, as a string. Set it to `sql\`nextval('organisations_change_seq')\`` on every update. */
  change_seq: ColumnType<string, never, unknown>;
  /** Generated tsvector (name A, commune B, description C). */
  search_vector: ColumnType<string, never, never>;
}

export interface OrganisationMembersTable {
  organisation_id: string;
  user_id: string;
  role: MemberRole;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface OrganisationInvitationsTable {
  id: Generated<string>;
  organisation_id: string;
  email: string;
  role: MemberRole;
  token_hash: string;
  invited_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  expires_at: Date;
  accepted_at: Date | null;
  accepted_by: string | null;
  revoked_at: Date | null;
}

export interface OrganisationClaimsTable {
  id: Generated<string>;
  organisation_id: string;
  user_id: string;
  message: string;
  status: Generated<ClaimStatus>;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface CharterVersionsTable {
  version: number;
  title: string;
  body: string;
  published_at: ColumnType<Date, Date | undefined, never>;
}

export interface MovementMembershipsTable {
  id: Generated<string>;
  organisation_id: string;
  charter_version: number;
  accepted_by: string | null;
  accepted_at: ColumnType<Date, Date | undefined, never>;
  left_at: Date | null;
  left_by: string | null;
}

export interface OrganisationLogosTable {
  organisation_id: string;
  content: Uint8Array;
  content_type: 'image/png' | 'image/webp';
  width: number;
  height: number;
  sha256: string;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** bigint counters come back as strings. */
type Counter = ColumnType<string, number | string | undefined, number | string>;

export interface OrganisationImportsTable {
  id: Generated<string>;
  kind: 'sirene' | 'rna';
  file_name: string;
  file_size: ColumnType<string, number | string, number | string>;
  file_fingerprint: string;
  lines_read: Counter;
  bytes_read: Counter;
  inserted: Counter;
  updated: Counter;
  skipped: Counter;
  rejected: Counter;
  started_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  finished_at: Date | null;
}

declare module '../../platform/db/schema.js' {
  interface Tables {
    organisations: OrganisationsTable;
    organisation_members: OrganisationMembersTable;
    organisation_invitations: OrganisationInvitationsTable;
    organisation_claims: OrganisationClaimsTable;
    charter_versions: CharterVersionsTable;
    movement_memberships: MovementMembershipsTable;
    organisation_logos: OrganisationLogosTable;
    organisation_imports: OrganisationImportsTable;
  }
}
