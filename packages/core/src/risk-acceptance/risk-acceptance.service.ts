import type { RiskAcceptanceInput } from '@vigil/contract';
import type { RiskAcceptanceRow, UnitOfWork } from '@vigil/db';
import { AppError, notFound } from '../errors/app-error.ts';
import { AccessService } from '../access/access.service.ts';
import { ProductPolicy } from '../product/product.policy.ts';
import { RiskAcceptancePolicy } from './risk-acceptance.policy.ts';
import { audit } from '../audit/audit-trail.ts';
import type { RequestContext } from '../context/request-context.ts';

/** Risk acceptances: accepted findings become inactive + risk_accepted until removal or expiry. */
export class RiskAcceptanceService {
  private readonly access: AccessService;
  private readonly policy: RiskAcceptancePolicy;
  private readonly products: ProductPolicy;
  constructor(private readonly uow: UnitOfWork) {
    this.access = new AccessService(uow.repos);
    this.policy = new RiskAcceptancePolicy(uow.repos);
    this.products = new ProductPolicy(uow.repos);
  }

  list(ctx: RequestContext, productId?: number) {
    return this.uow.repos.riskAcceptances.list({ readableBy: this.access.scope(ctx.actor), productId });
  }

  async get(ctx: RequestContext, id: number): Promise<{ riskAcceptance: RiskAcceptanceRow; findingIds: number[] }> {
    const riskAcceptance = await this.uow.repos.riskAcceptances.findById(id);
    if (!riskAcceptance) throw notFound('Risk acceptance', id);
    await this.policy.authorize(ctx.actor, 'read', riskAcceptance);
    return { riskAcceptance, findingIds: await this.uow.repos.riskAcceptances.findingIds(id) };
  }

  async create(ctx: RequestContext, input: RiskAcceptanceInput): Promise<RiskAcceptanceRow> {
    const product = await this.uow.repos.products.findById(input.productId);
    if (!product)
      throw new AppError('VALIDATION_FAILED', `Product ${input.productId} does not exist`, [
        { path: 'productId', message: 'does not exist' },
      ]);
    await this.products.authorize(ctx.actor, 'accept_risk', product);
    await this.checkFindings(input.productId, input.findingIds);
    if (!(await this.uow.repos.users.findById(input.ownerId))) {
      throw new AppError('VALIDATION_FAILED', `User ${input.ownerId} does not exist`, [
        { path: 'ownerId', message: 'does not exist' },
      ]);
    }
    return this.uow.transaction(async (repos) => {
      const row = await repos.riskAcceptances.insert({
        product_id: input.productId,
        name: input.name,
        decision: input.decision,
        decision_details: input.decisionDetails ?? '',
        accepted_by: input.acceptedBy ?? '',
        owner_id: input.ownerId,
        expiration_date: input.expirationDate ?? null,
        reactivate_expired: input.reactivateExpired ?? true,
      });
      await repos.riskAcceptances.addFindings(row.id, input.findingIds);
      await repos.findings.updateMany(input.findingIds, {
        risk_accepted: true,
        active: false,
        last_status_update: new Date(),
      });
      await audit(repos, ctx, 'create', 'risk_acceptance', row.id, undefined, { ...row, findingIds: input.findingIds });
      return row;
    });
  }

  /** Deleting an acceptance reactivates its findings (unless they were closed meanwhile). */
  async delete(ctx: RequestContext, id: number): Promise<void> {
    const { riskAcceptance, findingIds } = await this.get(ctx, id);
    await this.policy.authorize(ctx.actor, 'accept_risk', riskAcceptance);
    await this.uow.transaction(async (repos) => {
      const findings = await repos.findings.findByIds(findingIds);
      const reopen = findings.filter((f) => !f.is_mitigated && !f.false_p && !f.out_of_scope).map((f) => f.id);
      await repos.findings.updateMany(findingIds, { risk_accepted: false, last_status_update: new Date() });
      await repos.findings.updateMany(reopen, { active: true });
      await repos.riskAcceptances.delete(id);
      await audit(repos, ctx, 'delete', 'risk_acceptance', id, { ...riskAcceptance, findingIds });
    });
  }

  private async checkFindings(productId: number, ids: number[]): Promise<void> {
    const findings = await this.uow.repos.findings.findByIds(ids);
    const wrong = ids.filter((id) => !findings.some((f) => f.id === id && f.product_id === productId));
    if (wrong.length) {
      throw new AppError('VALIDATION_FAILED', `Finding(s) ${wrong.join(', ')} do not belong to product ${productId}`, [
        { path: 'findingIds', message: 'not in this product' },
      ]);
    }
  }
}
