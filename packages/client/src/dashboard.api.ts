import type { HttpClient } from './http-client.ts';
import type { Severity } from './finding.api.ts';

export interface DashboardTrendDay {
  day: string;
  opened: number;
  closed: number;
  open: number;
}

export interface DashboardImport {
  id: number;
  kind: 'import' | 'reimport';
  scanType: string;
  at: string;
  testId: number;
  productId: number;
  productName: string;
  statistics: { created: number; reactivated: number; closed: number; untouched: number; duplicates: number };
}

export interface Dashboard {
  today: string;
  trend: DashboardTrendDay[];
  meanTimeToRemediate: { severity: Severity; mitigated: number; meanDays: number }[];
  sla: {
    breached: number;
    breachingSoon: number;
    soonUntil: string;
    soonest: { id: number; title: string; severity: Severity; productId: number; slaExpirationDate: string }[];
  };
  recentImports: DashboardImport[];
}

export function dashboardApi(http: HttpClient) {
  return {
    get: (days = 90) => http.get<Dashboard>(`/api/v1/dashboard?days=${days}`),
  };
}
