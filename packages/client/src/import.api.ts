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

/** The import answer; `statistics` shape is owned by the import API, so the UI renders it generically. */
export interface ImportScanResponse {
  testId?: number;
  test?: number;
  statistics?: Record<string, unknown>;
  [key: string]: unknown;
}

/** Field names follow DefectDojo's import-scan form, which the import API accepts. */
export function importScanForm(req: ImportScanRequest): FormData {
  const form = new FormData();
  form.set('scan_type', req.scanType);
  if (req.engagementId !== undefined) form.set('engagement', String(req.engagementId));
  if (req.productName) form.set('product_name', req.productName);
  if (req.engagementName) form.set('engagement_name', req.engagementName);
  if (req.minimumSeverity) form.set('minimum_severity', req.minimumSeverity);
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
        const res = await http.get<ScanType[] | { results?: ScanType[]; items?: ScanType[] }>('/api/v2/test_types/', { limit: 1000 });
        const list = Array.isArray(res) ? res : (res.results ?? res.items ?? []);
        return list.filter((t) => t && typeof t.name === 'string');
      } catch (e) {
        if ((e as { status?: number }).status === 404) return null;
        throw e;
      }
    },
    importScan: (req: ImportScanRequest) => http.postForm<ImportScanResponse>('/api/v1/import', importScanForm(req)),
  };
}
