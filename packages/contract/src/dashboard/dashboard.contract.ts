import { z } from 'zod';
import { zDay, zId, zInstant } from '../common/common.contract.ts';
import { ZSeverity } from '../finding/finding.contract.ts';
import { IMPORT_MODES, IMPORT_STATISTIC_ROWS } from '../import/import-values.ts';

// The dashboard route's contract (GET /api/v1/dashboard): its figures over the products the caller may read.

export const ZDashboardQuery = z.object({ days: z.coerce.number().int().min(7).max(365).default(90) });

/** One UTC day of the trend: findings opened and closed that day, and open at its end. */
export const ZDashboardTrendDay = z.object({
  day: zDay(),
  opened: z.number().int(),
  closed: z.number().int(),
  open: z.number().int(),
});
export type DashboardTrendDay = z.infer<typeof ZDashboardTrendDay>;

export const ZDashboardImport = z.object({
  id: zId(),
  kind: z.enum(IMPORT_MODES),
  scanType: z.string(),
  at: zInstant(),
  testId: zId(),
  productId: zId(),
  productName: z.string(),
  statistics: z.record(z.enum(IMPORT_STATISTIC_ROWS), z.number().int()).describe('findings per action, all severities'),
});
export type DashboardImport = z.infer<typeof ZDashboardImport>;

export const ZDashboard = z.object({
  today: zDay(),
  trend: z.array(ZDashboardTrendDay),
  meanTimeToRemediate: z.array(z.object({ severity: ZSeverity, mitigated: z.number().int(), meanDays: z.number() })),
  sla: z.object({
    breached: z.number().int(),
    breachingSoon: z.number().int(),
    soonUntil: zDay(),
    soonest: z.array(
      z.object({ id: zId(), title: z.string(), severity: ZSeverity, productId: zId(), slaExpirationDate: zDay() }),
    ),
  }),
  recentImports: z.array(ZDashboardImport),
});
export type Dashboard = z.infer<typeof ZDashboard>;
