import type { ColumnType, Generated } from 'kysely';
import type { Role, ScopeType } from '../../platform/access/index.js';

/** `users` as Kysely sees it (see migrations/0007_accounts_users_sessions.sql). */
export interface UsersTable {
  id: Generated<string>;
  /** Normalised: NFC, lower case. */
  email: string;
  display_name: string;
  /** argon2id PHC string; null when the account has no password. */
  password_hash: string | null;
  email_verified_at: Date | null;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  deleted_at: Date | null;
  /** TOTP secret, encrypted by the application (null: no second factor). */
  totp_secret: string | null;
  /** Last accepted 30-second step: a code is never accepted twice. */
  totp_last_step: ColumnType<string | null, number | string | null, number | string | null>;
  totp_enabled_at: Date | null;
}

/** `sessions`: `id` is the SHA-256 (hex) of the cookie's token, never the token itself. */
export interface SessionsTable {
  id: string;
  public_id: Generated<string>;
  user_id: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  last_seen_at: ColumnType<Date, Date | undefined, Date>;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
  revoked_at: Date | null;
  /** Opened by a first factor of an account with TOTP: signs no one in until the code is given. */
  pending_second_factor: Generated<boolean>;
  second_factor_at: Date | null;
  method: Generated<SignInMethod>;
  /** The organisation the person is working as (organisations module), when they belong to several. */
  organisation_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export type SignInMethod = 'password' | 'link' | 'oidc';

export type AccountTokenPurpose = 'email_verification' | 'password_reset' | 'sign_in_link' | 'email_change';

/** `account_tokens`: single-use links sent by e-mail; `id` is the SHA-256 (hex) of the link's token. */
export interface AccountTokensTable {
  id: string;
  user_id: string;
  purpose: AccountTokenPurpose;
  created_at: ColumnType<Date, Date | undefined, never>;
  expires_at: Date;
  used_at: Date | null;
  /** The address being confirmed (purpose `email_change` only). */
  new_email: string | null;
}

/** `role_assignments`: a global role (no scope) or a role held for one object. */
export interface RoleAssignmentsTable {
  id: Generated<string>;
  user_id: string;
  role: Role;
  scope_type: ScopeType | null;
  scope_id: string | null;
  granted_by: string | null;
  granted_at: ColumnType<Date, Date | undefined, never>;
}

/** `recovery_codes`: SHA-256 of each single-use recovery code. */
export interface RecoveryCodesTable {
  user_id: string;
  code_hash: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  used_at: Date | null;
}

/** `user_identities`: an account's identity at a single sign-on provider. */
export interface UserIdentitiesTable {
  provider: string;
  subject: string;
  user_id: string;
  email: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  last_used_at: ColumnType<Date, Date | undefined, Date>;
}

declare module '../../platform/db/schema.js' {
  interface Tables {
    users: UsersTable;
    sessions: SessionsTable;
    account_tokens: AccountTokensTable;
    role_assignments: RoleAssignmentsTable;
    recovery_codes: RecoveryCodesTable;
    user_identities: UserIdentitiesTable;
  }
}
