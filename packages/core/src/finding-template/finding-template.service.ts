import type { FindingTemplateInput } from '@vigil/contract';
import type { FindingTemplateRow, UnitOfWork, NewFindingTemplate, FindingTemplateUpdate } from '@vigil/db';
import { notFound } from '../errors/app-error.ts';
import { adminPolicy } from '../access/admin.policy.ts';
import { audit } from '../audit/audit-trail.ts';
import type { RequestContext } from '../context/request-context.ts';

/** Reusable finding texts: everyone signed in reads them, admins write them. */
export class FindingTemplateService {
  constructor(private readonly uow: UnitOfWork) {}

  list(search?: string) {
    return this.uow.repos.findingTemplates.list(search);
  }

  async get(id: number): Promise<FindingTemplateRow> {
    const row = await this.uow.repos.findingTemplates.findById(id);
    if (!row) throw notFound('Finding template', id);
    return row;
  }

  create(ctx: RequestContext, input: FindingTemplateInput) {
    adminPolicy.authorize(ctx.actor, 'create', 'finding_template');
    return this.uow.transaction(async (repos) => {
      const row = await repos.findingTemplates.insert(toRow(input));
      await audit(repos, ctx, 'create', 'finding_template', row.id, undefined, row);
      return row;
    });
  }

  async update(ctx: RequestContext, id: number, input: Partial<FindingTemplateInput>) {
    adminPolicy.authorize(ctx.actor, 'update', 'finding_template');
    const before = await this.get(id);
    return this.uow.transaction(async (repos) => {
      const row = await repos.findingTemplates.update(id, toRow(input));
      await audit(repos, ctx, 'update', 'finding_template', id, before, row);
      return row!;
    });
  }

  async delete(ctx: RequestContext, id: number) {
    adminPolicy.authorize(ctx.actor, 'delete', 'finding_template');
    const before = await this.get(id);
    await this.uow.transaction(async (repos) => {
      await repos.findingTemplates.delete(id);
      await audit(repos, ctx, 'delete', 'finding_template', id, before);
    });
  }
}

/** The whole input makes an insertable row; a partial one, the patch of an update. */
function toRow(i: FindingTemplateInput): NewFindingTemplate;
function toRow(i: Partial<FindingTemplateInput>): FindingTemplateUpdate;
function toRow(i: Partial<FindingTemplateInput>): FindingTemplateUpdate {
  return {
    title: i.title,
    severity: i.severity,
    description: i.description,
    mitigation: i.mitigation,
    impact: i.impact,
    references: i.references,
    cwe: i.cwe,
    vulnerability_ids: i.vulnerabilityIds,
    tags: i.tags,
  };
}
