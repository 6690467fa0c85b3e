import { z } from 'zod';

/**
 * Ids are PostgreSQL `integer` columns: 1 to 2147483647. A larger number used to pass the schemas
 * and fail in the database (500); bounded here it is a 400 VALIDATION_FAILED naming the field.
 */
export const PG_INT_MAX = 2_147_483_647;
/** An id in a JSON body. */
export const zIdValue = () => z.number().int().min(1).max(PG_INT_MAX);
/** An id in a path or query string. */
export const zIdParam = () => z.coerce.number().int().min(1).max(PG_INT_MAX);
