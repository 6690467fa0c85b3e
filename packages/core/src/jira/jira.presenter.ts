import type { JiraConfig, JiraInstance, JiraLink } from '@vigil/contract';
import type { JiraConfigRow, JiraInstanceRow, JiraIssueRow } from '@vigil/db';

/** An instance without its credentials: the token and webhook secret never leave the server. */
export function presentJiraInstance(row: JiraInstanceRow): JiraInstance {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    username: row.username,
    falsePositiveResolutions: row.false_positive_resolutions,
    riskAcceptedResolutions: row.risk_accepted_resolutions,
    reconciledAt: row.reconciled_at ? row.reconciled_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function presentJiraConfig(row: JiraConfigRow): JiraConfig {
  return {
    id: row.id,
    productId: row.product_id,
    engagementId: row.engagement_id,
    instanceId: row.instance_id,
    projectKey: row.project_key,
    issueType: row.issue_type,
    // Written only from a validated request (severity keys), read back as plain JSON.
    priorityMap: row.priority_map as JiraConfig['priorityMap'],
    closeTransition: row.close_transition,
    reopenTransition: row.reopen_transition,
    labels: row.labels,
    component: row.component,
    pushMinSeverity: row.push_min_severity,
    engagementEpic: row.engagement_epic,
    pushNotes: row.push_notes,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The small Jira field shown with a finding. */
export function presentJiraLink(issue: JiraIssueRow): JiraLink {
  return {
    key: issue.jira_key,
    url: issue.jira_url,
    kind: issue.kind,
    state: issue.state,
    status: issue.jira_status,
    lastError: issue.last_error,
    lastSyncedAt: issue.last_synced_at ? issue.last_synced_at.toISOString() : null,
  };
}
