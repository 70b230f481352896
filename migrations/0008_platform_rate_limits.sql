-- Rate limits shared by every app instance on one database (sign-in, e-mailed links, TOTP entry…): one
-- fixed-window counter per (bucket, key), bumped by one atomic INSERT … ON CONFLICT … DO UPDATE. See
-- src/platform/ratelimit/README.md.
CREATE TABLE rate_limits (
  -- What is limited, e.g. 'auth.sign_in.ip' (a stable code chosen by the caller).
  bucket text NOT NULL CHECK (bucket ~ '^[a-z][a-z0-9_.:-]*$' AND length(bucket) <= 100),
  -- Hex SHA-256 of who is limited (an IP address, an account id, an e-mail address): no personal data
  -- stored in clear, and a fixed length whatever the caller passes.
  key_hash text NOT NULL CHECK (key_hash ~ '^[0-9a-f]{64}$'),
  hits integer NOT NULL CHECK (hits >= 0),
  window_started_at timestamptz NOT NULL,
  -- End of the current window: the counter starts again from zero after it; the purge deletes the row.
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (bucket, key_hash),
  CHECK (expires_at > window_started_at)
);

-- The purge of ended windows.
CREATE INDEX rate_limits_expires_idx ON rate_limits (expires_at);

-- migrate:down
DROP TABLE IF EXISTS rate_limits;
