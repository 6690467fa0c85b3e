import type { RecentImport, RemediationTime, SlaFinding, SlaSummary, TrendDay, UnitOfWork } from '@vigil/db';
import { AccessService } from '../access/access.service.ts';
import type { RequestContext } from '../context/request-context.ts';
import { todayUtc } from '../sla/sla.ts';

export const DASHBOARD_TREND_DAYS = 90;
export const DASHBOARD_SOON_DAYS = 7;
const RECENT_IMPORTS = 10;
const BREACHING_SOON_SHOWN = 5;

export interface Dashboard {
  today: string;
  trend: TrendDay[];
  remediation: RemediationTime[];
  sla: SlaSummary & { soonUntil: string; breachingSoon: SlaFinding[] };
  recentImports: RecentImport[];
}

/**
 * The dashboard's figures over what the caller may read: trend, time to remediate, SLA, imports.
 * The trend and the time to remediate cover the same UTC days, `days` of them up to today.
 */
export class DashboardService {
  private readonly access: AccessService;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.access = new AccessService(uow.repos);
  }

  async overview(ctx: RequestContext, opts: { days?: number } = {}): Promise<Dashboard> {
    const scope = this.access.scope(ctx.actor);
    const now = this.clock();
    const days = opts.days ?? DASHBOARD_TREND_DAYS;
    const today = todayUtc(now);
    const from = todayUtc(new Date(now.getTime() - (days - 1) * 86_400_000));
    const soonUntil = todayUtc(new Date(now.getTime() + DASHBOARD_SOON_DAYS * 86_400_000));
    const repo = this.uow.repos.dashboard;
    const [trend, remediation, sla, breachingSoon, recentImports] = await Promise.all([
      repo.openTrend(scope, from, today),
      repo.remediationTimes(scope, from),
      repo.slaSummary(scope, today, soonUntil),
      repo.breachingSoon(scope, today, soonUntil, BREACHING_SOON_SHOWN),
      repo.recentImports(scope, RECENT_IMPORTS),
    ]);
    return { today, trend, remediation, sla: { ...sla, soonUntil, breachingSoon }, recentImports };
  }
}
