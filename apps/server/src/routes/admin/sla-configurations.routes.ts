import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { presentSlaConfiguration } from '@vigil/core';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import { ZIdParams } from '../common.schemas.ts';

const days = () => z.number().int().min(1).max(3650);
export const ZCreateSlaConfigurationRequest = z.object({
  name: z.string().trim().min(1).max(128),
  description: z.string().max(5000).optional(),
  criticalDays: days(),
  highDays: days(),
  mediumDays: days(),
  lowDays: days(),
});

export function slaConfigurationRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['sla configurations'];
  r.get('/api/v1/sla-configurations', { schema: { tags } }, async (req) => {
    ctx(req);
    return { items: (await s.slaConfigurations.list()).map(presentSlaConfiguration) };
  });
  r.get('/api/v1/sla-configurations/:id', { schema: { tags, params: ZIdParams } }, async (req) => {
    ctx(req);
    return presentSlaConfiguration(await s.slaConfigurations.get(req.params.id));
  });
  r.post('/api/v1/sla-configurations', { schema: { tags, body: ZCreateSlaConfigurationRequest } }, async (req, reply) =>
    reply.status(201).send(presentSlaConfiguration(await s.slaConfigurations.create(ctx(req), req.body))),
  );
  r.patch(
    '/api/v1/sla-configurations/:id',
    { schema: { tags, params: ZIdParams, body: ZCreateSlaConfigurationRequest.partial() } },
    async (req) => presentSlaConfiguration(await s.slaConfigurations.update(ctx(req), req.params.id, req.body)),
  );
  r.delete('/api/v1/sla-configurations/:id', { schema: { tags, params: ZIdParams } }, async (req, reply) => {
    await s.slaConfigurations.delete(ctx(req), req.params.id);
    return reply.status(204).send();
  });
}
