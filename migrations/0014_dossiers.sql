-- Dossiers: what organisations submit to calls (PRODUCT.md, "Appels (calls) and dossiers"). The form of a
-- published call is versioned (a dossier keeps the version it was started on); a dossier belongs to an
-- organisation, lists partner organisations, keeps its draft answers, and a frozen version per
-- submission with its receipt; instruction records every transition, correction requests, messages and
-- private annotations; exports run as jobs. Rules live in src/modules/dossiers.

-- Versions of a call's form. calls.form is the working copy; publishing a call records it as version 1,
-- and each later change to the form of a published call records the next version.
ALTER TABLE calls ADD COLUMN form_version integer NOT NULL DEFAULT 0 CHECK (form_version >= 0);

CREATE TABLE call_form_versions (
  call_id uuid NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  version integer NOT NULL CHECK (version >= 1),
  form jsonb NOT NULL,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (call_id, version)
);

-- Staff of a call (instructeurs) are role_assignments (role 'instructor', scope ('call', calls.id)).

-- Dossier references shown to people (« FI-2026-000123 »), and receipt numbers (« AR-2026-000123 »).
CREATE SEQUENCE dossier_reference_seq;
CREATE SEQUENCE dossier_receipt_seq;

CREATE TABLE dossiers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference text NOT NULL UNIQUE CHECK (char_length(reference) <= 40),
  call_id uuid NOT NULL REFERENCES calls (id) ON DELETE RESTRICT,
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
  form_version integer NOT NULL CHECK (form_version >= 1),
  status text NOT NULL DEFAULT 'brouillon' CHECK (status IN (
    'brouillon', 'depose', 'en_instruction', 'a_corriger', 'recevable', 'irrecevable',
    'en_evaluation', 'auditionne', 'laureat', 'non_retenu', 'sans_suite'
  )),
  -- The working answers (a draft, or the correction being prepared), keyed by field id.
  answers jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- Optimistic locking: each save of the answers increments it; a save naming an older value is refused.
  lock_version integer NOT NULL DEFAULT 0,
  -- A title for lists, copied from the organisation's name and the call at creation; editable later.
  title text NOT NULL CHECK (char_length(title) <= 300),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  first_submitted_at timestamptz,
  last_submitted_at timestamptz,
  -- Instruction: the assigned instructeur (optional), the motivation of the last decision.
  instructor_id uuid REFERENCES users (id) ON DELETE SET NULL,
  decision_reason text CHECK (decision_reason IS NULL OR char_length(decision_reason) <= 5000),
  decided_at timestamptz,
  FOREIGN KEY (call_id, form_version) REFERENCES call_form_versions (call_id, version)
);
-- One dossier per organisation and call, withdrawn ones aside (an organisation may start again).
CREATE UNIQUE INDEX dossiers_one_per_organisation ON dossiers (call_id, organisation_id)
  WHERE status <> 'sans_suite';
CREATE INDEX dossiers_organisation ON dossiers (organisation_id);
CREATE INDEX dossiers_call_status ON dossiers (call_id, status);

-- Partner organisations of a collective dossier (territory consortia): their members see the dossier too.
CREATE TABLE dossier_partners (
  dossier_id uuid NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
  added_by uuid REFERENCES users (id) ON DELETE SET NULL,
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (dossier_id, organisation_id)
);
CREATE INDEX dossier_partners_organisation ON dossier_partners (organisation_id);

-- Files attached to a dossier (answers to attachment fields, or message attachments). Content lives in
-- the file store (outside the web root), named by storage_key; rows are never updated.
CREATE TABLE dossier_files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dossier_id uuid NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
  field_id text CHECK (field_id IS NULL OR char_length(field_id) <= 200),
  message_id uuid,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 255),
  -- The type read from the content (magic numbers), never the one the browser sent.
  content_type text NOT NULL CHECK (char_length(content_type) <= 100),
  size bigint NOT NULL CHECK (size >= 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  storage_key text NOT NULL CHECK (char_length(storage_key) <= 200),
  uploaded_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dossier_files_dossier ON dossier_files (dossier_id);

-- Frozen versions: one per submission (the first, then each correction). Never updated.
CREATE TABLE dossier_versions (
  dossier_id uuid NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
  version integer NOT NULL CHECK (version >= 1),
  form_version integer NOT NULL,
  answers jsonb NOT NULL,
  submitted_by uuid REFERENCES users (id) ON DELETE SET NULL,
  -- When the submission request reached the server (what the closing rule compares).
  submitted_at timestamptz NOT NULL,
  -- Idempotency: the key of the summary page the submission came from; the same key twice is one version.
  submission_key text NOT NULL CHECK (char_length(submission_key) BETWEEN 8 AND 100),
  receipt_number text NOT NULL UNIQUE CHECK (char_length(receipt_number) <= 40),
  -- SHA-256 (hex) of the canonical JSON of the content (answers, form version, files' digests).
  digest text NOT NULL CHECK (digest ~ '^[0-9a-f]{64}$'),
  -- Names as they were at submission, printed on the receipt: a later renaming never changes it.
  organisation_name text NOT NULL DEFAULT '',
  partner_names text[] NOT NULL DEFAULT '{}',
  submitted_by_label text NOT NULL DEFAULT '',
  PRIMARY KEY (dossier_id, version),
  UNIQUE (dossier_id, submission_key)
);

-- Every change of status: who, when, why.
CREATE TABLE dossier_transitions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dossier_id uuid NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
  from_status text,
  to_status text NOT NULL,
  actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
  reason text CHECK (reason IS NULL OR char_length(reason) <= 5000),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dossier_transitions_dossier ON dossier_transitions (dossier_id, id);

-- Correction requests: a message and a deadline; answered by the next submitted version.
CREATE TABLE dossier_corrections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dossier_id uuid NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
  message text NOT NULL CHECK (char_length(message) BETWEEN 1 AND 5000),
  due_at timestamptz NOT NULL,
  requested_by uuid REFERENCES users (id) ON DELETE SET NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  -- The version that answered it.
  answered_version integer,
  answered_at timestamptz
);
CREATE INDEX dossier_corrections_dossier ON dossier_corrections (dossier_id);

-- Messages between staff and applicants (attachments: dossier_files.message_id).
CREATE TABLE dossier_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dossier_id uuid NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
  author_id uuid REFERENCES users (id) ON DELETE SET NULL,
  side text NOT NULL CHECK (side IN ('staff', 'applicant')),
  body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 10000),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dossier_messages_dossier ON dossier_messages (dossier_id, created_at);
ALTER TABLE dossier_files
  ADD CONSTRAINT dossier_files_message FOREIGN KEY (message_id) REFERENCES dossier_messages (id) ON DELETE CASCADE;

-- Private staff annotations: never shown to applicants.
CREATE TABLE dossier_annotations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dossier_id uuid NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
  author_id uuid REFERENCES users (id) ON DELETE SET NULL,
  body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 10000),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dossier_annotations_dossier ON dossier_annotations (dossier_id, created_at);

-- Exports of the dossiers of a call, built by a job; the file expires.
CREATE TABLE dossier_exports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  call_id uuid NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  format text NOT NULL CHECK (format IN ('csv', 'xlsx')),
  -- The statuses included (empty: every status).
  statuses text[] NOT NULL DEFAULT '{}',
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed', 'expired')),
  total integer,
  done integer NOT NULL DEFAULT 0,
  storage_key text,
  size bigint,
  error text,
  requested_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  expires_at timestamptz
);
CREATE INDEX dossier_exports_call ON dossier_exports (call_id, created_at DESC);

-- Notifications: what a person switched off (legally needed ones — receipt, decision — cannot be), and
-- when each person was last e-mailed about the messages of a dossier (at most one e-mail an hour).
CREATE TABLE notification_opt_outs (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  topic text NOT NULL CHECK (char_length(topic) <= 60),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, topic)
);

CREATE TABLE dossier_message_digests (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  dossier_id uuid NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
  -- Messages after this instant are not yet e-mailed to this person.
  notified_until timestamptz NOT NULL,
  last_sent_at timestamptz,
  -- A digest job is queued for this person and dossier (no second one while set).
  pending boolean NOT NULL DEFAULT false,
  PRIMARY KEY (user_id, dossier_id)
);

-- migrate:down
DROP TABLE IF EXISTS dossier_message_digests;
DROP TABLE IF EXISTS notification_opt_outs;
DROP TABLE IF EXISTS dossier_exports;
DROP TABLE IF EXISTS dossier_annotations;
DROP TABLE IF EXISTS dossier_files;
DROP TABLE IF EXISTS dossier_messages;
DROP TABLE IF EXISTS dossier_corrections;
DROP TABLE IF EXISTS dossier_transitions;
DROP TABLE IF EXISTS dossier_versions;
DROP TABLE IF EXISTS dossier_partners;
DROP TABLE IF EXISTS dossiers;
DROP SEQUENCE IF EXISTS dossier_receipt_seq;
DROP SEQUENCE IF EXISTS dossier_reference_seq;
DROP TABLE IF EXISTS call_form_versions;
ALTER TABLE calls DROP COLUMN IF EXISTS form_version;
