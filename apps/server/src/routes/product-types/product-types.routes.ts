import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentMembership, presentProductType } from '@vigil/core';
import {
  ZCreateProductTypeRequest,
  ZGrantRoleRequest,
  ZIdParams,
  ZListProductTypesQuery,
  ZMembership,
  ZMembershipList,
  ZMembershipParams,
  ZNoContent,
  ZProductType,
  ZProductTypePage,
  ZUpdateProductTypeRequest,
} from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import { pageOf } from '../common.schemas.ts';

export function productTypeRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['product types'];
  r.get(
    '/api/v1/product-types',
    { schema: { tags, querystring: ZListProductTypesQuery, response: { 200: ZProductTypePage } } },
    async (req) => pageOf(await s.productTypes.list(ctx(req), req.query), (pt) => presentProductType(pt)),
  );
  r.post(
    '/api/v1/product-types',
    { schema: { tags, body: ZCreateProductTypeRequest, response: { 201: ZProductType } } },
    async (req, reply) =>
      reply.status(201).send(presentProductType(await s.productTypes.create(ctx(req), req.body), 'Owner')),
  );
  r.get(
    '/api/v1/product-types/:id',
    { schema: { tags, params: ZIdParams, response: { 200: ZProductType } } },
    async (req) => {
      const { productType, role } = await s.productTypes.get(ctx(req), req.params.id);
      return presentProductType(productType, role);
    },
  );
  r.patch(
    '/api/v1/product-types/:id',
    { schema: { tags, params: ZIdParams, body: ZUpdateProductTypeRequest, response: { 200: ZProductType } } },
    async (req) => presentProductType(await s.productTypes.update(ctx(req), req.params.id, req.body)),
  );
  r.delete(
    '/api/v1/product-types/:id',
    { schema: { tags, params: ZIdParams, response: { 204: ZNoContent } } },
    async (req, reply) => {
      await s.productTypes.delete(ctx(req), req.params.id);
      return reply.status(204).send();
    },
  );
  r.get(
    '/api/v1/product-types/:id/members',
    { schema: { tags, params: ZIdParams, response: { 200: ZMembershipList } } },
    async (req) => ({
      items: (await s.memberships.list(ctx(req), { productTypeId: req.params.id })).map(presentMembership),
    }),
  );
  r.post(
    '/api/v1/product-types/:id/members',
    { schema: { tags, params: ZIdParams, body: ZGrantRoleRequest, response: { 201: ZMembership } } },
    async (req, reply) => {
      const subject = req.body.userId !== undefined ? { userId: req.body.userId } : { teamId: req.body.teamId! };
      const m = await s.memberships.grant(ctx(req), { productTypeId: req.params.id }, subject, req.body.role);
      return reply.status(201).send(presentMembership({ ...m, username: null, team_name: null }));
    },
  );
  r.delete(
    '/api/v1/product-types/:id/members/:membershipId',
    { schema: { tags, params: ZMembershipParams, response: { 204: ZNoContent } } },
    async (req, reply) => {
      await s.memberships.revoke(ctx(req), { productTypeId: req.params.id }, req.params.membershipId);
      return reply.status(204).send();
    },
  );
}
