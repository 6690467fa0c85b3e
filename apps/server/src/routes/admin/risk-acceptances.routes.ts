import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { presentRiskAcceptance } from '@vigil/core';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import { ZIdParams, zDate } from '../common.schemas.ts';
import { zIdParam, zIdValue } from '../id.schemas.ts';

export const ZCreateRiskAcceptanceRequest = z.object({
  productId: zIdValue(),
  name: z.string().trim().min(1).max(300),
  decision: z.enum(['accept', 'avoid', 'mitigate', 'fix', 'transfer']),
  decisionDetails: z.string().max(20000).optional(),
  acceptedBy: z.string().max(200).optional(),
  ownerId: zIdValue(),
  expirationDate: zDate().nullable().optional(),
  reactivateExpired: z.boolean().optional(),
  findingIds: z.array(zIdValue()).min(1).max(1000),
});

export function riskAcceptanceRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['risk acceptances'];
  r.get(
    '/api/v1/risk-acceptances',
    { schema: { tags, querystring: z.object({ productId: zIdParam().optional() }) } },
    async (req) => ({
      items: (await s.riskAcceptances.list(ctx(req), req.query.productId)).map((ra) => presentRiskAcceptance(ra)),
    }),
  );
  r.post('/api/v1/risk-acceptances', { schema: { tags, body: ZCreateRiskAcceptanceRequest } }, async (req, reply) =>
    reply
      .status(201)
      .send(presentRiskAcceptance(await s.riskAcceptances.create(ctx(req), req.body), req.body.findingIds)),
  );
  r.get('/api/v1/risk-acceptances/:id', { schema: { tags, params: ZIdParams } }, async (req) => {
    const { riskAcceptance, findingIds } = await s.riskAcceptances.get(ctx(req), req.params.id);
    return presentRiskAcceptance(riskAcceptance, findingIds);
  });
  r.delete('/api/v1/risk-acceptances/:id', { schema: { tags, params: ZIdParams } }, async (req, reply) => {
    await s.riskAcceptances.delete(ctx(req), req.params.id);
    return reply.status(204).send();
  });
}
