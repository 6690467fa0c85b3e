import type { Severity, SlaConfigurationRow } from '@vigil/db';

export const SEVERITY_ORDER: Record<Severity, number> = { Critical: 0, High: 1, Medium: 2, Low: 3, Info: 4 };

/** Days allowed to fix a finding of this severity; Info findings carry no SLA. */
export function slaDays(
  severity: Severity,
  sla: Pick<SlaConfigurationRow, 'critical_days' | 'high_days' | 'medium_days' | 'low_days'>,
): number | null {
  switch (severity) {
    case 'Critical':
      return sla.critical_days;
    case 'High':
      return sla.high_days;
    case 'Medium':
      return sla.medium_days;
    case 'Low':
      return sla.low_days;
    default:
      return null;
  }
}

/** 'YYYY-MM-DD' + days, in UTC. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function slaExpiration(
  severity: Severity,
  startDate: string,
  sla: Parameters<typeof slaDays>[1] | undefined,
): string | null {
  if (!sla) return null;
  const days = slaDays(severity, sla);
  return days === null ? null : addDays(startDate, days);
}

export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
