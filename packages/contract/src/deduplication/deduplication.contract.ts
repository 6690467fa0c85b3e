import { z } from 'zod';
import { zId, zInstant, zItems } from '../common/common.contract.ts';
import { REHASH_STATES } from './deduplication-values.ts';

// Re-hash and re-deduplicate after a scan type's identity changed (/api/v1/admin/deduplication/…,
// administrators; docs/import.md).

export const ZRehashRequest = z.object({ scanType: z.string().trim().min(1).max(200) });
export type RehashRequest = z.input<typeof ZRehashRequest>;

/** What a finished run changed. */
export const ZRehashResult = z.object({
  findings: z.number().int().nonnegative(),
  hashesChanged: z.number().int().nonnegative(),
  duplicateFlagsChanged: z.number().int().nonnegative(),
});
export type RehashResult = z.infer<typeof ZRehashResult>;

export const ZRehashRun = z.object({
  id: zId(),
  scanType: z.string(),
  state: z.enum(REHASH_STATES),
  productsTotal: z.number().int().nonnegative(),
  productsDone: z.number().int().nonnegative(),
  result: ZRehashResult.nullable().describe('once done'),
  error: z.string().nullable(),
  requestedBy: zId().nullable(),
  createdAt: zInstant(),
  updatedAt: zInstant(),
});
export type RehashRun = z.infer<typeof ZRehashRun>;
export const ZRehashRunList = zItems(ZRehashRun);
