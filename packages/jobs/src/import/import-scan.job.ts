import { IMPORT_SCAN_JOB, type AsyncImportService } from '@vigil/core';
import { defineJob, type JobHandlers } from '../job-definition.ts';

export const importScanJob = defineJob({
  name: IMPORT_SCAN_JOB,
  description:
    'Runs a queued scan import (POST /api/v1/import with async=true); idempotent through its import_requests row',
  retryLimit: 3,
  retryDelaySeconds: 5,
  retryBackoff: true,
  timeoutSeconds: 30 * 60,
});

export function importHandlers(asyncImports: Pick<AsyncImportService, 'run'>): JobHandlers {
  return { [IMPORT_SCAN_JOB]: (payload, meta) => asyncImports.run(payload.requestId, { final: meta.final }) };
}
