import type {
  AdvisoryDetail,
  AdvisoryListRequest,
  AdvisoryRating,
  AdvisorySummary,
  SyncRun,
  TriggerSyncRequest,
  TriggerSyncResponse,
} from '@vigil/contract';
import type { HttpClient } from './http-client.ts';
import type { Page, PageQuery } from './page.ts';

// The advisory API's shapes are the contract's (packages/contract/src/advisory/advisory-api.contract.ts),
// imported as types only: no zod in the web bundle.
export { ADVISORY_LIST_SORTS, ADVISORY_RATINGS, SYNC_RUN_STATUSES } from '@vigil/contract/values';
export type {
  AdvisoryAffected,
  AdvisoryDetail,
  AdvisoryRating,
  AdvisorySeverity,
  AdvisorySummary,
  SyncRun,
  TriggerSyncRequest,
  TriggerSyncResponse,
} from '@vigil/contract';

/** The search's filters as the client sends them: ratings as a list, a CWE as its number. */
export type AdvisoryListQuery = PageQuery &
  Omit<AdvisoryListRequest, 'severity' | 'cwe' | 'limit' | 'cursor'> & {
    severity?: readonly AdvisoryRating[];
    cwe?: number;
  };

export function advisoryApi(http: HttpClient) {
  return {
    /** GET /api/v1/advisories: a page of matching advisories, newest first. */
    list: (q: AdvisoryListQuery = {}) => http.get<Page<AdvisorySummary>>('/api/v1/advisories', { ...q }),
    /** GET /api/v1/advisories/:id: by the advisory's id or one of its aliases. */
    get: (idOrAlias: string) => http.get<AdvisoryDetail>(`/api/v1/advisories/${encodeURIComponent(idOrAlias)}`),
    /** GET /api/v1/vulndb/sync-runs: the sync history, newest first. */
    syncRuns: (q: PageQuery & { source?: string } = {}) =>
      http.get<Page<SyncRun>>('/api/v1/vulndb/sync-runs', { ...q }),
    /** POST /api/v1/vulndb/sync-runs: queue a sync of the configured sources now (administrators). */
    triggerSync: (body: TriggerSyncRequest = {}) => http.post<TriggerSyncResponse>('/api/v1/vulndb/sync-runs', body),
  };
}
