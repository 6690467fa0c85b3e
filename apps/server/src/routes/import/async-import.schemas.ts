import { z } from 'zod';
import { zFormBool } from './import.schemas.ts';

/** POST /api/v1/import?async=true runs the import on a worker (docs/jobs.md). */
export const ZImportQuery = z.object({ async: zFormBool() });

export const ZImportRequestParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
