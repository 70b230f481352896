-- The audit trail: who did what, to which object, when and from where, append-only and chained by SHA-256
-- hashes so that an edited, deleted or slipped-in row is detected by `npm run audit:verify`.
-- See src/platform/audit/README.md.
CREATE TABLE audit_events (
  -- Given by recordAudit under the chain lock (nextval), so that id order is chain order. Gaps are normal
  -- (a rolled-back transaction consumes an id): only the hash chain proves that nothing is missing.
  id bigserial PRIMARY KEY,
  -- The database clock cut to the millisecond (what JavaScript dates hold), so that the hash computed when
  -- the row was written can be computed again from the stored value; never before the previous event's,
  -- so that it never decreases along the chain (the search turns a period into a range of ids).
  occurred_at timestamptz NOT NULL CHECK (occurred_at = date_trunc('milliseconds', occurred_at)),
  -- NULL: anonymous or the system itself. The label is what identified the actor then (an e-mail address).
  actor_id text,
  actor_label text,
  -- A stable code, `domain.verb`: auth.sign_in, auth.sign_in_failed, roles.grant…
  action text NOT NULL CHECK (action ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$'),
  object_type text NOT NULL CHECK (object_type ~ '^[a-z][a-z0-9_]*$'),
  object_id text,
  ip text,
  request_id text,
  -- Before/after summary: small JSON, never a secret.
  summary jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(summary) = 'object'),
  -- The previous row's hash (64 zeros for the first row), and this row's: SHA-256, hexadecimal.
  prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
);

-- The admin search: newest first (keyset on id) for one actor, one action, one object, or a period.
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, id) WHERE actor_id IS NOT NULL;
CREATE INDEX audit_events_action_idx ON audit_events (action, id);
CREATE INDEX audit_events_object_idx ON audit_events (object_type, object_id, id);
CREATE INDEX audit_events_occurred_at_idx ON audit_events (occurred_at, id);

-- The end of the chain, updated in the same transaction as each append: a deleted last row (which leaves
-- no broken link behind it) is detected because the head still names it. One row, created here.
CREATE TABLE audit_chain_head (
  id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  last_id bigint NOT NULL,
  last_hash text NOT NULL CHECK (last_hash ~ '^[0-9a-f]{64}$')
);
INSERT INTO audit_chain_head (id, last_id, last_hash) VALUES (1, 0, repeat('0', 64));

-- Append-only, enforced by the database for every connection (not only the application's code path).
-- A statement-level trigger refuses UPDATE, DELETE and TRUNCATE, even when they would touch no row.
-- ENABLE ALWAYS: it also fires under `session_replication_role = replica`. The table's owner or a superuser
-- can still disable it (ALTER TABLE … DISABLE TRIGGER) or drop the table: that is why the rows are chained
-- by hashes, which `npm run audit:verify` checks.
CREATE FUNCTION audit_refuse_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  RAISE EXCEPTION 'Le journal d''audit est en ajout seul : % refusé sur %.', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Les évènements d''audit ne se modifient ni ne se suppriment ; une correction s''enregistre comme un nouvel évènement.';
END
$$;

CREATE TRIGGER audit_events_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_append_only;

-- The head row is updated at each append, but never deleted.
CREATE TRIGGER audit_chain_head_kept
  BEFORE DELETE OR TRUNCATE ON audit_chain_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
ALTER TABLE audit_chain_head ENABLE ALWAYS TRIGGER audit_chain_head_kept;

-- migrate:down
DROP TABLE IF EXISTS audit_chain_head;
DROP TABLE IF EXISTS audit_events;
DROP FUNCTION IF EXISTS audit_refuse_change();
