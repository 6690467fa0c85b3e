import type { EngagementRow, Page, ProductRole, UnitOfWork, NewEngagement, EngagementUpdate } from '@vigil/db';
import { publish, topic } from '../events/domain-events.ts';
import { AppError } from '../errors/app-error.ts';
import { AccessService } from '../access/access.service.ts';
import { audit } from '../audit/audit-trail.ts';
import { paged } from '../pagination/page.ts';
import type { RequestContext } from '../context/request-context.ts';

export interface EngagementInput {
  productId: number;
  name: string;
  description?: string;
  targetStart: string;
  targetEnd: string;
  status?: string;
  engagementType?: 'Interactive' | 'CI/CD';
  version?: string | null;
  branchTag?: string | null;
  commitHash?: string | null;
  buildId?: string | null;
  sourceCodeManagementUri?: string | null;
  leadId?: number | null;
  deduplicationOnEngagement?: boolean;
  tags?: string[];
}

export interface EngagementListQuery {
  productId?: number;
  status?: string;
  engagementType?: string;
  search?: string;
  sort: 'name' | '-name' | 'id' | '-id' | 'target_start' | '-target_start';
  limit: number;
  cursor?: string;
}

export class EngagementService {
  private readonly access: AccessService;
  constructor(private readonly uow: UnitOfWork) {
    this.access = new AccessService(uow.repos);
  }

  list(ctx: RequestContext, q: EngagementListQuery): Promise<Page<EngagementRow>> {
    return paged(() => this.uow.repos.engagements.list({ ...q, readableBy: this.access.scope(ctx.actor) }));
  }

  async get(ctx: RequestContext, id: number): Promise<{ engagement: EngagementRow; role: ProductRole }> {
    const engagement = await this.uow.repos.engagements.findById(id);
    if (!engagement) throw new AppError('NOT_FOUND', `Engagement ${id} was not found`);
    const role = await this.access.require(ctx.actor, { productId: engagement.product_id }, 'read', 'engagement', 'Engagement', id);
    return { engagement, role };
  }

  async create(ctx: RequestContext, input: EngagementInput): Promise<EngagementRow> {
    const product = await this.uow.repos.products.findById(input.productId);
    if (!product) throw new AppError('VALIDATION_FAILED', `Product ${input.productId} does not exist`, [{ path: 'productId', message: 'does not exist' }]);
    await this.access.require(ctx.actor, { productId: product.id }, 'add_engagement', 'product', 'Product', product.id);
    checkDates(input.targetStart, input.targetEnd);
    return this.uow.transaction(async (repos) => {
      const row = await repos.engagements.insert(toRow(input));
      await audit(repos, ctx, 'create', 'engagement', row.id, undefined, row);
      await publish(repos, { type: 'engagement.added', topics: [topic.product(row.product_id)], actorId: ctx.actor.userId, payload: { engagementId: row.id, productId: row.product_id, name: row.name } });
      return row;
    });
  }

  async update(ctx: RequestContext, id: number, input: Partial<EngagementInput>): Promise<EngagementRow> {
    const { engagement } = await this.get(ctx, id);
    await this.access.require(ctx.actor, { productId: engagement.product_id }, 'update', 'engagement', 'Engagement', id);
    if (input.productId !== undefined && input.productId !== engagement.product_id) {
      throw new AppError('VALIDATION_FAILED', 'An engagement cannot move to another product', [{ path: 'productId', message: 'cannot change' }]);
    }
    checkDates(input.targetStart ?? engagement.target_start, input.targetEnd ?? engagement.target_end);
    return this.uow.transaction(async (repos) => {
      const row = await repos.engagements.update(id, toRow(input));
      if (!row) throw new AppError('NOT_FOUND', `Engagement ${id} was not found`);
      await audit(repos, ctx, 'update', 'engagement', id, engagement, row);
      return row;
    });
  }

  async delete(ctx: RequestContext, id: number): Promise<void> {
    const { engagement } = await this.get(ctx, id);
    await this.access.require(ctx.actor, { productId: engagement.product_id }, 'delete', 'engagement', 'Engagement', id);
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
