-- Accounts, second part: roles (global or scoped), the second factor (TOTP and recovery codes), sessions
-- waiting for their second factor, more kinds of e-mailed links (sign-in link, change of address) and the
-- identities of single sign-on providers (OpenID Connect).

-- Roles. A global role (administrateur) has no scope; a scoped role names its object by type and id (the
-- objects themselves belong to later modules: calls, organisations, territories, partners…).
CREATE TABLE role_assignments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN (
    'administrator', 'instructor', 'reviewer', 'public_hacker', 'funder', 'territory_coordinator', 'member'
  )),
  scope_type text CHECK (scope_type IN (
    'call', 'administration', 'region', 'partner', 'territory', 'organisation'
  )),
  scope_id text CHECK (length(scope_id) BETWEEN 1 AND 100),
  granted_by uuid REFERENCES users (id) ON DELETE SET NULL,
  granted_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((scope_type IS NULL) = (scope_id IS NULL)),
  CHECK ((role = 'administrator') = (scope_type IS NULL))
);
-- One grant of a role per object and user (NULLs made comparable for the global role).
CREATE UNIQUE INDEX role_assignments_unique_idx
  ON role_assignments (user_id, role, coalesce(scope_type, ''), coalesce(scope_id, ''));
CREATE INDEX role_assignments_scope_idx ON role_assignments (scope_type, scope_id, role);

-- Second factor: the TOTP secret (encrypted by the application), the last accepted 30-second step (a code is
-- never accepted twice) and when it was turned on.
ALTER TABLE users
  ADD COLUMN totp_secret text CHECK (length(totp_secret) <= 500),
  ADD COLUMN totp_last_step bigint,
  ADD COLUMN totp_enabled_at timestamptz;

-- Recovery codes: only their SHA-256 is stored; each can be used once.
CREATE TABLE recovery_codes (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash text NOT NULL CHECK (code_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  used_at timestamptz,
  PRIMARY KEY (user_id, code_hash)
);

-- A session opened by a first factor (password, link, single sign-on) of an account with TOTP waits for
-- the code: it signs no one in until then. second_factor_at records when the code was given.
ALTER TABLE sessions
  ADD COLUMN pending_second_factor boolean NOT NULL DEFAULT false,
  ADD COLUMN second_factor_at timestamptz,
  ADD COLUMN method text NOT NULL DEFAULT 'password' CHECK (method IN ('password', 'link', 'oidc'));

-- More single-use links: sign-in by e-mail (10 minutes) and the confirmation of a new address.
ALTER TABLE account_tokens DROP CONSTRAINT account_tokens_purpose_check;
ALTER TABLE account_tokens
  ADD CONSTRAINT account_tokens_purpose_check CHECK (purpose IN (
    'email_verification', 'password_reset', 'sign_in_link', 'email_change'
  )),
  ADD COLUMN new_email text CHECK (new_email = lower(new_email) AND length(new_email) BETWEEN 3 AND 254),
  ADD CHECK ((purpose = 'email_change') = (new_email IS NOT NULL));

-- Single sign-on: one row per (provider, subject) linked to an account.
CREATE TABLE user_identities (
  provider text NOT NULL CHECK (provider ~ '^[a-z][a-z0-9_-]{0,39}$'),
  subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  email text CHECK (length(email) <= 254),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, subject)
);
CREATE INDEX user_identities_user_idx ON user_identities (user_id);

-- migrate:down
DROP TABLE IF EXISTS user_identities;
ALTER TABLE account_tokens DROP COLUMN IF EXISTS new_email;
ALTER TABLE account_tokens DROP CONSTRAINT IF EXISTS account_tokens_purpose_check;
DELETE FROM account_tokens WHERE purpose NOT IN ('email_verification', 'password_reset');
ALTER TABLE account_tokens
  ADD CONSTRAINT account_tokens_purpose_check CHECK (purpose IN ('email_verification', 'password_reset'));
ALTER TABLE sessions
  DROP COLUMN IF EXISTS method,
  DROP COLUMN IF EXISTS second_factor_at,
  DROP COLUMN IF EXISTS pending_second_factor;
DROP TABLE IF EXISTS recovery_codes;
ALTER TABLE users
  DROP COLUMN IF EXISTS totp_enabled_at,
  DROP COLUMN IF EXISTS totp_last_step,
  DROP COLUMN IF EXISTS totp_secret;
DROP TABLE IF EXISTS role_assignments;
