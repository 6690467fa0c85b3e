import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp, TextArray, Severity } from './schema-columns.ts';

export interface JiraInstancesTable {
  id: Generated<number>;
  name: string;
  url: string;
  username: string;
  token_sealed: string;
  webhook_secret_digest: string;
  false_positive_resolutions: TextArray;
  risk_accepted_resolutions: TextArray;
  reconciled_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}
export interface JiraConfigsTable {
  id: Generated<number>;
  product_id: number;
  engagement_id: number | null;
  instance_id: number;
  project_key: string;
  issue_type: Generated<string>;
  priority_map: ColumnType<Record<string, string>, string | undefined, string>;
  close_transition: Generated<string>;
  reopen_transition: Generated<string>;
  labels: TextArray;
  component: string | null;
  push_min_severity: Severity | null;
  engagement_epic: Generated<boolean>;
  push_notes: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}
export interface JiraIssuesTable {
  id: Generated<number>;
  subject: string;
  kind: 'finding' | 'group' | 'epic';
  instance_id: number;
  config_id: number;
  product_id: number;
  engagement_id: number | null;
  title: string;
  jira_id: string | null;
  jira_key: string | null;
  jira_url: string | null;
  jira_status: string | null;
  jira_resolution: string | null;
  state: Generated<'pending' | 'synced' | 'error'>;
  last_error: string | null;
  attempts: Generated<number>;
  lease_until: Timestamp | null;
  last_synced_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}
export interface JiraFindingLinksTable {
  finding_id: number;
  jira_issue_id: number;
  created_at: CreatedAt;
}
export interface JiraCommentsTable {
  id: Generated<number>;
  jira_issue_id: number;
  note_id: number | null;
  jira_comment_id: string | null;
  direction: 'outbound' | 'inbound';
  created_at: CreatedAt;
}

/** Jira synchronisation (migration 0007). */
export interface JiraTables {
  jira_instances: JiraInstancesTable;
  jira_configs: JiraConfigsTable;
  jira_issues: JiraIssuesTable;
  jira_finding_links: JiraFindingLinksTable;
  jira_comments: JiraCommentsTable;
}
