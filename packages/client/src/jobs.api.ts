import type { FailedJob, JobsOverview, JobsOverviewQuery } from '@vigil/contract';
import type { HttpClient } from './http-client.ts';

// The jobs admin shapes are the API contract's (packages/contract/src/jobs/), imported as types only.
export { JOB_STATES } from '@vigil/contract/values';
export type { JobState } from '@vigil/contract/values';
export type { FailedJob, JobQueueStatus, JobsOverview, JobsOverviewQuery } from '@vigil/contract';

/** Background jobs (administrators): GET /api/v1/admin/jobs, POST …/:id/retry. */
export function jobsApi(http: HttpClient) {
  return {
    overview: (q: JobsOverviewQuery = {}) => http.get<JobsOverview>('/api/v1/admin/jobs', { ...q }),
    retry: (id: string) => http.post<FailedJob>(`/api/v1/admin/jobs/${encodeURIComponent(id)}/retry`),
  };
}
