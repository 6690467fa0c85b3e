import type { FailedJob, JobQueueStatus } from '@vigil/contract';
import type { FailedJob as FailedJobRow } from '@vigil/db';

export function presentQueue(q: JobQueueStatus): JobQueueStatus {
  return { queue: q.queue, counts: q.counts };
}

/** A dead letter: what failed, how often it was tried and the last error. */
export function presentFailedJob(j: FailedJobRow): FailedJob {
  const output = (j.output ?? {}) as { message?: unknown; value?: { message?: unknown } };
  const error =
    typeof output.message === 'string'
      ? output.message
      : typeof output.value?.message === 'string'
        ? output.value.message
        : JSON.stringify(j.output ?? null);
  return {
    id: j.id,
    queue: j.queue,
    data: j.data,
    error,
    attempts: j.retryCount + 1,
    retryLimit: j.retryLimit,
    createdOn: j.createdOn.toISOString(),
    startedOn: j.startedOn?.toISOString() ?? null,
    failedOn: j.failedOn?.toISOString() ?? null,
  };
}
