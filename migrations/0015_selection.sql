-- Jury and selection (PRODUCT.md, "Jury and selection"): the jury of a call and its scoring grid, the
-- conflicts of interest évaluateurs declare, the assignment of admissible dossiers to évaluateurs, their
-- reviews, auditions, the deliberation's decisions and the public stories of laureates. Rules live in
-- src/modules/selection.

-- Évaluateurs hold the role 'reviewer' on scope ('call', calls.id) in role_assignments; the jury adds what
-- the assignment needs: their expertise domains (the organisations' vocabulary) and a capacity.
CREATE TABLE jury_members (
  call_id uuid NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  domains text[] NOT NULL DEFAULT '{}' CHECK (domains <@ ARRAY[
    'transition_ecologique', 'economie_inclusive', 'reussite_educative', 'sante', 'equite_territoriale',
    'liens_entre_generations', 'culture', 'alimentation'
  ]::text[] AND cardinality(domains) <= 8),
  -- How many dossiers at most.
  capacity integer NOT NULL CHECK (capacity BETWEEN 0 AND 10000),
  -- The jury's president leads the deliberation.
  is_president boolean NOT NULL DEFAULT false,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (call_id, user_id)
);
CREATE INDEX jury_members_user ON jury_members (user_id);

-- The selection settings of a call: évaluateurs per dossier (k), the scoring grid (JSON validated by the
-- module's zod schema: weighted criteria with a scale and labelled levels, required comments), whether an
-- évaluateur sees the others' reviews once theirs is submitted, the laureates' quota and the spread of
-- scores beyond which a dossier is flagged.
CREATE TABLE selection_settings (
  call_id uuid PRIMARY KEY REFERENCES calls (id) ON DELETE CASCADE,
  reviewers_per_dossier integer NOT NULL DEFAULT 3 CHECK (reviewers_per_dossier BETWEEN 1 AND 20),
  grid jsonb NOT NULL DEFAULT '{"criteria": [], "overallCommentRequired": true}'::jsonb,
  show_other_reviews boolean NOT NULL DEFAULT false,
  quota_min integer CHECK (quota_min IS NULL OR quota_min >= 0),
  quota_max integer CHECK (quota_max IS NULL OR quota_max >= 0),
  disagreement_threshold numeric(6, 3) NOT NULL DEFAULT 1.5 CHECK (disagreement_threshold > 0),
  -- When the assignment was published (évaluateurs notified), and when the results were.
  assignment_published_at timestamptz,
  results_published_at timestamptz,
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT selection_quota_order CHECK (quota_min IS NULL OR quota_max IS NULL OR quota_min <= quota_max)
);

-- Conflicts of interest an évaluateur declares on a dossier (detected ones are computed, not stored).
CREATE TABLE declared_conflicts (
  dossier_id uuid NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  reason text NOT NULL CHECK (btrim(reason) <> '' AND char_length(reason) <= 2000),
  declared_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (dossier_id, user_id)
);
CREATE INDEX declared_conflicts_user ON declared_conflicts (user_id);

-- Who reviews which dossier. A computed or hand-made assignment is 'propose' (staff preview it and adjust
-- it) until it is published; replacements after a declared conflict are published at once.
CREATE TABLE review_assignments (
  dossier_id uuid NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  call_id uuid NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  state text NOT NULL DEFAULT 'propose' CHECK (state IN ('propose', 'publie')),
  source text NOT NULL CHECK (source IN ('calcul', 'manuel', 'remplacement')),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (dossier_id, user_id)
);
CREATE INDEX review_assignments_call_user ON review_assignments (call_id, user_id);

-- An évaluateur's review of an assigned dossier: a draft until submitted. Scores and comments are keyed by
-- the grid's criterion ids; the weighted score is computed at submission. Removing the assignment (a
-- declared conflict) removes the review.
CREATE TABLE reviews (
  dossier_id uuid NOT NULL,
  user_id uuid NOT NULL,
  call_id uuid NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  scores jsonb NOT NULL DEFAULT '{}'::jsonb,
  overall_comment text NOT NULL DEFAULT '' CHECK (char_length(overall_comment) <= 10000),
  recommendation text CHECK (recommendation IN ('a_retenir', 'a_discuter', 'a_ecarter')),
  weighted_score numeric(12, 6),
  lock_version integer NOT NULL DEFAULT 0,
  submitted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (dossier_id, user_id),
  FOREIGN KEY (dossier_id, user_id) REFERENCES review_assignments (dossier_id, user_id) ON DELETE CASCADE,
  CONSTRAINT reviews_submitted_complete CHECK (
    submitted_at IS NULL OR (recommendation IS NOT NULL AND weighted_score IS NOT NULL)
  )
);
CREATE INDEX reviews_call ON reviews (call_id);

-- Auditions of shortlisted dossiers: when, where (a place or a video link), and the invitation sent with
-- a calendar file (its UID and SEQUENCE, so that a rescheduling updates the same event).
CREATE TABLE auditions (
  dossier_id uuid PRIMARY KEY REFERENCES dossiers (id) ON DELETE CASCADE,
  call_id uuid NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  starts_at timestamptz NOT NULL,
  duration_minutes integer NOT NULL DEFAULT 30 CHECK (duration_minutes BETWEEN 5 AND 480),
  place text CHECK (place IS NULL OR char_length(place) <= 300),
  video_url text CHECK (video_url IS NULL OR (video_url ~ '^https://' AND char_length(video_url) <= 500)),
  calendar_uid text NOT NULL UNIQUE,
  calendar_sequence integer NOT NULL DEFAULT 0,
  invited_at timestamptz,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT auditions_where CHECK (place IS NOT NULL OR video_url IS NOT NULL)
);
CREATE INDEX auditions_call ON auditions (call_id, starts_at);

-- Notes the jury records during an audition, one per jury member and dossier.
CREATE TABLE audition_notes (
  dossier_id uuid NOT NULL REFERENCES auditions (dossier_id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  note text NOT NULL CHECK (char_length(note) <= 10000),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (dossier_id, user_id)
);

-- The deliberation's decisions, prepared by the president, recorded on the dossiers in one transaction
-- when the results are published.
CREATE TABLE deliberation_decisions (
  dossier_id uuid PRIMARY KEY REFERENCES dossiers (id) ON DELETE CASCADE,
  call_id uuid NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  decision text NOT NULL CHECK (decision IN ('laureat', 'non_retenu')),
  motivation text NOT NULL CHECK (btrim(motivation) <> '' AND char_length(motivation) <= 5000),
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deliberation_decisions_call ON deliberation_decisions (call_id);

-- The public story of a laureate (the vitrine): a summary written for the public, shown once a member of
-- the laureate organisation approved it.
CREATE TABLE laureate_stories (
  dossier_id uuid PRIMARY KEY REFERENCES dossiers (id) ON DELETE CASCADE,
  call_id uuid NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND char_length(slug) <= 120),
  summary text NOT NULL DEFAULT '' CHECK (char_length(summary) <= 5000),
  approved_at timestamptz,
  approved_by uuid REFERENCES users (id) ON DELETE SET NULL,
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (call_id, slug)
);
CREATE INDEX laureate_stories_organisation ON laureate_stories (organisation_id);

-- migrate:down
DROP TABLE IF EXISTS laureate_stories;
DROP TABLE IF EXISTS deliberation_decisions;
DROP TABLE IF EXISTS audition_notes;
DROP TABLE IF EXISTS auditions;
DROP TABLE IF EXISTS reviews;
DROP TABLE IF EXISTS review_assignments;
DROP TABLE IF EXISTS declared_conflicts;
DROP TABLE IF EXISTS selection_settings;
DROP TABLE IF EXISTS jury_members;
