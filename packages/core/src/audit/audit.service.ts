import type { UnitOfWork } from '@vigil/db';
import { AppError } from '../errors/app-error.ts';
import { paged } from '../pagination/page.ts';
import type { RequestContext } from '../context/request-context.ts';

/** Reading the audit log is for administrators. */
export class AuditService {
  constructor(private readonly uow: UnitOfWork) {}

  list(ctx: RequestContext, q: { entityType?: string; entityId?: string; limit: number; cursor?: string }) {
    if (!ctx.actor.isAdmin) throw new AppError('FORBIDDEN', 'Only administrators may read the audit log');
    return paged(() => this.uow.repos.audit.list(q));
  }
}
