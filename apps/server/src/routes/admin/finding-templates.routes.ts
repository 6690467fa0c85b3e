import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentFindingTemplate } from '@vigil/core';
import {
  ZCreateFindingTemplateRequest,
  ZFindingTemplate,
  ZFindingTemplateList,
  ZFindingTemplateListQuery,
  ZIdParams,
  ZNoContent,
  ZUpdateFindingTemplateRequest,
} from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';

export function findingTemplateRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['finding templates'];
  r.get(
    '/api/v1/finding-templates',
    { schema: { tags, querystring: ZFindingTemplateListQuery, response: { 200: ZFindingTemplateList } } },
    async (req) => {
      ctx(req);
      return { items: (await s.findingTemplates.list(req.query.search)).map(presentFindingTemplate) };
    },
  );
  r.get(
    '/api/v1/finding-templates/:id',
    { schema: { tags, params: ZIdParams, response: { 200: ZFindingTemplate } } },
    async (req) => {
      ctx(req);
      return presentFindingTemplate(await s.findingTemplates.get(req.params.id));
    },
  );
  r.post(
    '/api/v1/finding-templates',
    { schema: { tags, body: ZCreateFindingTemplateRequest, response: { 201: ZFindingTemplate } } },
    async (req, reply) =>
      reply.status(201).send(presentFindingTemplate(await s.findingTemplates.create(ctx(req), req.body))),
  );
  r.patch(
    '/api/v1/finding-templates/:id',
    { schema: { tags, params: ZIdParams, body: ZUpdateFindingTemplateRequest, response: { 200: ZFindingTemplate } } },
    async (req) => presentFindingTemplate(await s.findingTemplates.update(ctx(req), req.params.id, req.body)),
  );
  r.delete(
    '/api/v1/finding-templates/:id',
    { schema: { tags, params: ZIdParams, response: { 204: ZNoContent } } },
    async (req, reply) => {
      await s.findingTemplates.delete(ctx(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
