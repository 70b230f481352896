export type { JobRow } from './jobs.queries.js';
export { findJob } from './jobs.queries.js';
export { type BackoffOptions, enqueue, retryDeadJob, retryDelayMs } from './jobs.service.js';
export type { JobsTable } from './jobs.tables.js';
export type {
  EnqueueOptions,
  EnqueueResult,
  JobContext,
  JobHandler,
  JobHandlers,
  JobPayload,
  JobPayloads,
  JobState,
  Logger,
} from './jobs.types.js';
export { JobWorker, type JobWorkerOptions } from './worker.js';
