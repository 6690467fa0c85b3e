import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentSlaConfiguration } from '@vigil/core';
import {
  ZCreateSlaConfigurationRequest,
  ZIdParams,
  ZNoContent,
  ZSlaConfiguration,
  ZSlaConfigurationList,
  ZUpdateSlaConfigurationRequest,
} from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';

export function slaConfigurationRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['sla configurations'];
  r.get('/api/v1/sla-configurations', { schema: { tags, response: { 200: ZSlaConfigurationList } } }, async (req) => {
    ctx(req);
    return { items: (await s.slaConfigurations.list()).map(presentSlaConfiguration) };
  });
  r.get(
    '/api/v1/sla-configurations/:id',
    { schema: { tags, params: ZIdParams, response: { 200: ZSlaConfiguration } } },
    async (req) => {
      ctx(req);
      return presentSlaConfiguration(await s.slaConfigurations.get(req.params.id));
    },
  );
  r.post(
    '/api/v1/sla-configurations',
    { schema: { tags, body: ZCreateSlaConfigurationRequest, response: { 201: ZSlaConfiguration } } },
    async (req, reply) =>
      reply.status(201).send(presentSlaConfiguration(await s.slaConfigurations.create(ctx(req), req.body))),
  );
  r.patch(
    '/api/v1/sla-configurations/:id',
    { schema: { tags, params: ZIdParams, body: ZUpdateSlaConfigurationRequest, response: { 200: ZSlaConfiguration } } },
    async (req) => presentSlaConfiguration(await s.slaConfigurations.update(ctx(req), req.params.id, req.body)),
  );
  r.delete(
    '/api/v1/sla-configurations/:id',
    { schema: { tags, params: ZIdParams, response: { 204: ZNoContent } } },
    async (req, reply) => {
      await s.slaConfigurations.delete(ctx(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
