import { z } from 'zod';

// The probes' contract (/healthz, /readyz): public, for load balancers and orchestrators.

export const ZHealth = z.object({ status: z.literal('ok') });
export const ZReady = z.object({ status: z.literal('ready') });
export const ZNotReady = z.object({
  status: z.literal('not ready'),
  reason: z.string().describe('pending migrations, or the database is unreachable'),
});
/** Prometheus text exposition format. */
export const ZMetricsText = z.string();
