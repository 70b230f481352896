/** `rate_limits` as Kysely sees it (see migrations/0009_platform_rate_limits.sql). */
export interface RateLimitsTable {
  bucket: string;
  key_hash: string;
  hits: number;
  window_started_at: Date;
  expires_at: Date;
}

declare module '../db/schema.js' {
  interface Tables {
    rate_limits: RateLimitsTable;
  }
}
