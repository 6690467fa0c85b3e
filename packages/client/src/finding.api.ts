import type {
  CreateFindingRequest,
  Finding,
  FindingDetail,
  FindingHistoryEntry,
  FindingListFilters,
  FindingNote,
  FindingSummary,
  Severity,
  StatusAction,
  UpdateFindingRequest,
} from '@vigil/contract';
import type { HttpClient } from './http-client.ts';
import type { ItemList, Page, PageQuery } from './page.ts';

// The finding's shapes are the API contract's (packages/contract/src/finding/): the types are
// inferred from its zod schemas (type-only imports: no zod in the web bundle) and the value lists
// come from its zod-free module.
export { SEVERITIES, STATUS_ACTIONS, FINDING_ABILITIES } from '@vigil/contract/values';
export type {
  CreateFindingRequest,
  Finding,
  FindingAbility,
  FindingDetail,
  FindingHistoryEntry,
  FindingLocation,
  FindingNote,
  FindingSort,
  FindingSummary,
  Severity,
  StatusAction,
  UpdateFindingRequest,
} from '@vigil/contract';

/** The list's filters as the client sends them (the query string carries them as text). */
export type FindingListQuery = PageQuery &
  Partial<Omit<FindingListFilters, 'severity' | 'view' | 'limit' | 'cursor'>> & { severity?: readonly Severity[] };

export function findingApi(http: HttpClient) {
  return {
    /** Findings-table rows (the default, cheap view). */
    list: (q: FindingListQuery = {}) => http.get<Page<FindingSummary>>('/api/v1/findings', { ...q }),
    /** The same page with every field of each finding (exports). */
    listFull: (q: FindingListQuery = {}) => http.get<Page<Finding>>('/api/v1/findings', { ...q, view: 'full' }),
    get: (id: number) => http.get<FindingDetail>(`/api/v1/findings/${id}`),
    create: (body: CreateFindingRequest) => http.post<Finding>('/api/v1/findings', body),
    update: (id: number, body: UpdateFindingRequest) => http.patch<Finding>(`/api/v1/findings/${id}`, body),
    remove: (id: number) => http.delete(`/api/v1/findings/${id}`),
    history: (id: number) => http.get<ItemList<FindingHistoryEntry>>(`/api/v1/findings/${id}/history`),
    bulkStatus: (ids: number[], action: StatusAction) =>
      http.post<ItemList<Finding>>('/api/v1/findings/bulk-status', { ids, action }),
    bulkAssign: (ids: number[], assigneeId: number | null) =>
      http.post<ItemList<Finding>>('/api/v1/findings/bulk-assign', { ids, assigneeId }),
    notes: (id: number) => http.get<ItemList<FindingNote>>(`/api/v1/findings/${id}/notes`),
    addNote: (id: number, entry: string, isPrivate = false) =>
      http.post<FindingNote>(`/api/v1/findings/${id}/notes`, { entry, private: isPrivate }),
  };
}
