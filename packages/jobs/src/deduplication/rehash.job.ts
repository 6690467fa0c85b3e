import { REHASH_JOB, type RehashService } from '@vigil/core';
import { defineJob, type JobHandlers } from '../job-definition.ts';

export const rehashJob = defineJob({
  name: REHASH_JOB,
  description:
    'Re-hashes and re-deduplicates one scan type after its identity configuration changed; progress in rehash_runs',
  retryLimit: 2,
  retryDelaySeconds: 30,
  retryBackoff: true,
  timeoutSeconds: 2 * 60 * 60,
});

export function rehashHandlers(rehash: Pick<RehashService, 'run'>): JobHandlers {
  return {
    [REHASH_JOB]: async (payload, meta) => {
      await rehash.run(payload.runId, { final: meta.final });
    },
  };
}
