import type { ImportResponse, ScanTypeList } from '@vigil/contract';
import type { Parser } from '@vigil/parsers';
import type { ImportResult } from './import-request.ts';

/** Vigil's own answer to an import (POST /api/v1/import). */
export function presentImport(r: ImportResult): ImportResponse {
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
    truncated: r.truncated,
  };
}

/** A scan-type name import accepts, and the parser that reads it (GET /api/v1/import/scan-types). */
export function presentScanType(name: string, parser: Parser): ScanTypeList['items'][number] {
  return { name, parser: parser.id, description: parser.description, fileTypes: parser.fileTypes };
}
