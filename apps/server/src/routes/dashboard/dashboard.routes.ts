import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentDashboard } from '@vigil/core';
import { ZDashboard, ZDashboardQuery } from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';

/** The dashboard's figures over the products the caller may read. */
export function dashboardRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/dashboard',
    { schema: { tags: ['dashboard'], querystring: ZDashboardQuery, response: { 200: ZDashboard } } },
    async (req) => presentDashboard(await s.dashboard.overview(ctx(req), { days: req.query.days })),
  );
}
