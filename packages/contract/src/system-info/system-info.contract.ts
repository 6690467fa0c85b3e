import { z } from 'zod';
import { zInstant } from '../common/common.contract.ts';
import { DEDUP_ALGORITHMS } from '../deduplication/deduplication-values.ts';

// The administrators' system page (GET /api/v1/admin/system): what the process runs with (never
// secrets), the database, its migrations, and each scan type's deduplication identity.

export const ZSystemOverview = z.object({
  version: z.string(),
  database: z.object({
    kind: z.enum(['embedded', 'postgresql']),
    serverVersion: z.string(),
    tables: z
      .array(z.object({ table: z.string(), rows: z.number().int(), bytes: z.number().int() }))
      .describe('the largest tables'),
  }),
  migrations: z.object({
    applied: z.array(z.object({ name: z.string(), executedAt: zInstant() })),
    pending: z.array(z.string()),
  }),
  limits: z.object({
    importMaxBytes: z.number().int(),
    sessionTtlSeconds: z.number().int(),
    loginMaxFailures: z.number().int(),
    loginWindowSeconds: z.number().int(),
  }),
  deduplication: z.object({
    crossToolMatching: z.boolean(),
    scanTypes: z.array(
      z.object({
        scanType: z.string(),
        algorithm: z.enum(DEDUP_ALGORITHMS),
        hashFields: z.array(z.string()),
        overridden: z.boolean().describe('set by VIGIL_DEDUP_CONFIG'),
        recorded: z.boolean().describe('the findings were hashed with this identity'),
      }),
    ),
  }),
});
export type SystemOverview = z.infer<typeof ZSystemOverview>;
