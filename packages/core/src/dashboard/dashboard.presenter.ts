import {
  IMPORT_STATISTIC_ROWS,
  type DashboardImport,
  type Dashboard as PresentedDashboard,
  type ImportStatisticRow,
} from '@vigil/contract';
import type { RecentImport } from '@vigil/db';
import type { Dashboard } from './dashboard.service.ts';

/** Findings per statistic row, all severities together: an import's stats keep a `total` per row. */
function totals(stats: unknown): Record<ImportStatisticRow, number> {
  const s = (stats as { statistics?: Record<string, { total?: number }> } | null)?.statistics ?? {};
  return Object.fromEntries(IMPORT_STATISTIC_ROWS.map((a) => [a, Number(s[a]?.total ?? 0)])) as Record<
    ImportStatisticRow,
    number
  >;
}

function presentImport(i: RecentImport): DashboardImport {
  return {
    id: i.id,
    kind: i.kind,
    scanType: i.scan_type,
    at: i.created_at.toISOString(),
    testId: i.test_id,
    productId: i.product_id,
    productName: i.product_name,
    statistics: totals(i.stats),
  };
}

export function presentDashboard(d: Dashboard): PresentedDashboard {
  return {
    today: d.today,
    trend: d.trend,
    meanTimeToRemediate: d.remediation.map((r) => ({
      severity: r.severity,
      mitigated: r.mitigated,
      meanDays: Number(r.mean_days),
    })),
    sla: {
      breached: d.sla.breached,
      breachingSoon: d.sla.breaching_soon,
      soonUntil: d.sla.soonUntil,
      soonest: d.sla.breachingSoon.map((f) => ({
        id: f.id,
        title: f.title,
        severity: f.severity,
        productId: f.product_id,
        slaExpirationDate: f.sla_expiration_date,
      })),
    },
    recentImports: d.recentImports.map(presentImport),
  };
}
