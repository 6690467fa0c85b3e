import { JOB_STATES, type JobQueueStatus, type JobState } from '@vigil/contract';
import type { FailedJob, UnitOfWork } from '@vigil/db';
import { AppError, notFound } from '../errors/app-error.ts';
import { adminPolicy } from '../access/admin.policy.ts';
import type { RequestContext } from '../context/request-context.ts';
import { audit } from '../audit/audit-trail.ts';

/** The job queue as administrators see it: depths per queue and state, dead letters, retry. */
export class JobAdminService {
  constructor(private readonly uow: UnitOfWork) {}

  async queues(ctx: RequestContext): Promise<JobQueueStatus[]> {
    adminPolicy.authorize(ctx.actor, 'read', 'job');
    return queueStatuses(this.uow.repos.jobs);
  }

  async failed(ctx: RequestContext, q: { limit: number; queue?: string }): Promise<FailedJob[]> {
    adminPolicy.authorize(ctx.actor, 'read', 'job');
    return this.uow.repos.jobs.failed(q.limit, q.queue);
  }

  /** Puts a dead letter back in its queue for one more try. */
  async retry(ctx: RequestContext, id: string): Promise<FailedJob> {
    adminPolicy.authorize(ctx.actor, 'retry', 'job');
    return this.uow.transaction(async (repos) => {
      const job = await repos.jobs.findFailed(id);
      if (!job) throw notFound('Failed job', id, `No failed job ${id} (it may have been retried already)`);
      if (!(await repos.jobs.retryFailed(job.queue, id)))
        throw new AppError('CONFLICT', `Job ${id} is no longer failed`);
      await audit(repos, ctx, 'retry', 'job', id, undefined, { queue: job.queue });
      return job;
    });
  }
}

/** Every queue with a count per state (zeros included), for the API and the Prometheus gauge. */
export async function queueStatuses(
  jobs: Pick<UnitOfWork['repos']['jobs'], 'queueNames' | 'depths'>,
): Promise<JobQueueStatus[]> {
  const [names, depths] = await Promise.all([jobs.queueNames(), jobs.depths()]);
  const zero = () => Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>;
  const byQueue = new Map(names.filter((n) => !n.startsWith('__pgboss')).map((n) => [n, zero()]));
  for (const d of depths) {
    if (d.queue.startsWith('__pgboss')) continue;
    const counts = byQueue.get(d.queue) ?? zero();
    counts[d.state] = d.count;
    byQueue.set(d.queue, counts);
  }
  return [...byQueue.entries()].map(([queue, counts]) => ({ queue, counts }));
}
