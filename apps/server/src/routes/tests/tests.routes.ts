import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentTest } from '@vigil/core';
import {
  ZCreateTestRequest,
  ZIdParams,
  ZListTestsQuery,
  ZNoContent,
  ZTest,
  ZTestPage,
  ZUpdateTestRequest,
} from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import { pageOf } from '../common.schemas.ts';

export function testRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['tests'];
  r.get(
    '/api/v1/tests',
    { schema: { tags, querystring: ZListTestsQuery, response: { 200: ZTestPage } } },
    async (req) => pageOf(await s.tests.list(ctx(req), req.query), (t) => presentTest(t)),
  );
  r.post(
    '/api/v1/tests',
    { schema: { tags, body: ZCreateTestRequest, response: { 201: ZTest } } },
    async (req, reply) => reply.status(201).send(presentTest(await s.tests.create(ctx(req), req.body))),
  );
  r.get('/api/v1/tests/:id', { schema: { tags, params: ZIdParams, response: { 200: ZTest } } }, async (req) => {
    const { test, role } = await s.tests.get(ctx(req), req.params.id);
    return presentTest(test, role);
  });
  r.patch(
    '/api/v1/tests/:id',
    { schema: { tags, params: ZIdParams, body: ZUpdateTestRequest, response: { 200: ZTest } } },
    async (req) => presentTest(await s.tests.update(ctx(req), req.params.id, req.body)),
  );
  r.delete(
    '/api/v1/tests/:id',
    { schema: { tags, params: ZIdParams, response: { 204: ZNoContent } } },
    async (req, reply) => {
      await s.tests.delete(ctx(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
