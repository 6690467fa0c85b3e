import type { UnitOfWork } from '@vigil/db';
import { adminPolicy } from '../access/admin.policy.ts';
import { paged } from '../pagination/page.ts';
import type { RequestContext } from '../context/request-context.ts';

/** Reading the audit log is for administrators. */
export class AuditService {
  constructor(private readonly uow: UnitOfWork) {}

  list(ctx: RequestContext, q: { entityType?: string; entityId?: string; limit: number; cursor?: string }) {
    adminPolicy.authorize(ctx.actor, 'read', 'audit_log');
    return paged(() => this.uow.repos.audit.list(q));
  }
}
