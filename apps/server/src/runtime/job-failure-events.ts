import type { JobFailureNotifier } from '@vigil/core';
import type { JobObserver } from '@vigil/jobs';

/** Adds a `job.failed` event (→ admin notification) when a job fails its last retry. */
export function withJobFailedEvents(
  inner: JobObserver,
  notifier: JobFailureNotifier,
  log: { error(obj: object, msg: string): void },
): JobObserver {
  return {
    ...inner,
    failed(queue, seconds, err, job) {
      inner.failed(queue, seconds, err, job);
      if (job.retryCount >= job.retryLimit)
        notifier
          .deadLetter(queue, job.id, err)
          .catch((e) => log.error({ err: e, queue, jobId: job.id }, 'could not publish job.failed'));
    },
  };
}
