import type { JobDefinition } from './job-definition.ts';
import { expiredSessionsCleanupJob, loginAttemptsCleanupJob } from './maintenance/maintenance.jobs.ts';
import { jiraJobs } from './jira/jira.jobs.ts';
import { importScanJob } from './import/import-scan.job.ts';
import { rehashJob } from './deduplication/rehash.job.ts';
import { scheduledJobs } from './scheduled/scheduled.jobs.ts';
import { notificationRetentionJob } from './notification/notification-retention.job.ts';
import { idempotencyKeysCleanupJob } from './maintenance/idempotency-keys.job.ts';
import { vulndbJobs } from './vulndb/vulndb-sync.job.ts';
import { sbomMatchJobs } from './sbom/sbom-match.job.ts';

/** Every job Vigil knows. */
export const jobDefinitions: JobDefinition[] = [
  expiredSessionsCleanupJob,
  loginAttemptsCleanupJob,
  importScanJob,
  rehashJob,
  ...scheduledJobs,
  ...jiraJobs,
  notificationRetentionJob,
  idempotencyKeysCleanupJob,
  ...vulndbJobs,
  ...sbomMatchJobs,
];
