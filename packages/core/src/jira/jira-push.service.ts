import type { JiraIssueRow, UnitOfWork } from '@vigil/db';
import { AppError, notFound } from '../errors/app-error.ts';
import { FindingPolicy } from '../finding/finding.policy.ts';
import { audit } from '../audit/audit-trail.ts';
import type { RequestContext } from '../context/request-context.ts';
import { MAX_BULK_FINDINGS } from '../finding/finding.service.ts';
import { planPush, type JiraGroupBy } from './jira-push-plan.ts';

/** Pushing findings to Jira by hand (one or many), and reading a finding's link. */
export class JiraPushService {
  private readonly findings: FindingPolicy;
  constructor(private readonly uow: UnitOfWork) {
    this.findings = new FindingPolicy(uow.repos);
  }

  /**
   * Records the Jira issues wanted for these findings and enqueues their syncs in one
   * transaction; the worker talks to Jira. Each finding needs the triage role.
   */
  async push(
    ctx: RequestContext,
    findingIds: number[],
    groupBy: JiraGroupBy | null = null,
  ): Promise<{ issues: Map<number, JiraIssueRow>; skipped: number[] }> {
    const unique = [...new Set(findingIds)];
    if (unique.length > MAX_BULK_FINDINGS) {
      throw new AppError('VALIDATION_FAILED', `At most ${MAX_BULK_FINDINGS} findings per push`, [
        { path: 'findingIds', message: 'too many' },
      ]);
    }
    const findings = await this.uow.repos.findings.findByIds(unique);
    const missing = unique.filter((id) => !findings.some((f) => f.id === id));
    if (missing.length)
      throw notFound('Finding', missing.join(', '), `Finding(s) ${missing.join(', ')} were not found`);
    for (const productId of new Set(findings.map((f) => f.product_id))) {
      await this.findings.authorize(ctx.actor, 'triage', findings.find((x) => x.product_id === productId)!);
    }
    const result = await this.uow.transaction(async (repos) => {
      const plan = await planPush(repos, findings, groupBy);
      if (plan.skipped.length === findings.length) {
        throw new AppError(
          'UNPROCESSABLE',
          `No Jira configuration applies to finding(s) ${plan.skipped.join(', ')}: configure Jira on the product first`,
        );
      }
      await audit(repos, ctx, 'jira_push', 'finding', findings.map((f) => f.id).join(','), undefined, {
        issueIds: plan.issueIds,
        groupBy,
      });
      return plan;
    });
    return { issues: await this.uow.repos.jiraIssues.issuesOfFindings(unique), skipped: result.skipped };
  }

  /** The finding's Jira issue, or null; needs read access to the finding. */
  async linkOf(ctx: RequestContext, findingId: number): Promise<JiraIssueRow | null> {
    const finding = await this.uow.repos.findings.findById(findingId);
    if (!finding) throw notFound('Finding', findingId);
    await this.findings.authorize(ctx.actor, 'read', finding);
    return (await this.uow.repos.jiraIssues.issuesOfFindings([findingId])).get(findingId) ?? null;
  }
}
