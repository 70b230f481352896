import type { ColumnType, Generated } from 'kysely';

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
}

export type AccountTokenPurpose = 'email_verification' | 'password_reset';

/** `account_tokens`: single-use links sent by e-mail; `id` is the SHA-256 (hex) of the link's token. */
export interface AccountTokensTable {
  id: string;
  user_id: string;
  purpose: AccountTokenPurpose;
  created_at: ColumnType<Date, Date | undefined, never>;
  expires_at: Date;
  used_at: Date | null;
}

declare module '../../platform/db/schema.js' {
  interface Tables {
    users: UsersTable;
    sessions: SessionsTable;
    account_tokens: AccountTokensTable;
  }
}
