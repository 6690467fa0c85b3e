import type {
  FindingFilter,
  FindingRow,
  FindingSummaryRow,
  FindingUpdate,
  Page,
  ProductRole,
  UnitOfWork,
} from '@vigil/db';
import { publish } from '../events/domain-events.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { AccessService } from '../access/access.service.ts';
import { TestPolicy } from '../test/test.policy.ts';
import { FindingPolicy } from './finding.policy.ts';
import { audit } from '../audit/audit-trail.ts';
import { paged } from '../pagination/page.ts';
import type { RequestContext } from '../context/request-context.ts';
import { SEVERITY_ORDER, slaExpiration, todayUtc } from '../sla/sla.ts';
import { statusChange, type StatusAction } from './finding-status.ts';
import { requireAssignable } from './finding-assignee.ts';
import { findingAssignedEvent, findingEvent, findingStatusChangedEvent, statusOf } from './finding-events.ts';
import type { CreateFindingInput } from '@vigil/contract';
import { FINDING_LIMITS } from '@vigil/contract/values';

/** A create request as the route validated it (the contract's shape). */
export type FindingInput = CreateFindingInput;

export { statusOf } from './finding-events.ts';

export type FindingListQuery = Omit<FindingFilter, 'readableBy'>;

/** Bulk triage limit per request (the contract's, which the request schemas enforce; docs/api.md). */
export const MAX_BULK_FINDINGS = FINDING_LIMITS.bulkIds;

export class FindingService {
  private readonly access: AccessService;
  private readonly policy: FindingPolicy;
  private readonly tests: TestPolicy;
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.access = new AccessService(uow.repos);
    this.policy = new FindingPolicy(uow.repos);
    this.tests = new TestPolicy(uow.repos);
  }

  list(ctx: RequestContext, q: FindingListQuery): Promise<Page<FindingRow>> {
    return paged(() => this.uow.repos.findings.list({ ...q, readableBy: this.access.scope(ctx.actor) }));
  }

  /** The same page as list(), with the findings-table columns only (the list's default view). */
  listSummaries(ctx: RequestContext, q: FindingListQuery): Promise<Page<FindingSummaryRow>> {
    return paged(() => this.uow.repos.findings.listSummaries({ ...q, readableBy: this.access.scope(ctx.actor) }));
  }

  async get(ctx: RequestContext, id: number): Promise<{ finding: FindingRow; role: ProductRole }> {
    const finding = await this.uow.repos.findings.findById(id);
    if (!finding) throw notFound('Finding', id);
    const role = await this.policy.authorize(ctx.actor, 'read', finding);
    return { finding, role };
  }

  /** Detail view: the finding with its locations, duplicates and original. */
  async detail(ctx: RequestContext, id: number) {
    const { finding, role } = await this.get(ctx, id);
    const [locations, duplicates, original, jira] = await Promise.all([
      this.uow.repos.findings.locations(id),
      this.uow.repos.findings.duplicatesOf(id),
      finding.duplicate_finding_id
        ? this.uow.repos.findings.findById(finding.duplicate_finding_id)
        : Promise.resolve(undefined),
      this.uow.repos.jiraIssues.issuesOfFindings([id]).then((m) => m.get(id)),
    ]);
    return { finding, role, locations, duplicates, original, jira };
  }

  async create(ctx: RequestContext, input: FindingInput): Promise<FindingRow> {
    const test = await this.uow.repos.tests.findById(input.testId);
    if (!test)
      throw new AppError('VALIDATION_FAILED', `Test ${input.testId} does not exist`, [
        { path: 'testId', message: 'does not exist' },
      ]);
    await this.tests.authorize(ctx.actor, 'add_finding', test);
    if (input.assigneeId != null)
      await requireAssignable(this.uow.repos, this.access, input.assigneeId, [test.product_id]);
    const sla = await this.uow.repos.slaConfigurations.forProduct(test.product_id);
    const date = input.date ?? todayUtc(this.clock());
    return this.uow.transaction(async (repos) => {
      const row = await repos.findings.insert({
        ...toRow(input),
        test_id: test.id,
        engagement_id: test.engagement_id,
        product_id: test.product_id,
        title: input.title,
        severity: input.severity,
        numerical_severity: SEVERITY_ORDER[input.severity],
        date,
        sla_start_date: date,
        sla_expiration_date: slaExpiration(input.severity, date, sla),
        reporter_id: ctx.actor.userId || null,
      });
      await repos.findings.insertLocations(row.id, input.locations ?? []);
      await audit(repos, ctx, 'create', 'finding', row.id, undefined, row);
      await publish(repos, findingEvent('finding.created', ctx, row));
      return row;
    });
  }

  async update(
    ctx: RequestContext,
    id: number,
    input: Partial<Omit<FindingInput, 'testId' | 'locations'>>,
  ): Promise<FindingRow> {
    const { finding } = await this.get(ctx, id);
    await this.policy.authorize(ctx.actor, 'update', finding);
    // Checked when it changes: a form that sends the current assignee back is not refused.
    if (input.assigneeId != null && input.assigneeId !== finding.assignee_id)
      await requireAssignable(this.uow.repos, this.access, input.assigneeId, [finding.product_id]);
    const patch = toRow(input);
    if (input.severity && input.severity !== finding.severity) {
      const sla = await this.uow.repos.slaConfigurations.forProduct(finding.product_id);
      Object.assign(patch, {
        severity: input.severity,
        numerical_severity: SEVERITY_ORDER[input.severity],
        sla_expiration_date: slaExpiration(input.severity, finding.sla_start_date ?? finding.date, sla),
      });
    }
    return this.uow.transaction(async (repos) => {
      const row = await repos.findings.update(id, patch);
      if (!row) throw notFound('Finding', id);
      await audit(repos, ctx, 'update', 'finding', id, finding, row);
      await publish(repos, findingEvent('finding.updated', ctx, row));
      if (row.assignee_id && row.assignee_id !== finding.assignee_id) {
        await publish(repos, findingAssignedEvent(ctx, row, row.assignee_id));
      }
      return row;
    });
  }

  /** Applies one triage action to many findings, all or nothing; each needs the triage role. */
  async changeStatus(ctx: RequestContext, ids: number[], action: StatusAction): Promise<FindingRow[]> {
    const unique = [...new Set(ids)];
    if (unique.length > MAX_BULK_FINDINGS) {
      throw new AppError('VALIDATION_FAILED', `At most ${MAX_BULK_FINDINGS} findings per bulk change`, [
        { path: 'ids', message: 'too many' },
      ]);
    }
    const findings = await this.uow.repos.findings.findByIds(unique);
    const found = new Set(findings.map((f) => f.id));
    const missing = unique.filter((id) => !found.has(id));
    if (missing.length)
      throw notFound('Finding', missing.join(', '), `Finding(s) ${missing.join(', ')} were not found`);
    // One check per product: the role is the product's.
    for (const productId of new Set(findings.map((f) => f.product_id))) {
      await this.policy.authorize(ctx.actor, 'triage', findings.find((x) => x.product_id === productId)!);
    }
    const now = this.clock();
    return this.uow.transaction(async (repos) => {
      // Set-based: one UPDATE per distinct patch (a patch depends on the finding only through
      // is_mitigated, so at most two), not one per finding; rows come back in the request's order.
      const groups = new Map<string, { patch: FindingUpdate; ids: number[] }>();
      for (const before of findings) {
        const patch = statusChange(action, ctx.actor.userId, now, before);
        const key = JSON.stringify(patch);
        const group = groups.get(key) ?? groups.set(key, { patch, ids: [] }).get(key)!;
        group.ids.push(before.id);
      }
      const updated = new Map<number, FindingRow>();
      for (const { patch, ids } of groups.values()) {
        for (const row of await repos.findings.updateMany(ids, patch)) updated.set(row.id, row);
      }
      const out = findings.flatMap((f) => updated.get(f.id) ?? []);
      await repos.audit.append(
        out.map((after) => ({
          actorId: ctx.actor.userId || null,
          action: `status:${action}`,
          entityType: 'finding',
          entityId: after.id,
          before: statusOf(findings.find((f) => f.id === after.id)!),
          after: statusOf(after),
          requestId: ctx.requestId,
        })),
      );
      await publish(
        repos,
        out.map((after) => findingStatusChangedEvent(ctx, after, action)),
      );
      if (action === 'under_review')
        await publish(
          repos,
          out.map((after) => findingEvent('finding.review_requested', ctx, after)),
        );
      return out;
    });
  }

  async delete(ctx: RequestContext, id: number): Promise<void> {
    const { finding } = await this.get(ctx, id);
    await this.policy.authorize(ctx.actor, 'delete', finding);
    await this.uow.transaction(async (repos) => {
      await repos.findings.delete(id);
      await audit(repos, ctx, 'delete', 'finding', id, finding);
    });
  }
}

function toRow(input: Partial<FindingInput>) {
  return {
    title: input.title,
    description: input.description,
    mitigation: input.mitigation,
    impact: input.impact,
    references: input.references,
    cwe: input.cwe,
    vulnerability_ids: input.vulnerabilityIds,
    cvssv3: input.cvssv3,
    cvssv3_score: input.cvssv3Score,
    cvssv4: input.cvssv4,
    cvssv4_score: input.cvssv4Score,
    epss_score: input.epssScore,
    epss_percentile: input.epssPercentile,
    file_path: input.filePath,
    line: input.line,
    component_name: input.componentName,
    component_version: input.componentVersion,
    unique_id_from_tool: input.uniqueIdFromTool,
    vuln_id_from_tool: input.vulnIdFromTool,
    active: input.active,
    verified: input.verified,
    assignee_id: input.assigneeId,
    tags: input.tags,
  };
}
