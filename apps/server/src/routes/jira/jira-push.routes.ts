import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentJiraLink } from '@vigil/core';
import { ZBulkJiraPush, ZBulkJiraPushRequest, ZFindingJira, ZIdParams } from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';

/** Pushing findings to Jira; the push is queued (202) and the link shows its state. */
export function jiraPushRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['jira'];
  r.get(
    '/api/v1/findings/:id/jira',
    { schema: { tags, params: ZIdParams, response: { 200: ZFindingJira } } },
    async (req) => {
      const link = await s.jiraPush.linkOf(ctx(req), req.params.id);
      return { jira: link ? presentJiraLink(link) : null };
    },
  );
  r.post(
    '/api/v1/findings/:id/jira',
    { schema: { tags, params: ZIdParams, response: { 202: ZFindingJira } } },
    async (req, reply) => {
      const { issues } = await s.jiraPush.push(ctx(req), [req.params.id]);
      const link = issues.get(req.params.id);
      return reply.status(202).send({ jira: link ? presentJiraLink(link) : null });
    },
  );
  r.post(
    '/api/v1/jira/push',
    { schema: { tags, body: ZBulkJiraPushRequest, response: { 202: ZBulkJiraPush } } },
    async (req, reply) => {
      const { issues, skipped } = await s.jiraPush.push(ctx(req), req.body.findingIds, req.body.groupBy ?? null);
      return reply.status(202).send({
        items: [...issues].map(([findingId, issue]) => ({ findingId, jira: presentJiraLink(issue) })),
        skipped,
      });
    },
  );
}
