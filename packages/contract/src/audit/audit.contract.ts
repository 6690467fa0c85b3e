import { z } from 'zod';
import { ZPageQuery, zId, zInstant, zPage } from '../common/common.contract.ts';

// The audit log's route (GET /api/v1/audit-log, administrators): its filters and its entries.

export const ZListAuditLogQuery = ZPageQuery.extend({
  entityType: z.string().max(100).optional(),
  entityId: z.string().max(100).optional(),
});
/** The audit log's filters as the server reads them (after query-string parsing). */
export type AuditLogFilters = z.output<typeof ZListAuditLogQuery>;

/** Who did what to which entity, with the entity before and after. */
export const ZAuditEntry = z.object({
  id: zId(),
  at: zInstant(),
  actorId: zId().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown().describe('the entity before the change (JSON), or null'),
  after: z.unknown().describe('the entity after the change (JSON), or null'),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof ZAuditEntry>;
export const ZAuditEntryPage = zPage(ZAuditEntry);
