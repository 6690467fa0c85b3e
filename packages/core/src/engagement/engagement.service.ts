import type { EngagementRow, Page, ProductRole, UnitOfWork, NewEngagement, EngagementUpdate } from '@vigil/db';
import { publish, topic } from '../events/domain-events.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { AccessService } from '../access/access.service.ts';
import { ProductPolicy } from '../product/product.policy.ts';
import { EngagementPolicy } from './engagement.policy.ts';
import { audit } from '../audit/audit-trail.ts';
import { paged } from '../pagination/page.ts';
import type { RequestContext } from '../context/request-context.ts';
import type { CreateEngagementInput, EngagementListFilters } from '@vigil/contract';

// The validated request bodies and filters are the API contract's (@vigil/contract engagement/).
export type EngagementInput = CreateEngagementInput;
export type EngagementListQuery = EngagementListFilters;

export class EngagementService {
  private readonly access: AccessService;
  private readonly policy: EngagementPolicy;
  private readonly products: ProductPolicy;
  constructor(private readonly uow: UnitOfWork) {
    this.access = new AccessService(uow.repos);
    this.policy = new EngagementPolicy(uow.repos);
    this.products = new ProductPolicy(uow.repos);
  }

  list(ctx: RequestContext, q: EngagementListQuery): Promise<Page<EngagementRow>> {
    return paged(() => this.uow.repos.engagements.list({ ...q, readableBy: this.access.scope(ctx.actor) }));
  }

  async get(ctx: RequestContext, id: number): Promise<{ engagement: EngagementRow; role: ProductRole }> {
    const engagement = await this.uow.repos.engagements.findById(id);
    if (!engagement) throw notFound('Engagement', id);
    const role = await this.policy.authorize(ctx.actor, 'read', engagement);
    return { engagement, role };
  }

  async create(ctx: RequestContext, input: EngagementInput): Promise<EngagementRow> {
    const product = await this.uow.repos.products.findById(input.productId);
    if (!product)
      throw new AppError('VALIDATION_FAILED', `Product ${input.productId} does not exist`, [
        { path: 'productId', message: 'does not exist' },
      ]);
    await this.products.authorize(ctx.actor, 'add_engagement', product);
    checkDates(input.targetStart, input.targetEnd);
    return this.uow.transaction(async (repos) => {
      const row = await repos.engagements.insert(toRow(input));
      await audit(repos, ctx, 'create', 'engagement', row.id, undefined, row);
      await publish(repos, {
        type: 'engagement.added',
        topics: [topic.product(row.product_id)],
        actorId: ctx.actor.userId,
        payload: { engagementId: row.id, productId: row.product_id, name: row.name },
      });
      return row;
    });
  }

  async update(ctx: RequestContext, id: number, input: Partial<EngagementInput>): Promise<EngagementRow> {
    const { engagement } = await this.get(ctx, id);
    await this.policy.authorize(ctx.actor, 'update', engagement);
    if (input.productId !== undefined && input.productId !== engagement.product_id) {
      throw new AppError('VALIDATION_FAILED', 'An engagement cannot move to another product', [
        { path: 'productId', message: 'cannot change' },
      ]);
    }
    checkDates(input.targetStart ?? engagement.target_start, input.targetEnd ?? engagement.target_end);
    return this.uow.transaction(async (repos) => {
      const row = await repos.engagements.update(id, toRow(input));
      if (!row) throw notFound('Engagement', id);
      await audit(repos, ctx, 'update', 'engagement', id, engagement, row);
      return row;
    });
  }

  async delete(ctx: RequestContext, id: number): Promise<void> {
    const { engagement } = await this.get(ctx, id);
    await this.policy.authorize(ctx.actor, 'delete', engagement);
    await this.uow.transaction(async (repos) => {
      await repos.engagements.delete(id);
      await audit(repos, ctx, 'delete', 'engagement', id, engagement);
    });
  }
}

function checkDates(start: string, end: string): void {
  if (end < start) {
    throw new AppError('VALIDATION_FAILED', 'The target end date is before the target start date', [
      { path: 'targetEnd', message: 'must be on or after targetStart' },
    ]);
  }
}

/** The whole input makes an insertable row; a partial one, the patch of an update. */
function toRow(input: EngagementInput): NewEngagement;
function toRow(input: Partial<EngagementInput>): EngagementUpdate;
function toRow(input: Partial<EngagementInput>): EngagementUpdate {
  return {
    product_id: input.productId,
    name: input.name,
    description: input.description,
    target_start: input.targetStart,
    target_end: input.targetEnd,
    status: input.status,
    engagement_type: input.engagementType,
    version: input.version,
    branch_tag: input.branchTag,
    commit_hash: input.commitHash,
    build_id: input.buildId,
    source_code_management_uri: input.sourceCodeManagementUri,
    lead_id: input.leadId,
    deduplication_on_engagement: input.deduplicationOnEngagement,
    tags: input.tags,
  };
}
