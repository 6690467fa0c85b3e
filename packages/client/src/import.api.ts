import type { HttpClient } from './http-client.ts';

export interface ScanType {
  id?: number;
  name: string;
}

export interface ImportScanRequest {
  scanType: string;
  file: Blob;
  fileName?: string;
  engagementId?: number;
  productName?: string;
  engagementName?: string;
  minimumSeverity?: string;
  active?: boolean;
  verified?: boolean;
}

/** Counts by severity of one import action. */
export interface SeverityCounts {
  total: number;
  critical: number;
  high: number;
  medium: number;
  low: number;
  info: number;
}

export const IMPORT_ACTIONS = ['created', 'reactivated', 'closed', 'untouched', 'duplicates'] as const;
export type ImportAction = (typeof IMPORT_ACTIONS)[number];

/** The answer of POST /api/v1/import. */
export interface ImportScanResponse {
  importId: number;
  mode: 'import' | 'reimport';
  scanType: string;
  testId: number;
  engagementId: number;
  productId: number;
  productTypeId: number;
  findingsInReport: number;
  statistics: Record<ImportAction, SeverityCounts>;
}

/** An import running on a worker (POST /api/v1/import?async=true). */
export interface ImportRequestStatus {
  id: number;
  state: 'queued' | 'running' | 'done' | 'failed';
  mode: 'import' | 'reimport';
  scanType: string;
  filename: string | null;
  productId: number | null;
  testId: number | null;
  result: ImportScanResponse | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** The multipart form of Vigil's import API (POST /api/v1/import; docs/import.md). */
export function importScanForm(req: ImportScanRequest): FormData {
  const form = new FormData();
  form.set('scanType', req.scanType);
  if (req.engagementId !== undefined) form.set('engagementId', String(req.engagementId));
  if (req.productName) form.set('productName', req.productName);
  if (req.engagementName) form.set('engagementName', req.engagementName);
  if (req.minimumSeverity) form.set('minimumSeverity', req.minimumSeverity);
  if (req.active !== undefined) form.set('active', String(req.active));
  if (req.verified !== undefined) form.set('verified', String(req.verified));
  // The file goes last so that servers streaming the multipart body see the options first.
  form.set('file', req.file, req.fileName ?? 'report');
  return form;
}

export function importApi(http: HttpClient) {
  return {
    /** Supported scan types, or null when this server has no scan-type listing (404). */
    scanTypes: async (): Promise<ScanType[] | null> => {
      try {
        const res = await http.get<ScanType[] | { results?: ScanType[]; items?: ScanType[] }>('/api/v2/test_types/', {
          limit: 1000,
        });
        const list = Array.isArray(res) ? res : (res.results ?? res.items ?? []);
        return list.filter((t) => t && typeof t.name === 'string');
      } catch (e) {
        if ((e as { status?: number }).status === 404) return null;
        throw e;
      }
    },
    importScan: (req: ImportScanRequest) => http.postForm<ImportScanResponse>('/api/v1/import', importScanForm(req)),
    /** Queues the import on a worker; follow it with `request(id)` or the import.* live events. */
    importScanAsync: (req: ImportScanRequest) =>
      http.postForm<ImportRequestStatus>('/api/v1/import?async=true', importScanForm(req)),
    request: (id: number) => http.get<ImportRequestStatus>(`/api/v1/import/requests/${id}`),
  };
}
