import type { JiraConfigInput } from '@vigil/contract';
import type { JiraConfigRow, JiraInstanceRow, UnitOfWork } from '@vigil/db';
import { AppError, notFound } from '../errors/app-error.ts';
import { ProductPolicy } from '../product/product.policy.ts';
import { audit } from '../audit/audit-trail.ts';
import type { RequestContext } from '../context/request-context.ts';

/** A product's (or one engagement's) Jira configuration: read by Readers, set by Maintainers. */
export class JiraConfigService {
  private readonly products: ProductPolicy;
  constructor(private readonly uow: UnitOfWork) {
    this.products = new ProductPolicy(uow.repos);
  }

  async forProduct(
    ctx: RequestContext,
    productId: number,
  ): Promise<{ configs: JiraConfigRow[]; instances: JiraInstanceRow[]; canEdit: boolean }> {
    const role = await this.products.authorize(ctx.actor, 'read', { id: productId });
    const [configs, instances] = await Promise.all([
      this.uow.repos.jiraInstances.configsOfProduct(productId),
      this.uow.repos.jiraInstances.list(),
    ]);
    return { configs, instances, canEdit: ['Maintainer', 'Owner'].includes(role) };
  }

  async put(ctx: RequestContext, productId: number, input: JiraConfigInput): Promise<JiraConfigRow> {
    await this.products.authorize(ctx.actor, 'update', { id: productId });
    if (!(await this.uow.repos.jiraInstances.findById(input.instanceId))) {
      throw new AppError('VALIDATION_FAILED', `Jira instance ${input.instanceId} does not exist`, [
        { path: 'instanceId', message: 'does not exist' },
      ]);
    }
    if (input.engagementId) {
      const e = await this.uow.repos.engagements.findById(input.engagementId);
      if (!e || e.product_id !== productId) {
        throw new AppError('VALIDATION_FAILED', `Engagement ${input.engagementId} is not in product ${productId}`, [
          { path: 'engagementId', message: 'not in this product' },
        ]);
      }
    }
    return this.uow.transaction(async (repos) => {
      const row = await repos.jiraInstances.upsertConfig({
        product_id: productId,
        engagement_id: input.engagementId ?? null,
        instance_id: input.instanceId,
        project_key: input.projectKey,
        issue_type: input.issueType ?? 'Bug',
        priority_map: JSON.stringify(input.priorityMap ?? {}),
        close_transition: input.closeTransition ?? 'Done',
        reopen_transition: input.reopenTransition ?? 'To Do',
        labels: input.labels ?? [],
        component: input.component ?? null,
        push_min_severity: input.pushMinSeverity ?? null,
        engagement_epic: input.engagementEpic ?? false,
        push_notes: input.pushNotes ?? true,
      });
      await audit(repos, ctx, 'update', 'jira_config', row.id, undefined, { productId, ...input });
      return row;
    });
  }

  async delete(ctx: RequestContext, productId: number, configId: number): Promise<void> {
    await this.products.authorize(ctx.actor, 'update', { id: productId });
    const row = await this.uow.repos.jiraInstances.findConfig(configId);
    if (!row || row.product_id !== productId) throw notFound('Jira configuration', configId);
    await this.uow.transaction(async (repos) => {
      await repos.jiraInstances.deleteConfig(configId);
      await audit(repos, ctx, 'delete', 'jira_config', configId, { productId, projectKey: row.project_key });
    });
  }
}
