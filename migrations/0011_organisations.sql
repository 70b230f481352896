-- The community: organisations, their members (owner or editor), invitations, claims of an existing
-- profile, the versioned French Impact charter and who accepted it (the banner), logos, and the runs of
-- the official open-data imports (SIRENE, RNA). Rules live in the organisations module.

CREATE SEQUENCE organisations_change_seq;

CREATE TABLE organisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 200),
  -- Search and sort key: no accents, lower case ('Éco-Lab' -> 'eco lab').
  name_key text GENERATED ALWAYS AS (geo_name_key(name)) STORED,
  legal_form text NOT NULL CHECK (legal_form IN (
    'association', 'fondation', 'cooperative', 'mutuelle', 'collectivite', 'entreprise_sociale',
    'entreprise_engagee'
  )),
  -- INSEE catégorie juridique (niveau III, 4 digits) where known.
  categorie_juridique text CHECK (categorie_juridique ~ '^[0-9]{4}$'),
  siren text CHECK (siren ~ '^[0-9]{9}$'),
  siret text CHECK (siret ~ '^[0-9]{14}$' AND (siren IS NULL OR left(siret, 9) = siren)),
  rna text CHECK (rna ~ '^W[0-9][0-9AB][0-9]{7}$'),
  -- NAF rév. 2 activity code, as INSEE writes it: '88.99B'.
  naf_code text CHECK (naf_code ~ '^[0-9]{2}\.[0-9]{2}[A-Z]$'),
  address text CHECK (length(address) <= 300),
  postal_code text CHECK (postal_code ~ '^[0-9]{5}$'),
  commune_code text REFERENCES geo_communes (code),
  -- Derived from the commune by the service (denormalised for the directory's facets and search).
  commune_name text CHECK (length(commune_name) <= 100),
  departement_code text REFERENCES geo_departements (code),
  region_code text REFERENCES geo_regions (code),
  domains text[] NOT NULL DEFAULT '{}' CHECK (domains <@ ARRAY[
    'transition_ecologique', 'economie_inclusive', 'reussite_educative', 'sante', 'equite_territoriale',
    'liens_entre_generations', 'culture', 'alimentation'
  ]::text[] AND cardinality(domains) <= 8),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
  website text CHECK (website ~ '^https?://' AND length(website) <= 300),
  -- INSEE tranche d'effectif salarié.
  size_band text CHECK (size_band IN (
    'NN', '00', '01', '02', '03', '11', '12', '21', '22', '31', '32', '41', '42', '51', '52', '53'
  )),
  founded_year smallint CHECK (founded_year BETWEEN 1000 AND 2100),
  contact_email text CHECK (length(contact_email) <= 254),
  contact_phone text CHECK (length(contact_phone) <= 30),
  -- Contact details appear on the public profile only when the organisation chose so.
  show_contact boolean NOT NULL DEFAULT false,
  -- When it accepted the charter (current member of the movement), null otherwise: derived from
  -- movement_memberships by the service, kept here for the directory.
  movement_joined_at timestamptz,
  -- Where the row came from: created on the platform, imported (SIRENE, RNA) or demo data.
  source text NOT NULL DEFAULT 'platform' CHECK (source IN ('platform', 'sirene', 'rna', 'demo')),
  -- The key in that source (SIREN for SIRENE, RNA number for RNA, generator index for demo): imports
  -- upsert on (source, source_key), so that re-running never duplicates.
  source_key text CHECK (length(source_key) <= 40),
  -- Closed units stay (dossiers and labels point at them) but leave the directory.
  closed_at timestamptz,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Bumped on every change that the directory shows: instances follow the changes in this order.
  change_seq bigint NOT NULL DEFAULT nextval('organisations_change_seq'),
  -- French full text of the directory: name (A), commune (B), description (C), accents ignored.
  search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('fr_unaccent', name), 'A') ||
    setweight(to_tsvector('fr_unaccent', coalesce(commune_name, '')), 'B') ||
    setweight(to_tsvector('fr_unaccent', description), 'C')
  ) STORED,
  CHECK ((source = 'platform') = (source_key IS NULL))
);
CREATE UNIQUE INDEX organisations_source_key_idx ON organisations (source, source_key)
  WHERE source_key IS NOT NULL;
CREATE INDEX organisations_siren_idx ON organisations (siren) WHERE siren IS NOT NULL;
CREATE INDEX organisations_siret_idx ON organisations (siret) WHERE siret IS NOT NULL;
CREATE INDEX organisations_rna_idx ON organisations (rna) WHERE rna IS NOT NULL;
CREATE INDEX organisations_change_seq_idx ON organisations (change_seq);
CREATE INDEX organisations_name_key_idx ON organisations (name_key COLLATE "C", id);
-- Close names in the same commune (duplicate detection) and typo-tolerant name lookups.
CREATE INDEX organisations_name_key_trgm_idx ON organisations USING gin (name_key gin_trgm_ops);
CREATE INDEX organisations_commune_idx ON organisations (commune_code);
-- The baseline of the directory's benchmark (and its fallback while the in-memory index loads).
CREATE INDEX organisations_search_vector_idx ON organisations USING gin (search_vector);

CREATE TABLE organisation_members (
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('owner', 'editor')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, user_id)
);
CREATE INDEX organisation_members_user_idx ON organisation_members (user_id);

CREATE TABLE organisation_invitations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  role text NOT NULL CHECK (role IN ('owner', 'editor')),
  -- SHA-256 (hexadecimal) of the random token sent in the link.
  token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  invited_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz,
  accepted_by uuid REFERENCES users (id) ON DELETE SET NULL,
  revoked_at timestamptz
);
-- One open invitation per address and organisation.
CREATE UNIQUE INDEX organisation_invitations_open_idx ON organisation_invitations (organisation_id, email)
  WHERE accepted_at IS NULL AND revoked_at IS NULL;

-- A person asks to manage an existing profile (imported, or whose owners left): the owners or an
-- administrator decide.
CREATE TABLE organisation_claims (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  message text NOT NULL CHECK (length(message) <= 2000),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
  decided_by uuid REFERENCES users (id) ON DELETE SET NULL,
  decided_at timestamptz,
  decision_note text CHECK (length(decision_note) <= 2000),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE UNIQUE INDEX organisation_claims_pending_idx ON organisation_claims (organisation_id, user_id)
  WHERE status = 'pending';

-- The charter, versioned: a new version is a new row, never an edit.
CREATE TABLE charter_versions (
  version integer PRIMARY KEY CHECK (version >= 1),
  title text NOT NULL CHECK (length(title) <= 200),
  -- Plain text, paragraphs separated by a blank line.
  body text NOT NULL CHECK (length(body) <= 20000),
  published_at timestamptz NOT NULL DEFAULT now()
);

-- Who accepted which version for which organisation, when; and when it left.
CREATE TABLE movement_memberships (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  charter_version integer NOT NULL REFERENCES charter_versions (version),
  accepted_by uuid REFERENCES users (id) ON DELETE SET NULL,
  accepted_at timestamptz NOT NULL DEFAULT now(),
  left_at timestamptz,
  left_by uuid REFERENCES users (id) ON DELETE SET NULL
);
-- At most one current membership per organisation.
CREATE UNIQUE INDEX movement_memberships_current_idx ON movement_memberships (organisation_id)
  WHERE left_at IS NULL;

-- Logos, resized and re-encoded by the application (never the uploaded bytes).
CREATE TABLE organisation_logos (
  organisation_id uuid PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
  content bytea NOT NULL CHECK (octet_length(content) <= 1048576),
  content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/webp')),
  width smallint NOT NULL CHECK (width BETWEEN 1 AND 1024),
  height smallint NOT NULL CHECK (height BETWEEN 1 AND 1024),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Runs of the open-data imports: progress is saved as the file is read, so that a run can be resumed.
CREATE TABLE organisation_imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('sirene', 'rna')),
  file_name text NOT NULL CHECK (length(file_name) <= 500),
  file_size bigint NOT NULL CHECK (file_size >= 0),
  -- SHA-256 of the file's first MiB and its size: the same file is resumed, another one starts over.
  file_fingerprint text NOT NULL CHECK (file_fingerprint ~ '^[0-9a-f]{64}$'),
  lines_read bigint NOT NULL DEFAULT 0,
  -- Byte offset just after the last line committed: where a resumed run starts reading.
  bytes_read bigint NOT NULL DEFAULT 0,
  inserted bigint NOT NULL DEFAULT 0,
  updated bigint NOT NULL DEFAULT 0,
  skipped bigint NOT NULL DEFAULT 0,
  rejected bigint NOT NULL DEFAULT 0,
  started_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX organisation_imports_file_idx ON organisation_imports (kind, file_fingerprint);

-- The organisation a person is working as, when they belong to several.
ALTER TABLE sessions ADD COLUMN organisation_id uuid REFERENCES organisations (id) ON DELETE SET NULL;

-- migrate:down
ALTER TABLE sessions DROP COLUMN IF EXISTS organisation_id;
DROP TABLE IF EXISTS organisation_imports;
DROP TABLE IF EXISTS organisation_logos;
DROP TABLE IF EXISTS movement_memberships;
DROP TABLE IF EXISTS charter_versions;
DROP TABLE IF EXISTS organisation_claims;
DROP TABLE IF EXISTS organisation_invitations;
DROP TABLE IF EXISTS organisation_members;
DROP TABLE IF EXISTS organisations;
DROP SEQUENCE IF EXISTS organisations_change_seq;
