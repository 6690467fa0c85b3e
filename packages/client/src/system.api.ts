import type { RehashRun, SystemOverview } from '@vigil/contract';
import type { HttpClient } from './http-client.ts';
import type { ItemList } from './page.ts';

// The system page and re-hash runs are the API contract's shapes (packages/contract/src/system-info/,
// deduplication/), imported as types only (no zod in the web bundle).
export type { RehashRun, SystemOverview } from '@vigil/contract';

export function systemApi(http: HttpClient) {
  return {
    overview: () => http.get<SystemOverview>('/api/v1/admin/system'),
    rehash: (scanType: string) => http.post<RehashRun>('/api/v1/admin/deduplication/rehash', { scanType }),
    rehashRuns: () => http.get<ItemList<RehashRun>>('/api/v1/admin/deduplication/rehash'),
  };
}
