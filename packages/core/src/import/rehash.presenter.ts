import type { RehashRun } from '@vigil/contract';
import type { RehashRunRow } from '@vigil/db';

/** A re-hash run as administrators follow it (/api/v1/admin/deduplication/rehash). */
export function presentRehashRun(r: RehashRunRow): RehashRun {
  return {
    id: r.id,
    scanType: r.scan_type,
    state: r.state,
    productsTotal: r.products_total,
    productsDone: r.products_done,
    // The stored JSON is the run's RehashResult, written when it finished (rehash.service.ts).
    result: (r.result as RehashRun['result'] | undefined) ?? null,
    error: r.error,
    requestedBy: r.requested_by,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
