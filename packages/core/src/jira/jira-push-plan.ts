import { createHash } from 'node:crypto';
import type { FindingRow, JiraConfigRow, Repositories } from '@vigil/db';

/** The sync job's name; the job definition in packages/jobs uses the same string. */
export const JIRA_SYNC_JOB = 'jira.sync-issue';

import type { JiraGroupBy } from '@vigil/contract';

export { JIRA_GROUP_BY, type JiraGroupBy } from '@vigil/contract';

function groupValue(f: FindingRow, by: JiraGroupBy): string | null {
  switch (by) {
    case 'component_name':
      return f.component_name;
    case 'component_name+component_version':
      return f.component_name ? `${f.component_name}:${f.component_version ?? ''}` : null;
    case 'file_path':
      return f.file_path;
    case 'finding_title':
      return f.title;
  }
}

/**
 * Enqueues one sync per issue. No pg-boss singleton: its throttle window would drop a change made
 * just after a sync; a duplicate sync is harmless (idempotent, and the lease serialises them).
 */
export async function enqueueSync(repos: Pick<Repositories, 'jobs'>, issueIds: number[]): Promise<void> {
  const unique = [...new Set(issueIds)];
  if (unique.length)
    await repos.jobs.enqueueMany(
      JIRA_SYNC_JOB,
      unique.map((issueId) => ({ issueId })),
    );
}

/**
 * Records the intent to have Jira issues for these findings (issue rows keyed by subject, links)
 * and enqueues their syncs, all in the caller's transaction. Findings already linked are re-synced;
 * findings whose product has no Jira configuration are returned as skipped.
 */
export async function planPush(
  repos: Repositories,
  findings: FindingRow[],
  groupBy: JiraGroupBy | null,
): Promise<{ issueIds: number[]; skipped: number[] }> {
  const linked = await repos.jiraIssues.issuesOfFindings(findings.map((f) => f.id));
  const issueIds: number[] = [];
  const skipped: number[] = [];
  const groups = new Map<string, { config: JiraConfigRow; findings: FindingRow[]; title: string }>();
  const configs = new Map<string, JiraConfigRow | undefined>();
  const configOf = async (f: FindingRow) => {
    const k = `${f.product_id}:${f.engagement_id}`;
    if (!configs.has(k)) configs.set(k, await repos.jiraInstances.effectiveConfig(f.product_id, f.engagement_id));
    return configs.get(k);
  };

  for (const f of findings) {
    const existing = linked.get(f.id);
    if (existing) {
      issueIds.push(existing.id);
      continue;
    }
    const config = await configOf(f);
    if (!config) {
      skipped.push(f.id);
      continue;
    }
    if (config.engagement_epic) await ensureEpic(repos, config, f);
    const value = groupBy ? groupValue(f, groupBy) : null;
    if (value === null) {
      const issue = await repos.jiraIssues.ensure({
        subject: `finding-${f.id}`,
        kind: 'finding',
        instance_id: config.instance_id,
        config_id: config.id,
        product_id: f.product_id,
        engagement_id: f.engagement_id,
        title: f.title,
      });
      await repos.jiraIssues.linkFindings(issue.id, [f.id]);
      issueIds.push(issue.id);
      continue;
    }
    const subject =
      `group-${f.test_id}-` + `${createHash('sha256').update(`${groupBy}\u0000${value}`).digest('hex').slice(0, 16)}`;
    const g = groups.get(subject) ?? { config, findings: [], title: value };
    g.findings.push(f);
    groups.set(subject, g);
  }

  for (const [subject, g] of groups) {
    const first = g.findings[0];
    const issue = await repos.jiraIssues.ensure({
      subject,
      kind: 'group',
      instance_id: g.config.instance_id,
      config_id: g.config.id,
      product_id: first.product_id,
      engagement_id: first.engagement_id,
      title: `${g.title} (${g.findings.length} findings)`,
    });
    await repos.jiraIssues.linkFindings(
      issue.id,
      g.findings.map((f) => f.id),
    );
    issueIds.push(issue.id);
  }
  await enqueueSync(repos, issueIds);
  return { issueIds: [...new Set(issueIds)], skipped };
}

async function ensureEpic(repos: Repositories, config: JiraConfigRow, f: FindingRow): Promise<void> {
  const subject = `epic-${f.engagement_id}`;
  if (await repos.jiraIssues.findBySubject(subject)) return;
  const engagement = await repos.engagements.findById(f.engagement_id);
  await repos.jiraIssues.ensure({
    subject,
    kind: 'epic',
    instance_id: config.instance_id,
    config_id: config.id,
    product_id: f.product_id,
    engagement_id: f.engagement_id,
    title: engagement?.name ?? `Engagement ${f.engagement_id}`,
  });
}
