import type { IdempotencyService } from '@vigil/core';
import { defineJob, type JobHandlers } from '../job-definition.ts';

/** Idempotency keys live 24 hours (docs/api.md "Safe retries"); this keeps the table bounded. */
export const idempotencyKeysCleanupJob = defineJob({
  name: 'maintenance.idempotency-keys',
  description: 'Deletes Idempotency-Key records older than 24 hours',
  retryLimit: 3,
  retryDelaySeconds: 30,
  retryBackoff: true,
  timeoutSeconds: 300,
  cron: '29 * * * *',
});

/** Idempotent: deletes only keys past their expiry. */
export function idempotencyKeysHandlers(service: Pick<IdempotencyService, 'deleteExpired'>): JobHandlers {
  return {
    'maintenance.idempotency-keys': async () => {
      await service.deleteExpired();
    },
  };
}
