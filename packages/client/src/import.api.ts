import type {
  DojoTestType,
  DojoTestTypePage,
  ImportOptions,
  ImportRequestStatus,
  ImportResponse,
} from '@vigil/contract';
import type { HttpClient } from './http-client.ts';

// The import's shapes are the API contract's (packages/contract/src/import/): types inferred from
// its zod schemas (type-only imports: no zod in the web bundle), value lists from its zod-free module.
export { IMPORT_ACTIONS, IMPORT_REQUEST_STATES, IMPORT_STATISTIC_ROWS } from '@vigil/contract/values';
export type {
  ImportAction,
  ImportOptions,
  ImportRequestResult,
  ImportRequestState,
  ImportRequestStatus,
  ImportStatisticRow,
  SeverityCounts,
} from '@vigil/contract';
/** The answer of POST /api/v1/import. */
export type ImportScanResponse = ImportResponse;
/** A scan type as GET /api/v2/test_types/ lists it. */
export type ScanType = DojoTestType;

/** What the web app's import form sends: a few of the import's options, and the report. */
export type ImportScanRequest = Pick<
  ImportOptions,
  'scanType' | 'engagementId' | 'productName' | 'engagementName' | 'minimumSeverity' | 'active' | 'verified'
> & { file: Blob; fileName?: string };

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
        return (await http.get<DojoTestTypePage>('/api/v2/test_types/', { limit: 1000 })).results;
      } catch (e) {
        if ((e as { status?: number }).status === 404) return null;
        throw e;
      }
    },
    importScan: (req: ImportScanRequest) => http.postForm<ImportResponse>('/api/v1/import', importScanForm(req)),
    /** Queues the import on a worker; follow it with `request(id)` or the import.* live events. */
    importScanAsync: (req: ImportScanRequest) =>
      http.postForm<ImportRequestStatus>('/api/v1/import?async=true', importScanForm(req)),
    request: (id: number) => http.get<ImportRequestStatus>(`/api/v1/import/requests/${id}`),
  };
}
