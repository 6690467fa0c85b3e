import type { MembershipSubject, MembershipTarget, ProductRole, UnitOfWork } from '@vigil/db';
import { AppError, notFound } from '../errors/app-error.ts';
import { ProductPolicy } from '../product/product.policy.ts';
import { ProductTypePolicy } from '../product-type/product-type.policy.ts';
import { audit } from '../audit/audit-trail.ts';
import { requireWorkspaceAccount } from '../user/feed-only.ts';
import type { RequestContext } from '../context/request-context.ts';

/** Roles of users and teams on product types and products; managed by Owners (and admins). */
export class MembershipService {
  private readonly products: ProductPolicy;
  private readonly productTypes: ProductTypePolicy;
  constructor(private readonly uow: UnitOfWork) {
    this.products = new ProductPolicy(uow.repos);
    this.productTypes = new ProductTypePolicy(uow.repos);
  }

  private async requireManage(ctx: RequestContext, target: MembershipTarget): Promise<void> {
    if ('productId' in target) {
      const p = await this.uow.repos.products.findById(target.productId);
      if (!p) throw notFound('Product', target.productId);
      await this.products.authorize(ctx.actor, 'manage_members', p);
    } else {
      const pt = await this.uow.repos.productTypes.findById(target.productTypeId);
      if (!pt) throw notFound('Product type', target.productTypeId);
      await this.productTypes.authorize(ctx.actor, 'manage_members', pt);
    }
  }

  async list(ctx: RequestContext, target: MembershipTarget) {
    if ('productId' in target) await this.products.authorize(ctx.actor, 'read', { id: target.productId });
    else await this.productTypes.authorize(ctx.actor, 'read', { id: target.productTypeId });
    return this.uow.repos.memberships.listFor(target);
  }

  async grant(ctx: RequestContext, target: MembershipTarget, subject: MembershipSubject, role: ProductRole) {
    await this.requireManage(ctx, target);
    if ('userId' in subject) {
      const user = await this.uow.repos.users.findById(subject.userId);
      if (!user)
        throw new AppError('VALIDATION_FAILED', `User ${subject.userId} does not exist`, [
          { path: 'userId', message: 'does not exist' },
        ]);
      requireWorkspaceAccount(user);
    }
    if ('teamId' in subject && !(await this.uow.repos.teams.findById(subject.teamId))) {
      throw new AppError('VALIDATION_FAILED', `Team ${subject.teamId} does not exist`, [
        { path: 'teamId', message: 'does not exist' },
      ]);
    }
    return this.uow.transaction(async (repos) => {
      const m = await repos.memberships.upsert(subject, target, role);
      await audit(repos, ctx, 'grant', 'membership', m.id, undefined, m);
      return m;
    });
  }

  async revoke(ctx: RequestContext, target: MembershipTarget, membershipId: number): Promise<void> {
    await this.requireManage(ctx, target);
    const m = await this.uow.repos.memberships.findById(membershipId);
    const matches =
      m && ('productId' in target ? m.product_id === target.productId : m.product_type_id === target.productTypeId);
    if (!m || !matches) throw notFound('Membership', membershipId);
    await this.uow.transaction(async (repos) => {
      await repos.memberships.delete(membershipId);
      await audit(repos, ctx, 'revoke', 'membership', membershipId, m);
    });
  }
}
