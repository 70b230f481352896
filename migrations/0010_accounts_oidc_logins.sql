-- Single sign-on (OpenID Connect): logins in progress, kept on the server rather than in the browser.
-- A row is found through a random token in a short-lived HttpOnly cookie; the table keeps only the token's
-- SHA-256 (id). Step `authorization`: the state, nonce and PKCE verifier of a request sent to a provider, used
-- once by the callback (deleted when read). Step `linking`: the identity a provider vouched for, waiting for
-- the owner of the account with the same address to confirm with the password. Both live 10 minutes.
CREATE TABLE oidc_logins (
  id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{64}$'),
  provider text NOT NULL CHECK (provider ~ '^[a-z][a-z0-9-]{0,39}$'),
  step text NOT NULL CHECK (step IN ('authorization', 'linking')),
  state text CHECK (length(state) BETWEEN 1 AND 200),
  nonce text CHECK (length(nonce) BETWEEN 1 AND 200),
  code_verifier text CHECK (length(code_verifier) BETWEEN 43 AND 128),
  return_path text CHECK (length(return_path) BETWEEN 1 AND 1000),
  user_id uuid REFERENCES users (id) ON DELETE CASCADE,
  subject text CHECK (length(subject) BETWEEN 1 AND 255),
  email text CHECK (length(email) <= 254),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  CHECK (step <> 'authorization' OR (state IS NOT NULL AND nonce IS NOT NULL AND code_verifier IS NOT NULL)),
  CHECK (step <> 'linking' OR (user_id IS NOT NULL AND subject IS NOT NULL))
);
CREATE INDEX oidc_logins_expires_idx ON oidc_logins (expires_at);

-- migrate:down
DROP TABLE IF EXISTS oidc_logins;
