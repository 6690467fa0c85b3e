import type { FindingRow, FindingUpdate, JiraInstanceRow, JiraIssueRow, Repositories } from '@vigil/db';
import { publish, topic } from '../events/domain-events.ts';
import { statusChange } from '../finding/finding-status.ts';
import { statusOf } from '../finding/finding.service.ts';

/** What a Jira status means for the findings of the issue. */
export type RemoteVerdict = 'close' | 'false_positive' | 'risk_accepted' | 'reopen';

export interface RemoteStatus {
  status: string | null;
  statusCategory: string | null;
  resolution: string | null;
}

/** Jira done + resolution → mitigated / false positive / risk accepted; not done → active again. */
export function verdictOf(
  remote: RemoteStatus,
  instance: Pick<JiraInstanceRow, 'false_positive_resolutions' | 'risk_accepted_resolutions'>,
): RemoteVerdict {
  if (remote.statusCategory !== 'done') return 'reopen';
  const resolution = (remote.resolution ?? '').toLowerCase();
  if (resolution && instance.false_positive_resolutions.some((r) => r.toLowerCase() === resolution))
    return 'false_positive';
  if (resolution && instance.risk_accepted_resolutions.some((r) => r.toLowerCase() === resolution))
    return 'risk_accepted';
  return 'close';
}

function patchFor(verdict: RemoteVerdict, f: FindingRow, now: Date): FindingUpdate | undefined {
  switch (verdict) {
    case 'close':
      return f.active ? statusChange('close', null, now, f) : undefined;
    case 'false_positive':
      return f.false_p ? undefined : statusChange('false_positive', null, now, f);
    case 'risk_accepted':
      return f.risk_accepted ? undefined : { active: false, risk_accepted: true, last_status_update: now };
    case 'reopen':
      return f.active || f.duplicate ? undefined : statusChange('reopen', null, now, f);
  }
}

/**
 * Applies a Jira issue's status to its findings, in the caller's transaction: audit rows and
 * 'finding.status_changed' events (source 'jira') like a triage by hand. Records the Jira status
 * on the issue, so the next outbound sync sees nothing new to push. Returns the findings changed.
 */
export async function applyRemoteStatus(
  repos: Repositories,
  issue: JiraIssueRow,
  instance: JiraInstanceRow,
  remote: RemoteStatus,
  now: Date,
): Promise<number[]> {
  await repos.jiraIssues.setRemoteStatus(issue.id, remote.status, remote.resolution);
  if (issue.kind === 'epic' || remote.status === null) return [];
  const verdict = verdictOf(remote, instance);
  const changed: FindingRow[] = [];
  const before = new Map<number, FindingRow>();
  for (const f of await repos.jiraIssues.findingsOf(issue.id)) {
    const patch = patchFor(verdict, f, now);
    if (!patch) continue;
    const after = await repos.findings.update(f.id, patch);
    if (after) {
      changed.push(after);
      before.set(f.id, f);
    }
  }
  if (!changed.length) return [];
  await repos.audit.append(
    changed.map((after) => ({
      actorId: null,
      action: `status:jira:${verdict}`,
      entityType: 'finding',
      entityId: after.id,
      before: statusOf(before.get(after.id)!),
      after: {
        ...statusOf(after),
        jiraKey: issue.jira_key,
        jiraStatus: remote.status,
        jiraResolution: remote.resolution,
      },
      requestId: null,
    })),
  );
  await publish(
    repos,
    changed.map((f) => ({
      type: 'finding.status_changed',
      topics: [topic.finding(f.id), topic.product(f.product_id)],
      actorId: null,
      payload: {
        findingId: f.id,
        productId: f.product_id,
        testId: f.test_id,
        title: f.title,
        severity: f.severity,
        status: statusOf(f),
        action: `jira:${verdict}`,
        source: 'jira',
        jiraKey: issue.jira_key,
      },
    })),
  );
  return changed.map((f) => f.id);
}
