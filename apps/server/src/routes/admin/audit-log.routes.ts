import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentAuditEntry } from '@vigil/core';
import { ZAuditEntryPage, ZListAuditLogQuery } from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import { pageOf } from '../common.schemas.ts';

export function auditLogRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/audit-log',
    { schema: { tags: ['audit log'], querystring: ZListAuditLogQuery, response: { 200: ZAuditEntryPage } } },
    async (req) => pageOf(await s.audit.list(ctx(req), req.query), presentAuditEntry),
  );
}
