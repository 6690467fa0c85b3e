import type { FindingRow, UnitOfWork } from '@vigil/db';
import { AppError, notFound } from '../errors/app-error.ts';
import { AccessService } from '../access/access.service.ts';
import { FindingPolicy } from './finding.policy.ts';
import { audit } from '../audit/audit-trail.ts';
import type { RequestContext } from '../context/request-context.ts';
import { publish } from '../events/domain-events.ts';
import { findingAssignedEvent } from './finding-events.ts';
import { MAX_BULK_FINDINGS } from './finding.service.ts';
import { requireAssignable } from './finding-assignee.ts';

/**
 * Assigns findings to a person (or unassigns them), all or nothing. The caller needs the update
 * right on every product concerned; the assignee must be able to read each of them, so nobody is
 * handed work they cannot see. The assignee hears about it through a `finding.assigned` event.
 */
export class FindingAssignmentService {
  private readonly access: AccessService;
  private readonly policy: FindingPolicy;

  constructor(private readonly uow: UnitOfWork) {
    this.access = new AccessService(uow.repos);
    this.policy = new FindingPolicy(uow.repos);
  }

  async assign(ctx: RequestContext, ids: number[], assigneeId: number | null): Promise<FindingRow[]> {
    const unique = [...new Set(ids)];
    if (unique.length > MAX_BULK_FINDINGS)
      throw new AppError('VALIDATION_FAILED', `At most ${MAX_BULK_FINDINGS} findings per bulk change`, [
        { path: 'ids', message: 'too many' },
      ]);
    const findings = await this.uow.repos.findings.findByIds(unique);
    const missing = unique.filter((id) => !findings.some((f) => f.id === id));
    if (missing.length)
      throw notFound('Finding', missing.join(', '), `Finding(s) ${missing.join(', ')} were not found`);
    const products = [...new Set(findings.map((f) => f.product_id))];
    for (const productId of products)
      await this.policy.authorize(ctx.actor, 'update', findings.find((x) => x.product_id === productId)!);
    if (assigneeId !== null) await requireAssignable(this.uow.repos, this.access, assigneeId, products);
    return this.uow.transaction(async (repos) => {
      const out: FindingRow[] = [];
      for (const before of findings) {
        if (before.assignee_id === assigneeId) {
          out.push(before);
          continue;
        }
        const after = (await repos.findings.update(before.id, { assignee_id: assigneeId }))!;
        await audit(repos, ctx, 'update', 'finding', before.id, before, after);
        if (assigneeId !== null) {
          await publish(repos, findingAssignedEvent(ctx, after, assigneeId));
        }
        out.push(after);
      }
      return out;
    });
  }
}
