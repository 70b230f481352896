-- The funding partners of the accelerator (Caisse des Dépôts, Bpifrance, Crédit Coopératif,
-- BNP Paribas, France Active, the State…). Funds, instruments, commitments and disbursements come later.

CREATE TABLE funding_partners (
  id bigserial PRIMARY KEY,
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name text NOT NULL CHECK (btrim(name) <> ''),
  short_name text NOT NULL CHECK (btrim(short_name) <> ''),
  kind text NOT NULL CHECK (kind IN ('public', 'private')),
  website text CHECK (website ~ '^https?://'),
  description text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);

-- migrate:down
DROP TABLE IF EXISTS funding_partners;
