import type { HttpClient } from './http-client.ts';
import type { ItemList } from './page.ts';

export interface SystemOverview {
  version: string;
  database: {
    kind: 'embedded' | 'postgresql';
    serverVersion: string;
    tables: { table: string; rows: number; bytes: number }[];
  };
  migrations: { applied: { name: string; executedAt: string }[]; pending: string[] };
  limits: { importMaxBytes: number; sessionTtlSeconds: number; loginMaxFailures: number; loginWindowSeconds: number };
  deduplication: {
    crossToolMatching: boolean;
    scanTypes: { scanType: string; algorithm: string; hashFields: string[]; overridden: boolean; recorded: boolean }[];
  };
}

export interface RehashRun {
  id: number;
  scanType: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  productsTotal: number;
  productsDone: number;
  result: { findings: number; hashesChanged: number; duplicateFlagsChanged: number } | null;
  error: string | null;
  requestedBy: number | null;
  createdAt: string;
  updatedAt: string;
}

export function systemApi(http: HttpClient) {
  return {
    overview: () => http.get<SystemOverview>('/api/v1/admin/system'),
    rehash: (scanType: string) => http.post<RehashRun>('/api/v1/admin/deduplication/rehash', { scanType }),
    rehashRuns: () => http.get<ItemList<RehashRun>>('/api/v1/admin/deduplication/rehash'),
  };
}
