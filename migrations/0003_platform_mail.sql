-- Messages kept instead of sent when no SMTP server is configured (development, tests): shown at
-- /dev/boite-mail. See src/platform/mail/README.md.
CREATE TABLE mail_outbox (
  id bigserial PRIMARY KEY,
  -- The mail.send job that stored it (no foreign key: finished jobs are purged). Unique, so that a job run
  -- twice after a crash stores its message once.
  job_id bigint UNIQUE,
  template text NOT NULL,
  locale text NOT NULL,
  from_address text NOT NULL,
  to_address text NOT NULL,
  subject text NOT NULL,
  html_body text NOT NULL,
  text_body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX mail_outbox_recent_idx ON mail_outbox (created_at DESC, id DESC);

-- migrate:down
DROP TABLE IF EXISTS mail_outbox;
