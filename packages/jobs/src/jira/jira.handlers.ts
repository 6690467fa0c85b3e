import { JiraEventDispatcher, JiraReconcileService, JiraSyncService, OutboundGuard, SecretBox } from '@vigil/core';
import type { UnitOfWork } from '@vigil/db';
import type { JobHandler } from '../job-definition.ts';
import { jiraSyncIssueJob } from './jira.jobs.ts';

/**
 * Handlers of the Jira jobs; every one is idempotent (see docs/jira.md). The issue lease lasts as
 * long as the sync job's timeout, so a dead worker's lease ends when pg-boss retries its job.
 */
export function jiraHandlers(uow: UnitOfWork, secretKey: Buffer, timeouts: Record<string, number> = {}, outboundAllow: string[] = []): Record<string, JobHandler> {
  const leaseSeconds = timeouts[jiraSyncIssueJob.name] ?? jiraSyncIssueJob.timeoutSeconds;
  // Every Jira call goes through the SSRF guard with VIGIL_OUTBOUND_ALLOW (docs/jira.md).
  const sync = new JiraSyncService(uow, new SecretBox(secretKey), { leaseSeconds, guard: new OutboundGuard(outboundAllow) });
  const dispatcher = new JiraEventDispatcher(uow);
  const reconcile = new JiraReconcileService(uow, sync);
  return {
    'jira.sync-issue': async (payload) => {
      await sync.sync((payload as { issueId: number }).issueId);
    },
    'jira.dispatch-events': async () => {
      await dispatcher.drain();
    },
    'jira.reconcile': async () => {
      const r = await reconcile.run();
      if (r.errors.length) throw new Error(`Jira reconciliation failed for ${r.errors.join('; ')}`);
    },
  };
}
