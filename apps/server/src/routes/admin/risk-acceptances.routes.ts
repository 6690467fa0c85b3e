import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentRiskAcceptance } from '@vigil/core';
import {
  ZCreateRiskAcceptanceRequest,
  ZIdParams,
  ZNoContent,
  ZRiskAcceptance,
  ZRiskAcceptanceList,
  ZRiskAcceptanceListQuery,
} from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';

export function riskAcceptanceRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['risk acceptances'];
  r.get(
    '/api/v1/risk-acceptances',
    { schema: { tags, querystring: ZRiskAcceptanceListQuery, response: { 200: ZRiskAcceptanceList } } },
    async (req) => ({
      items: (await s.riskAcceptances.list(ctx(req), req.query.productId)).map((ra) => presentRiskAcceptance(ra)),
    }),
  );
  r.post(
    '/api/v1/risk-acceptances',
    { schema: { tags, body: ZCreateRiskAcceptanceRequest, response: { 201: ZRiskAcceptance } } },
    async (req, reply) =>
      reply
        .status(201)
        .send(presentRiskAcceptance(await s.riskAcceptances.create(ctx(req), req.body), req.body.findingIds)),
  );
  r.get(
    '/api/v1/risk-acceptances/:id',
    { schema: { tags, params: ZIdParams, response: { 200: ZRiskAcceptance } } },
    async (req) => {
      const { riskAcceptance, findingIds } = await s.riskAcceptances.get(ctx(req), req.params.id);
      return presentRiskAcceptance(riskAcceptance, findingIds);
    },
  );
  r.delete(
    '/api/v1/risk-acceptances/:id',
    { schema: { tags, params: ZIdParams, response: { 204: ZNoContent } } },
    async (req, reply) => {
      await s.riskAcceptances.delete(ctx(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
