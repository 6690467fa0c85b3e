import type { ImportResult } from './import-request.ts';

/** Vigil's own answer to an import (POST /api/v1/import). */
export function presentImport(r: ImportResult) {
  return {
    importId: r.importId,
    mode: r.mode,
    scanType: r.scanType,
    testId: r.testId,
    engagementId: r.engagementId,
    productId: r.productId,
    productTypeId: r.productTypeId,
    findingsInReport: r.findingsInReport,
    statistics: r.statistics,
    /** Findings whose fields were cut to the API's limits (long texts end with a marker), per field. */
    truncated: r.truncated,
  };
}
