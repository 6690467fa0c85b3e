import type { Repositories } from '@vigil/db';
import type { RequestContext } from '../context/request-context.ts';

/** Appends one audit entry in the caller's transaction (the change and its record commit together). */
export function audit(
  repos: Pick<Repositories, 'audit'>,
  ctx: RequestContext,
  action: 'create' | 'update' | 'delete' | string,
  entityType: string,
  entityId: number | string,
  before?: unknown,
  after?: unknown,
): Promise<void> {
  return repos.audit.append([
    {
      actorId: ctx.actor.userId || null,
      action,
      entityType,
      entityId,
      before,
      after,
      requestId: ctx.requestId ?? null,
    },
  ]);
}
