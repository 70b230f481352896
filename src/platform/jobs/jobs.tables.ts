import type { ColumnType, Generated } from 'kysely';
import type { JobState } from './jobs.types.js';

/** `jobs` as Kysely sees it (see migrations/0002_platform_jobs.sql). bigint ids come back as strings. */
export interface JobsTable {
  id: Generated<string>;
  type: string;
  /** jsonb: read as parsed JSON, written as JSON text (see `jobs.queries.ts`). */
  payload: ColumnType<unknown, string, string>;
  state: ColumnType<JobState, JobState | undefined, JobState>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  run_at: ColumnType<Date, Date | undefined, Date>;
  locked_by: string | null;
  locked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: ColumnType<Date, never, never>;
  finished_at: ColumnType<Date | null, never, Date | null>;
}

declare module '../db/schema.js' {
  interface Tables {
    jobs: JobsTable;
  }
}
