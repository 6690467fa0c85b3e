import type { ReminderService, RetentionService } from '@vigil/core';
import type { JobHandler, JobHandlers } from '../job-definition.ts';
import {
  artifactCleanupJob,
  auditRetentionJob,
  duplicateCleanupJob,
  eventRetentionJob,
  riskAcceptanceExpiryJob,
  slaBreachesJob,
  staleEngagementsJob,
  upcomingEngagementsJob,
} from './scheduled.jobs.ts';

/** Each handler is idempotent: the services claim what they announce and delete only what is past its limit. */
export function scheduledHandlers(s: { reminders: ReminderService; retention: RetentionService }): JobHandlers {
  const run =
    (work: () => Promise<unknown>): JobHandler =>
    async () => {
      await work();
    };
  return {
    [upcomingEngagementsJob.name]: run(() => s.reminders.upcomingEngagements()),
    [staleEngagementsJob.name]: run(() => s.reminders.staleEngagements()),
    [slaBreachesJob.name]: run(() => s.reminders.slaBreaches()),
    [riskAcceptanceExpiryJob.name]: run(() => s.reminders.riskAcceptances()),
    [duplicateCleanupJob.name]: run(() => s.retention.excessDuplicates()),
    [auditRetentionJob.name]: run(() => s.retention.auditLog()),
    [eventRetentionJob.name]: run(() => s.retention.domainEvents()),
    [artifactCleanupJob.name]: run(() => s.retention.artifactStore()),
  };
}
