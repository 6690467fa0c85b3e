import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FINDING_LIMITS, presentFindingTemplate } from '@vigil/core';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import { ZIdParams, zTags } from '../common.schemas.ts';
import { zIdValue } from '../id.schemas.ts';

export const ZCreateFindingTemplateRequest = z.object({
  title: z.string().trim().min(1).max(FINDING_LIMITS.title),
  severity: z.enum(['Critical', 'High', 'Medium', 'Low', 'Info']).nullable().optional(),
  description: z.string().max(FINDING_LIMITS.longText).optional(),
  mitigation: z.string().max(FINDING_LIMITS.longText).optional(),
  impact: z.string().max(FINDING_LIMITS.longText).optional(),
  references: z.string().max(FINDING_LIMITS.longText).optional(),
  cwe: zIdValue().nullable().optional(),
  vulnerabilityIds: z
    .array(z.string().min(1).max(FINDING_LIMITS.vulnerabilityId))
    .max(FINDING_LIMITS.vulnerabilityIdCount)
    .optional(),
  tags: zTags().optional(),
});

export function findingTemplateRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['finding templates'];
  r.get(
    '/api/v1/finding-templates',
    { schema: { tags, querystring: z.object({ search: z.string().max(200).optional() }) } },
    async (req) => {
      ctx(req);
      return { items: (await s.findingTemplates.list(req.query.search)).map(presentFindingTemplate) };
    },
  );
  r.get('/api/v1/finding-templates/:id', { schema: { tags, params: ZIdParams } }, async (req) => {
    ctx(req);
    return presentFindingTemplate(await s.findingTemplates.get(req.params.id));
  });
  r.post('/api/v1/finding-templates', { schema: { tags, body: ZCreateFindingTemplateRequest } }, async (req, reply) =>
    reply.status(201).send(presentFindingTemplate(await s.findingTemplates.create(ctx(req), req.body))),
  );
  r.patch(
    '/api/v1/finding-templates/:id',
    { schema: { tags, params: ZIdParams, body: ZCreateFindingTemplateRequest.partial() } },
    async (req) => presentFindingTemplate(await s.findingTemplates.update(ctx(req), req.params.id, req.body)),
  );
  r.delete('/api/v1/finding-templates/:id', { schema: { tags, params: ZIdParams } }, async (req, reply) => {
    await s.findingTemplates.delete(ctx(req), req.params.id);
    return reply.status(204).send();
  });
}
