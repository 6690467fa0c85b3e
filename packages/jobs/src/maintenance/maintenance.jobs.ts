import { defineJob } from '../job-definition.ts';

export const expiredSessionsCleanupJob = defineJob({
  name: 'maintenance.expired-sessions',
  description: 'Deletes expired login sessions',
  retryLimit: 3,
  retryDelaySeconds: 30,
  retryBackoff: true,
  timeoutSeconds: 300,
  cron: '17 * * * *',
});

export const loginAttemptsCleanupJob = defineJob({
  name: 'maintenance.login-attempts',
  description: 'Deletes failed-login counters whose window has passed',
  retryLimit: 3,
  retryDelaySeconds: 30,
  retryBackoff: true,
  timeoutSeconds: 300,
  cron: '23 * * * *',
});
