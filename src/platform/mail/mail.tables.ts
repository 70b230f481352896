import type { ColumnType, Generated } from 'kysely';

/** `mail_outbox` as Kysely sees it (see migrations/0003_platform_mail.sql). */
export interface MailOutboxTable {
  id: Generated<string>;
  job_id: string | null;
  template: string;
  locale: string;
  from_address: string;
  to_address: string;
  subject: string;
  html_body: string;
  text_body: string;
  created_at: ColumnType<Date, never, never>;
}

declare module '../db/schema.js' {
  interface Tables {
    mail_outbox: MailOutboxTable;
  }
}
