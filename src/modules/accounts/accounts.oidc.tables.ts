import type { ColumnType } from 'kysely';

/**
 * `oidc_logins`: single sign-on logins in progress (migration 0010). `id` is the SHA-256 (hex) of the token
 * in the browser's cookie, never the token itself.
 */
export interface OidcLoginsTable {
  id: string;
  provider: string;
  step: OidcLoginStep;
  state: string | null;
  nonce: string | null;
  code_verifier: string | null;
  return_path: string | null;
  user_id: string | null;
  subject: string | null;
  email: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  expires_at: Date;
}

export type OidcLoginStep = 'authorization' | 'linking';

declare module '../../platform/db/schema.js' {
  interface Tables {
    oidc_logins: OidcLoginsTable;
  }
}
