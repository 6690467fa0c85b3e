import { z } from 'zod';
import { zInstant } from '../common/common.contract.ts';
import { JOB_STATES } from './job-states.ts';

// The background-jobs admin routes' contract (/api/v1/admin/jobs…): queue depths, dead letters, retry.

const zQueueName = () => z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'must be a queue name');

// ---- requests

export const ZJobsOverviewQuery = z.object({
  failedLimit: z.coerce.number().int().min(1).max(500).default(50),
  queue: zQueueName().optional(),
});
/** The query as a client sends it (the values, before the query string turns them into text). */
export type JobsOverviewQuery = Partial<z.output<typeof ZJobsOverviewQuery>>;

export const ZJobParams = z.object({ id: z.string().uuid('must be a job id (UUID)') });

// ---- responses

/** One queue with a count per state (zeros included). */
export const ZJobQueueStatus = z.object({
  queue: z.string(),
  counts: z.record(z.enum(JOB_STATES), z.number().int()),
});
export type JobQueueStatus = z.infer<typeof ZJobQueueStatus>;

/** A dead letter: a job that failed its last retry, with the last error. */
export const ZFailedJob = z.object({
  id: z.string().describe('the job id (UUID)'),
  queue: z.string(),
  data: z.unknown().describe("the job's payload"),
  error: z.string(),
  attempts: z.number().int(),
  retryLimit: z.number().int(),
  createdOn: zInstant(),
  startedOn: zInstant().nullable(),
  failedOn: zInstant().nullable(),
});
export type FailedJob = z.infer<typeof ZFailedJob>;

export const ZJobsOverview = z.object({ queues: z.array(ZJobQueueStatus), failed: z.array(ZFailedJob) });
export type JobsOverview = z.infer<typeof ZJobsOverview>;
