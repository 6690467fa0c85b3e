import { defineJob, type JobDefinition } from '../job-definition.ts';

/**
 * Scheduled jobs take no input (their payload schema in @vigil/contract is empty): each run works out what is due now.
 */
const policy = { retryLimit: 3, retryDelaySeconds: 60, retryBackoff: true, timeoutSeconds: 15 * 60 };

export const upcomingEngagementsJob = defineJob({
  ...policy,
  name: 'reminders.upcoming-engagements',
  description: 'Announces engagements starting within 3 days (engagement.upcoming), once per engagement and start date',
  cron: '0 6 * * *',
});
export const staleEngagementsJob = defineJob({
  ...policy,
  name: 'reminders.stale-engagements',
  description: 'Announces open engagements past their end date (engagement.stale), once per engagement and end date',
  cron: '5 6 * * *',
});
export const slaBreachesJob = defineJob({
  ...policy,
  name: 'sla.breaches',
  description: 'Finds findings whose SLA expired and publishes one sla.breached digest per product',
  cron: '10 6 * * *',
});
export const riskAcceptanceExpiryJob = defineJob({
  ...policy,
  name: 'risk-acceptances.expiry',
  description: 'Announces acceptances expiring within 3 days; expires past ones and reactivates their findings',
  cron: '15 6 * * *',
});
export const duplicateCleanupJob = defineJob({
  ...policy,
  name: 'retention.duplicates',
  description: 'Deletes the oldest duplicates beyond VIGIL_MAX_DUPLICATES per original (0 = keep all)',
  cron: '30 3 * * *',
});
export const auditRetentionJob = defineJob({
  ...policy,
  name: 'retention.audit-log',
  description: 'Deletes audit entries older than VIGIL_RETENTION_AUDIT_DAYS',
  cron: '40 3 * * *',
});
export const eventRetentionJob = defineJob({
  ...policy,
  name: 'retention.domain-events',
  description: 'Deletes domain events older than VIGIL_RETENTION_EVENTS_DAYS that every consumer has read',
  cron: '45 3 * * *',
});
export const artifactCleanupJob = defineJob({
  ...policy,
  name: 'retention.artifacts',
  description: 'Deletes stored reports and files nothing references, older than VIGIL_ARTIFACT_GRACE_DAYS',
  cron: '50 3 * * *',
});

export const scheduledJobs: JobDefinition[] = [
  upcomingEngagementsJob,
  staleEngagementsJob,
  slaBreachesJob,
  riskAcceptanceExpiryJob,
  duplicateCleanupJob,
  auditRetentionJob,
  eventRetentionJob,
  artifactCleanupJob,
];
