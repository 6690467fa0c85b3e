import type { UnitOfWork } from '@vigil/db';
import { publish } from '../events/domain-events.ts';

/**
 * Announces a background job that failed its last retry (a dead letter) as a `job.failed` event,
 * which the dispatcher turns into a notification for administrators. Only the queue, job id and
 * the error's first line travel: job payloads may hold data not every admin channel should carry.
 */
export class JobFailureNotifier {
  constructor(private readonly uow: UnitOfWork) {}

  async deadLetter(queue: string, jobId: string, err: unknown): Promise<void> {
    const message = (err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 500);
    await this.uow.transaction((repos) =>
      publish(repos, { type: 'job.failed', topics: [], actorId: null, payload: { job: queue, jobId, error: message } }),
    );
  }
}
