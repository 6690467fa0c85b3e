import { z } from 'zod';
import { REHASH_JOB, type RehashService } from '@vigil/core';
import { defineJob, type JobHandler } from '../job-definition.ts';

export const rehashJob = defineJob({
  name: REHASH_JOB,
  description: 'Re-hashes and re-deduplicates one scan type after its identity configuration changed; progress in rehash_runs',
  payload: z.object({ runId: z.number().int().positive() }),
  retryLimit: 2,
  retryDelaySeconds: 30,
  retryBackoff: true,
  timeoutSeconds: 2 * 60 * 60,
});

export function rehashHandlers(rehash: Pick<RehashService, 'run'>): Record<string, JobHandler> {
  const handler: JobHandler<typeof rehashJob.payload> = async (payload, meta) => {
    await rehash.run(payload.runId, { final: meta.final });
  };
  return { [rehashJob.name]: handler as JobHandler };
}
