import type { ImportRequestStatus } from '@vigil/contract';
import type { ImportRequestRow } from '@vigil/db';

/** An asynchronous import as its requester polls it (GET /api/v1/import/requests/:id). */
export function presentImportRequest(r: ImportRequestRow): ImportRequestStatus {
  return {
    id: r.id,
    state: r.state,
    mode: r.mode,
    scanType: r.scan_type,
    filename: r.filename,
    productId: r.product_id,
    testId: r.test_id,
    importId: r.import_id,
    attempts: r.attempts,
    // The stored JSON is presentImport's answer, written in the import's transaction (markDone).
    result: r.state === 'done' ? (r.result as ImportRequestStatus['result']) : null,
    error: r.state === 'failed' ? r.error : null,
    createdAt: r.created_at.toISOString(),
    startedAt: r.started_at?.toISOString() ?? null,
    finishedAt: r.finished_at?.toISOString() ?? null,
  };
}
