import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import { ZPageQuery, pageOf } from '../common.schemas.ts';

export const ZListAuditLogQuery = ZPageQuery.extend({
  entityType: z.string().max(100).optional(),
  entityId: z.string().max(100).optional(),
});

export function auditLogRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/audit-log', { schema: { tags: ['audit log'], querystring: ZListAuditLogQuery } }, async (req) =>
    pageOf(await s.audit.list(ctx(req), req.query), (e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actorId: e.actor_id,
      action: e.action,
      entityType: e.entity_type,
      entityId: e.entity_id,
      before: e.before,
      after: e.after,
      requestId: e.request_id,
    })),
  );
}
