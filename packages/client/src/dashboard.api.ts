import type { Dashboard } from '@vigil/contract';
import type { HttpClient } from './http-client.ts';

// The dashboard's shape is the API contract's (packages/contract/src/dashboard/), imported as types only.
export type { Dashboard, DashboardImport, DashboardTrendDay } from '@vigil/contract';

export function dashboardApi(http: HttpClient) {
  return {
    get: (days = 90) => http.get<Dashboard>(`/api/v1/dashboard?days=${days}`),
  };
}
