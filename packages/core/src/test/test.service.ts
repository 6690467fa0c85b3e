import type { Page, ProductRole, TestRow, TestWithScope, UnitOfWork, NewTest, TestUpdate } from '@vigil/db';
import { publish, topic } from '../events/domain-events.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { AccessService } from '../access/access.service.ts';
import { EngagementPolicy } from '../engagement/engagement.policy.ts';
import { TestPolicy } from './test.policy.ts';
import { audit } from '../audit/audit-trail.ts';
import { paged } from '../pagination/page.ts';
import type { RequestContext } from '../context/request-context.ts';
import type { CreateTestInput, TestListFilters } from '@vigil/contract';

// The validated request bodies and filters are the API contract's (@vigil/contract test/).
export type TestInput = CreateTestInput;
export type TestListQuery = TestListFilters;

export class TestService {
  private readonly access: AccessService;
  private readonly policy: TestPolicy;
  private readonly engagements: EngagementPolicy;
  constructor(private readonly uow: UnitOfWork) {
    this.access = new AccessService(uow.repos);
    this.policy = new TestPolicy(uow.repos);
    this.engagements = new EngagementPolicy(uow.repos);
  }

  list(ctx: RequestContext, q: TestListQuery): Promise<Page<TestWithScope>> {
    return paged(() => this.uow.repos.tests.list({ ...q, readableBy: this.access.scope(ctx.actor) }));
  }

  async get(ctx: RequestContext, id: number): Promise<{ test: TestWithScope; role: ProductRole }> {
    const test = await this.uow.repos.tests.findById(id);
    if (!test) throw notFound('Test', id);
    const role = await this.policy.authorize(ctx.actor, 'read', test);
    return { test, role };
  }

  async create(ctx: RequestContext, input: TestInput): Promise<TestRow> {
    const engagement = await this.uow.repos.engagements.findById(input.engagementId);
    if (!engagement)
      throw new AppError('VALIDATION_FAILED', `Engagement ${input.engagementId} does not exist`, [
        { path: 'engagementId', message: 'does not exist' },
      ]);
    await this.engagements.authorize(ctx.actor, 'add_test', engagement);
    return this.uow.transaction(async (repos) => {
      const row = await repos.tests.insert(toRow(input));
      await audit(repos, ctx, 'create', 'test', row.id, undefined, row);
      await publish(repos, {
        type: 'test.added',
        topics: [topic.product(engagement.product_id)],
        actorId: ctx.actor.userId,
        payload: {
          testId: row.id,
          engagementId: engagement.id,
          productId: engagement.product_id,
          scanType: row.scan_type,
        },
      });
      return row;
    });
  }

  async update(ctx: RequestContext, id: number, input: Partial<TestInput>): Promise<TestRow> {
    const { test } = await this.get(ctx, id);
    await this.policy.authorize(ctx.actor, 'update', test);
    if (input.engagementId !== undefined && input.engagementId !== test.engagement_id) {
      throw new AppError('VALIDATION_FAILED', 'A test cannot move to another engagement', [
        { path: 'engagementId', message: 'cannot change' },
      ]);
    }
    return this.uow.transaction(async (repos) => {
      const row = await repos.tests.update(id, toRow(input));
      if (!row) throw notFound('Test', id);
      await audit(repos, ctx, 'update', 'test', id, test, row);
      return row;
    });
  }

  async delete(ctx: RequestContext, id: number): Promise<void> {
    const { test } = await this.get(ctx, id);
    await this.policy.authorize(ctx.actor, 'delete', test);
    await this.uow.transaction(async (repos) => {
      await repos.tests.delete(id);
      await audit(repos, ctx, 'delete', 'test', id, test);
    });
  }
}

/** The whole input makes an insertable row; a partial one, the patch of an update. */
function toRow(input: TestInput): NewTest;
function toRow(input: Partial<TestInput>): TestUpdate;
function toRow(input: Partial<TestInput>): TestUpdate {
  return {
    engagement_id: input.engagementId,
    scan_type: input.scanType,
    title: input.title,
    description: input.description,
    environment: input.environment,
    target_start: input.targetStart,
    target_end: input.targetEnd,
    version: input.version,
    build_id: input.buildId,
    commit_hash: input.commitHash,
    branch_tag: input.branchTag,
    lead_id: input.leadId,
    tags: input.tags,
  };
}
