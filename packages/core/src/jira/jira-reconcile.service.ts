import type { JiraInstanceRow, UnitOfWork } from '@vigil/db';
import { VIGIL_LABEL } from './jira-issue-content.ts';
import { applyRemoteStatus } from './jira-remote-status.ts';
import type { JiraSyncService } from './jira-sync.service.ts';

/** Jira's JQL dates have minute precision; the window overlaps the previous run by this much. */
const OVERLAP_MS = 2 * 60_000;
const FIRST_RUN_LOOKBACK_MS = 24 * 3600_000;
const MAX_ISSUES_PER_RUN = 5000;

const jqlDate = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ').replace(/-/g, '/');

/**
 * The periodic safety net for missed webhooks: per instance, searches the configured projects for
 * Vigil issues updated since the last run and applies status differences to their findings.
 */
export class JiraReconcileService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sync: JiraSyncService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async run(): Promise<{ instances: number; examined: number; changedFindings: number; errors: string[] }> {
    const out = { instances: 0, examined: 0, changedFindings: 0, errors: [] as string[] };
    for (const instance of await this.uow.repos.jiraInstances.list()) {
      try {
        const r = await this.runInstance(instance);
        out.instances++;
        out.examined += r.examined;
        out.changedFindings += r.changed;
      } catch (err) {
        out.errors.push(`${instance.name}: ${(err as Error).message}`);
      }
    }
    return out;
  }

  private async runInstance(instance: JiraInstanceRow): Promise<{ examined: number; changed: number }> {
    const started = this.clock();
    const projects = [
      ...new Set((await this.uow.repos.jiraInstances.configsOfInstance(instance.id)).map((c) => c.project_key)),
    ];
    if (!projects.length) return { examined: 0, changed: 0 };
    const since = new Date(
      (instance.reconciled_at?.getTime() ?? started.getTime() - FIRST_RUN_LOOKBACK_MS) - OVERLAP_MS,
    );
    const jql =
      `project in (${projects.map((p) => `"${p}"`).join(', ')}) AND labels = "${VIGIL_LABEL}" AND updated ` +
      `>= "${jqlDate(since)}" ORDER BY updated ASC`;
    const snapshots = await this.sync.client(instance).search(jql, MAX_ISSUES_PER_RUN);
    const known = new Map(
      (
        await this.uow.repos.jiraIssues.byKeys(
          instance.id,
          snapshots.map((s) => s.key),
        )
      ).map((i) => [i.jira_key, i]),
    );
    let changed = 0;
    for (const snap of snapshots) {
      const issue = known.get(snap.key);
      if (!issue || issue.jira_status === snap.status) continue;
      changed += (await this.uow.transaction((repos) => applyRemoteStatus(repos, issue, instance, snap, this.clock())))
        .length;
    }
    await this.uow.repos.jiraInstances.setReconciledAt(instance.id, started);
    return { examined: snapshots.length, changed };
  }
}
