import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentFailedJob, presentQueue } from '@vigil/core';
import { ZFailedJob, ZJobParams, ZJobsOverview, ZJobsOverviewQuery } from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';

/** Administrators: queue depths per state, dead letters with their error, retry (docs/jobs.md). */
export function jobsRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['jobs'];
  r.get(
    '/api/v1/admin/jobs',
    {
      schema: {
        tags,
        querystring: ZJobsOverviewQuery,
        response: { 200: ZJobsOverview },
        description: 'Queue depths per state and failed jobs (dead letters). Administrators only.',
      },
    },
    async (req) => {
      const c = ctx(req);
      const [queues, failed] = [
        await s.jobAdmin.queues(c),
        await s.jobAdmin.failed(c, { limit: req.query.failedLimit, queue: req.query.queue }),
      ];
      return { queues: queues.map(presentQueue), failed: failed.map(presentFailedJob) };
    },
  );
  r.post(
    '/api/v1/admin/jobs/:id/retry',
    {
      schema: {
        tags,
        params: ZJobParams,
        response: { 200: ZFailedJob },
        description: 'Puts a failed job back in its queue for one more try. Administrators only.',
      },
    },
    async (req) => presentFailedJob(await s.jobAdmin.retry(ctx(req), req.params.id)),
  );
}
