-- Calls for applications (appels à projets, labellisation, fonds d'amorçage): their public page, their
-- calendar in UTC (entered as Europe/Paris local time), their status, and the form as JSON (see
-- src/modules/calls/README.md). Rules live in the calls module.

CREATE TABLE calls (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND char_length(slug) <= 100),
  kind text NOT NULL CHECK (kind IN ('projets', 'labellisation_structures', 'labellisation_territoires', 'fonds_amorcage')),
  title text NOT NULL CHECK (char_length(title) <= 200),
  summary text NOT NULL DEFAULT '' CHECK (char_length(summary) <= 500),
  presentation text NOT NULL DEFAULT '' CHECK (char_length(presentation) <= 20000),
  eligibility text NOT NULL DEFAULT '' CHECK (char_length(eligibility) <= 10000),
  opens_at timestamptz,
  -- NULL while opens_at is set: a permanent call.
  closes_at timestamptz,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'closed_early')),
  closed_message text CHECK (closed_message IS NULL OR char_length(closed_message) <= 2000),
  published_at timestamptz,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  form jsonb NOT NULL DEFAULT '{"version": 1, "sections": [], "eligibility": []}'::jsonb,
  CONSTRAINT calls_closes_after_opens CHECK (closes_at IS NULL OR opens_at IS NULL OR closes_at > opens_at),
  CONSTRAINT calls_published_has_opening CHECK (status = 'draft' OR opens_at IS NOT NULL)
);

CREATE INDEX calls_status_opens_at ON calls (status, opens_at);

-- migrate:down
DROP TABLE IF EXISTS calls;
