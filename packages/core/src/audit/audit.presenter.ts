import type { AuditEntry } from '@vigil/contract';
import type { AuditLogRow } from '@vigil/db';

/** An audit-log row as administrators read it (GET /api/v1/audit-log). */
export function presentAuditEntry(e: AuditLogRow): AuditEntry {
  return {
    id: e.id,
    at: e.at.toISOString(),
    actorId: e.actor_id,
    action: e.action,
    entityType: e.entity_type,
    entityId: e.entity_id,
    before: e.before,
    after: e.after,
    requestId: e.request_id,
  };
}
