import { JIRA_SYNC_JOB } from '@vigil/core';
import { defineJob } from '../job-definition.ts';

/** Brings one Jira issue in line with Vigil (create/update, transition, comments). Idempotent. */
export const jiraSyncIssueJob = defineJob({
  name: JIRA_SYNC_JOB,
  description: 'Creates or updates one Jira issue, transitions it and posts pending comments',
  retryLimit: 8,
  retryDelaySeconds: 30,
  retryBackoff: true,
  timeoutSeconds: 300,
});

/** Reads the domain event log and enqueues Jira syncs (auto-push, status changes, notes). */
export const jiraDispatchEventsJob = defineJob({
  name: 'jira.dispatch-events',
  description: 'Turns new domain events into Jira sync jobs',
  retryLimit: 3,
  retryDelaySeconds: 10,
  retryBackoff: true,
  timeoutSeconds: 120,
  cron: '* * * * *',
});

/** Safety net for missed webhooks: applies Jira status changes of recently updated issues. */
export const jiraReconcileJob = defineJob({
  name: 'jira.reconcile',
  description: 'Searches Jira for Vigil issues updated since the last run and applies their status to findings',
  retryLimit: 3,
  retryDelaySeconds: 60,
  retryBackoff: true,
  timeoutSeconds: 600,
  cron: '*/15 * * * *',
});

export const jiraJobs = [jiraSyncIssueJob, jiraDispatchEventsJob, jiraReconcileJob];
