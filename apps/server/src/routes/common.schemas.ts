import { z } from 'zod';
import { FINDING_LIMITS } from '@vigil/core';

/** Shared request pieces: ids, booleans in query strings, keyset pagination. */
export const ZIdParams = z.object({ id: z.coerce.number().int().positive() });
export const zQueryBool = () =>
  z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional();
export const MAX_PAGE = 500;
export const ZPageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
  cursor: z.string().max(500).optional(),
});
// Every resource's tags share the findings' tag limits.
export const zTags = () => z.array(z.string().min(1).max(FINDING_LIMITS.tag)).max(FINDING_LIMITS.tagCount);
export const zDate = () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export function pageOf<T, U>(page: { items: T[]; nextCursor: string | null }, present: (item: T) => U) {
  return { items: page.items.map(present), nextCursor: page.nextCursor };
}
