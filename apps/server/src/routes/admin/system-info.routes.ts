import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZSystemOverview } from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';

/** The administrators' system page: version, database, migrations, limits, deduplication identity. */
export function systemInfoRoutes(app: FastifyInstance, s: Services): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get('/api/v1/admin/system', { schema: { tags: ['system'], response: { 200: ZSystemOverview } } }, async (req) =>
      s.systemInfo.overview(ctx(req)),
    );
}
