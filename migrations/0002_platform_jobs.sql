-- Durable background jobs (e-mails, exports, reminders), claimed with FOR UPDATE SKIP LOCKED so that any
-- number of worker processes on one PostgreSQL database never run the same job twice. See
-- src/platform/jobs/README.md.
CREATE TABLE jobs (
  id bigserial PRIMARY KEY,
  type text NOT NULL CHECK (type <> ''),
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'done', 'dead')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts integer NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
  run_at timestamptz NOT NULL DEFAULT now(),
  -- The worker running the job and when it claimed it; kept once finished (who ran it last), cleared when
  -- the job goes back to pending.
  locked_by text,
  locked_at timestamptz,
  last_error text,
  -- At most one job per key (NULLs are distinct), as long as the row exists: enqueueing the same key again
  -- returns the first job instead of adding one.
  dedupe_key text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);

-- The claim query: the oldest due pending job.
CREATE INDEX jobs_claim_idx ON jobs (run_at, id) WHERE state = 'pending';
-- Taking back jobs left running by a crashed process.
CREATE INDEX jobs_running_idx ON jobs (locked_at) WHERE state = 'running';
-- Retention: deleting finished jobs.
CREATE INDEX jobs_finished_idx ON jobs (finished_at) WHERE state IN ('done', 'dead');

-- migrate:down
DROP TABLE IF EXISTS jobs;
