-- Accounts: users (e-mail + password), their sessions, and the single-use tokens sent by e-mail
-- (address verification, password reset). Secrets are never stored: a session id and a token id are the
-- SHA-256 of the random value the browser or the e-mail holds.

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Normalised (NFC, lower case): one account per address.
  email text NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  display_name text NOT NULL CHECK (btrim(display_name) <> '' AND length(display_name) <= 100),
  -- argon2id (PHC string); null for an account without a password (single sign-on, later).
  password_hash text CHECK (password_hash LIKE '$argon2id$%'),
  email_verified_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);

CREATE TABLE sessions (
  -- SHA-256 (hexadecimal) of the 256-bit random token held in the cookie.
  id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{64}$'),
  -- What the "my sessions" page shows and posts back: never the id itself.
  public_id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip text CHECK (length(ip) <= 100),
  user_agent text CHECK (length(user_agent) <= 200),
  revoked_at timestamptz
);
CREATE INDEX sessions_user_active_idx ON sessions (user_id) WHERE revoked_at IS NULL;

CREATE TABLE account_tokens (
  -- SHA-256 (hexadecimal) of the 256-bit random token sent in the link.
  id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{64}$'),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('email_verification', 'password_reset')),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX account_tokens_user_idx ON account_tokens (user_id, purpose);

-- migrate:down
DROP TABLE IF EXISTS account_tokens;
DROP TABLE IF EXISTS sessions;
DROP TABLE IF EXISTS users;
