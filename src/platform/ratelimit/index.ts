export {
  hit,
  hitOrThrow,
  peek,
  purgeExpiredRateLimits,
  type RateLimitOptions,
  type RateLimitResult,
  type RateLimitRule,
  rateLimitKeyHash,
  reset,
} from './ratelimit.js';
export type { RateLimitsTable } from './ratelimit.tables.js';
