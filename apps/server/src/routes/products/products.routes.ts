import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentMembership, presentProduct } from '@vigil/core';
import {
  ZCreateProductRequest,
  ZGrantRoleRequest,
  ZIdParams,
  ZListProductsQuery,
  ZMembership,
  ZMembershipList,
  ZMembershipParams,
  ZNoContent,
  ZProduct,
  ZProductPage,
  ZUpdateProductRequest,
} from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';

export function productRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['products'];
  r.get(
    '/api/v1/products',
    { schema: { tags, querystring: ZListProductsQuery, response: { 200: ZProductPage } } },
    async (req) => {
      const { page, stats } = await s.products.list(ctx(req), req.query);
      return {
        items: page.items.map((p) =>
          presentProduct(
            p,
            stats.find((x) => x.product_id === p.id),
          ),
        ),
        nextCursor: page.nextCursor,
      };
    },
  );
  r.post(
    '/api/v1/products',
    { schema: { tags, body: ZCreateProductRequest, response: { 201: ZProduct } } },
    async (req, reply) =>
      reply.status(201).send(presentProduct(await s.products.create(ctx(req), req.body), undefined, 'Owner')),
  );
  r.get('/api/v1/products/:id', { schema: { tags, params: ZIdParams, response: { 200: ZProduct } } }, async (req) => {
    const { product, role, stats } = await s.products.get(ctx(req), req.params.id);
    return presentProduct(product, stats, role);
  });
  r.patch(
    '/api/v1/products/:id',
    { schema: { tags, params: ZIdParams, body: ZUpdateProductRequest, response: { 200: ZProduct } } },
    async (req) => presentProduct(await s.products.update(ctx(req), req.params.id, req.body)),
  );
  r.delete(
    '/api/v1/products/:id',
    { schema: { tags, params: ZIdParams, response: { 204: ZNoContent } } },
    async (req, reply) => {
      await s.products.delete(ctx(req), req.params.id);
      return reply.status(204).send();
    },
  );
  r.get(
    '/api/v1/products/:id/members',
    { schema: { tags, params: ZIdParams, response: { 200: ZMembershipList } } },
    async (req) => ({
      items: (await s.memberships.list(ctx(req), { productId: req.params.id })).map(presentMembership),
    }),
  );
  r.post(
    '/api/v1/products/:id/members',
    { schema: { tags, params: ZIdParams, body: ZGrantRoleRequest, response: { 201: ZMembership } } },
    async (req, reply) => {
      const subject = req.body.userId !== undefined ? { userId: req.body.userId } : { teamId: req.body.teamId! };
      const m = await s.memberships.grant(ctx(req), { productId: req.params.id }, subject, req.body.role);
      return reply.status(201).send(presentMembership({ ...m, username: null, team_name: null }));
    },
  );
  r.delete(
    '/api/v1/products/:id/members/:membershipId',
    { schema: { tags, params: ZMembershipParams, response: { 204: ZNoContent } } },
    async (req, reply) => {
      await s.memberships.revoke(ctx(req), { productId: req.params.id }, req.params.membershipId);
      return reply.status(204).send();
    },
  );
}
