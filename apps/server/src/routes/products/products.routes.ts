import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentProduct } from '@vigil/core';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import { ZIdParams } from '../common.schemas.ts';
import { ZGrantRoleRequest, ZMembershipParams } from '../product-types/product-types.schemas.ts';
import { ZCreateProductRequest, ZListProductsQuery, ZUpdateProductRequest } from './products.schemas.ts';
import { presentMembership } from './membership.presenter.ts';

export function productRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['products'];
  r.get('/api/v1/products', { schema: { tags, querystring: ZListProductsQuery } }, async (req) => {
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
  });
  r.post('/api/v1/products', { schema: { tags, body: ZCreateProductRequest } }, async (req, reply) =>
    reply.status(201).send(presentProduct(await s.products.create(ctx(req), req.body), undefined, 'Owner')),
  );
  r.get('/api/v1/products/:id', { schema: { tags, params: ZIdParams } }, async (req) => {
    const { product, role, stats } = await s.products.get(ctx(req), req.params.id);
    return presentProduct(product, stats, role);
  });
  r.patch('/api/v1/products/:id', { schema: { tags, params: ZIdParams, body: ZUpdateProductRequest } }, async (req) =>
    presentProduct(await s.products.update(ctx(req), req.params.id, req.body)),
  );
  r.delete('/api/v1/products/:id', { schema: { tags, params: ZIdParams } }, async (req, reply) => {
    await s.products.delete(ctx(req), req.params.id);
    return reply.status(204).send();
  });
  r.get('/api/v1/products/:id/members', { schema: { tags, params: ZIdParams } }, async (req) => ({
    items: (await s.memberships.list(ctx(req), { productId: req.params.id })).map(presentMembership),
  }));
  r.post(
    '/api/v1/products/:id/members',
    { schema: { tags, params: ZIdParams, body: ZGrantRoleRequest } },
    async (req, reply) => {
      const subject = req.body.userId !== undefined ? { userId: req.body.userId } : { teamId: req.body.teamId! };
      const m = await s.memberships.grant(ctx(req), { productId: req.params.id }, subject, req.body.role);
      return reply.status(201).send(presentMembership({ ...m, username: null, team_name: null }));
    },
  );
  r.delete(
    '/api/v1/products/:id/members/:membershipId',
    { schema: { tags, params: ZMembershipParams } },
    async (req, reply) => {
      await s.memberships.revoke(ctx(req), { productId: req.params.id }, req.params.membershipId);
      return reply.status(204).send();
    },
  );
}
