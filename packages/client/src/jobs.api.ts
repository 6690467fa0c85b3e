import type { HttpClient } from './http-client.ts';

export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface QueueStatus {
  queue: string;
  counts: Record<JobState, number>;
}

/** A dead letter: a job that failed its last retry. */
export interface FailedJob {
  id: string;
  queue: string;
  data: unknown;
  error: string;
  attempts: number;
  retryLimit: number;
  createdOn: string;
  startedOn: string | null;
  failedOn: string | null;
}

export interface JobsOverview {
  queues: QueueStatus[];
  failed: FailedJob[];
}

/** Background jobs (administrators): GET /api/v1/admin/jobs, POST …/:id/retry. */
export function jobsApi(http: HttpClient) {
  return {
    overview: (q: { failedLimit?: number; queue?: string } = {}) =>
      http.get<JobsOverview>('/api/v1/admin/jobs', { ...q }),
    retry: (id: string) => http.post<FailedJob>(`/api/v1/admin/jobs/${encodeURIComponent(id)}/retry`),
  };
}
