import type { JiraEventDispatcher, JiraReconcileService, JiraSyncService } from '@vigil/core';
import type { JobHandlers } from '../job-definition.ts';

/**
 * Handlers of the Jira jobs; every one is idempotent (see docs/jira.md). The services come from the
 * composition root (apps/server/src/runtime/services.ts), which gives the sync service an issue
 * lease as long as the sync job's timeout.
 */
export function jiraHandlers(s: {
  jiraSync: Pick<JiraSyncService, 'sync'>;
  jiraEvents: Pick<JiraEventDispatcher, 'drain'>;
  jiraReconcile: Pick<JiraReconcileService, 'run'>;
}): JobHandlers {
  return {
    'jira.sync-issue': async (payload) => {
      await s.jiraSync.sync(payload.issueId);
    },
    'jira.dispatch-events': async () => {
      await s.jiraEvents.drain();
    },
    'jira.reconcile': async () => {
      const r = await s.jiraReconcile.run();
      if (r.errors.length) throw new Error(`Jira reconciliation failed for ${r.errors.join('; ')}`);
    },
  };
}
