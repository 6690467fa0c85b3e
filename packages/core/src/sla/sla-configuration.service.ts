import type { SlaConfigurationInput } from '@vigil/contract';
import type { SlaConfigurationRow, UnitOfWork, NewSlaConfiguration, SlaConfigurationUpdate } from '@vigil/db';
import { AppError, notFound } from '../errors/app-error.ts';
import { adminPolicy } from '../access/admin.policy.ts';
import { audit } from '../audit/audit-trail.ts';
import { isUniqueViolation } from '../pagination/page.ts';
import type { RequestContext } from '../context/request-context.ts';

/** SLA configurations: anyone signed in reads them, admins change them; changes re-date open findings. */
export class SlaConfigurationService {
  constructor(private readonly uow: UnitOfWork) {}

  list(): Promise<SlaConfigurationRow[]> {
    return this.uow.repos.slaConfigurations.list();
  }

  async get(id: number): Promise<SlaConfigurationRow> {
    const row = await this.uow.repos.slaConfigurations.findById(id);
    if (!row) throw notFound('SLA configuration', id);
    return row;
  }

  create(ctx: RequestContext, input: SlaConfigurationInput): Promise<SlaConfigurationRow> {
    adminPolicy.authorize(ctx.actor, 'create', 'sla_configuration');
    return this.uow.transaction(async (repos) => {
      try {
        const row = await repos.slaConfigurations.insert(toRow(input));
        await audit(repos, ctx, 'create', 'sla_configuration', row.id, undefined, row);
        return row;
      } catch (err) {
        if (isUniqueViolation(err))
          throw new AppError('CONFLICT', `An SLA configuration named "${input.name}" already exists`, [
            { path: 'name', message: 'already exists' },
          ]);
        throw err;
      }
    });
  }

  async update(ctx: RequestContext, id: number, input: Partial<SlaConfigurationInput>): Promise<SlaConfigurationRow> {
    adminPolicy.authorize(ctx.actor, 'update', 'sla_configuration');
    const before = await this.get(id);
    return this.uow.transaction(async (repos) => {
      const row = await repos.slaConfigurations.update(id, toRow(input));
      if (!row) throw notFound('SLA configuration', id);
      await repos.slaConfigurations.recomputeForConfiguration(id);
      await audit(repos, ctx, 'update', 'sla_configuration', id, before, row);
      return row;
    });
  }

  async delete(ctx: RequestContext, id: number): Promise<void> {
    adminPolicy.authorize(ctx.actor, 'delete', 'sla_configuration');
    const before = await this.get(id);
    if (id === 1) throw new AppError('CONFLICT', 'The default SLA configuration cannot be deleted');
    await this.uow.transaction(async (repos) => {
      if (await repos.slaConfigurations.inUse(id))
        throw new AppError('CONFLICT', `SLA configuration ${id} is used by products`);
      await repos.slaConfigurations.delete(id);
      await audit(repos, ctx, 'delete', 'sla_configuration', id, before);
    });
  }
}

/** The whole input makes an insertable row; a partial one, the patch of an update. */
function toRow(input: SlaConfigurationInput): NewSlaConfiguration;
function toRow(input: Partial<SlaConfigurationInput>): SlaConfigurationUpdate;
function toRow(input: Partial<SlaConfigurationInput>): SlaConfigurationUpdate {
  return {
    name: input.name,
    description: input.description,
    critical_days: input.criticalDays,
    high_days: input.highDays,
    medium_days: input.mediumDays,
    low_days: input.lowDays,
  };
}
