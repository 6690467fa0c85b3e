import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentJiraConfig } from '@vigil/core';
import {
  ZIdParams,
  ZJiraConfig,
  ZJiraConfigParams,
  ZJiraConfigRequest,
  ZNoContent,
  ZProductJira,
} from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';

/** A product's Jira configuration (and per-engagement overrides). */
export function jiraConfigRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['jira'];
  r.get(
    '/api/v1/products/:id/jira',
    { schema: { tags, params: ZIdParams, response: { 200: ZProductJira } } },
    async (req) => {
      const v = await s.jiraConfigs.forProduct(ctx(req), req.params.id);
      return {
        configs: v.configs.map(presentJiraConfig),
        instances: v.instances.map((i) => ({ id: i.id, name: i.name, url: i.url })),
        canEdit: v.canEdit,
      };
    },
  );
  r.put(
    '/api/v1/products/:id/jira',
    { schema: { tags, params: ZIdParams, body: ZJiraConfigRequest, response: { 200: ZJiraConfig } } },
    async (req) => presentJiraConfig(await s.jiraConfigs.put(ctx(req), req.params.id, req.body)),
  );
  r.delete(
    '/api/v1/products/:id/jira/:configId',
    { schema: { tags, params: ZJiraConfigParams, response: { 204: ZNoContent } } },
    async (req, reply) => {
      await s.jiraConfigs.delete(ctx(req), req.params.id, req.params.configId);
      return reply.status(204).send();
    },
  );
}
