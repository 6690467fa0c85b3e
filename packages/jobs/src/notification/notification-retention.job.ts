import { purgeOldNotifications } from '@vigil/core';
import type { UnitOfWork } from '@vigil/db';
import { defineJob, type JobHandlers } from '../job-definition.ts';

export const notificationRetentionJob = defineJob({
  name: 'retention.notifications',
  description:
    'Deletes notifications, their in-app alerts and deliveries older than VIGIL_RETENTION_NOTIFICATIONS_DAYS',
  retryLimit: 3,
  retryDelaySeconds: 60,
  retryBackoff: true,
  timeoutSeconds: 15 * 60,
  cron: '55 3 * * *',
});

/** Idempotent: deletes only what is past the limit. */
export function notificationRetentionHandlers(uow: UnitOfWork, days: number): JobHandlers {
  return {
    'retention.notifications': async () => {
      await purgeOldNotifications(uow, days);
    },
  };
}
