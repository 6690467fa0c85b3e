import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentEngagement } from '@vigil/core';
import {
  ZCreateEngagementRequest,
  ZEngagement,
  ZEngagementPage,
  ZIdParams,
  ZListEngagementsQuery,
  ZNoContent,
  ZUpdateEngagementRequest,
} from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import { pageOf } from '../common.schemas.ts';

export function engagementRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['engagements'];
  r.get(
    '/api/v1/engagements',
    { schema: { tags, querystring: ZListEngagementsQuery, response: { 200: ZEngagementPage } } },
    async (req) => pageOf(await s.engagements.list(ctx(req), req.query), (e) => presentEngagement(e)),
  );
  r.post(
    '/api/v1/engagements',
    { schema: { tags, body: ZCreateEngagementRequest, response: { 201: ZEngagement } } },
    async (req, reply) => reply.status(201).send(presentEngagement(await s.engagements.create(ctx(req), req.body))),
  );
  r.get(
    '/api/v1/engagements/:id',
    { schema: { tags, params: ZIdParams, response: { 200: ZEngagement } } },
    async (req) => {
      const { engagement, role } = await s.engagements.get(ctx(req), req.params.id);
      return presentEngagement(engagement, role);
    },
  );
  r.patch(
    '/api/v1/engagements/:id',
    { schema: { tags, params: ZIdParams, body: ZUpdateEngagementRequest, response: { 200: ZEngagement } } },
    async (req) => presentEngagement(await s.engagements.update(ctx(req), req.params.id, req.body)),
  );
  r.delete(
    '/api/v1/engagements/:id',
    { schema: { tags, params: ZIdParams, response: { 204: ZNoContent } } },
    async (req, reply) => {
      await s.engagements.delete(ctx(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
