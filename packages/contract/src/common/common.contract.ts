import { z } from 'zod';
import { FINDING_LIMITS } from '../finding/finding-values.ts';

/** Shared request pieces: ids, booleans in query strings, keyset pagination, dates and tags. */
/** Ids are PostgreSQL integer columns: 1 to 2147483647 (a larger id is a 400 naming the field, not a 500). */
export const PG_INT_MAX = 2_147_483_647;
/** An id in a JSON body. */
export const zIdValue = () => z.number().int().min(1).max(PG_INT_MAX);
/** An id in a path or query string. */
export const zIdParam = () => z.coerce.number().int().min(1).max(PG_INT_MAX);
export const ZIdParams = z.object({ id: zIdParam() });
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

/** Shared response pieces. */
export const zId = () => z.number().int();
/** An instant as the API writes it: ISO 8601 in UTC (`Date.toISOString()`). */
export const zInstant = () => z.iso.datetime();
/** A calendar date, YYYY-MM-DD. */
export const zDay = () => z.iso.date();
/** One keyset page: pass `nextCursor` back as `cursor` for the next one; null at the end. */
export const zPage = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
/** A whole list in one answer. */
export const zItems = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
/** 204: no body. */
export const ZNoContent = z.undefined().describe('No content');
