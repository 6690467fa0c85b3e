import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentSyncRun } from '@vigil/core';
import { ZSyncRunListQuery, ZSyncRunPage, ZTriggerSyncRequest, ZTriggerSyncResponse } from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import { pageOf } from '../common.schemas.ts';

/** The loaders' history (every signed-in user) and "sync now" (administrators). */
export function vulndbSyncRunRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['advisories'];
  r.get(
    '/api/v1/vulndb/sync-runs',
    {
      schema: {
        tags,
        querystring: ZSyncRunListQuery,
        response: { 200: ZSyncRunPage },
        description: 'Sync runs newest first, with their counts as they advance and the refused records.',
      },
    },
    async (req) => pageOf(await s.vulndbSyncRuns.list(ctx(req), req.query), presentSyncRun),
  );
  r.post(
    '/api/v1/vulndb/sync-runs',
    {
      schema: {
        tags,
        body: ZTriggerSyncRequest.optional(),
        response: { 202: ZTriggerSyncResponse },
        description:
          'Queues a sync of the configured sources (or the one named) now. Administrators only; ' +
          '409 when no source is configured.',
      },
    },
    async (req, reply) => reply.status(202).send(await s.vulndbSyncRuns.trigger(ctx(req), req.body ?? {})),
  );
}
