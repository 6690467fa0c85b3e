import { z } from 'zod';
import { purgeOldNotifications } from '@vigil/core';
import type { UnitOfWork } from '@vigil/db';
import { defineJob, type JobHandler } from '../job-definition.ts';

export const notificationRetentionJob = defineJob({
  name: 'retention.notifications',
  description: 'Deletes notifications, their in-app alerts and deliveries older than VIGIL_RETENTION_NOTIFICATIONS_DAYS',
  payload: z.object({}).passthrough(),
  retryLimit: 3,
  retryDelaySeconds: 60,
  retryBackoff: true,
  timeoutSeconds: 15 * 60,
  cron: '55 3 * * *',
});

/** Idempotent: deletes only what is past the limit. */
export function notificationRetentionHandlers(uow: UnitOfWork, days: number): Record<string, JobHandler> {
  return {
    [notificationRetentionJob.name]: async () => {
      await purgeOldNotifications(uow, days);
    },
  };
}
