/** Table types of the Vigil database, kept in step with migrations/ (one file per area beside it). */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  BusinessCriticality,
  EngagementStatus,
  EngagementType,
  Lifecycle,
  Platform,
} from '@vigil/contract/values';
import type { NotificationTables } from './notification.schema.ts';
import type {
  CreatedAt,
  DateString,
  Json,
  Numeric,
  ProductRole,
  Severity,
  TextArray,
  Timestamp,
} from './schema-columns.ts';
import type { FeedTables } from './feed.schema.ts';
import type { EventAndJobTables, RehashRunsTable } from './event.schema.ts';
import type { ChatTables } from './chat.schema.ts';
import type { IdempotencyTables } from './idempotency.schema.ts';
import type { AdvisoryTables } from './advisory/advisory.schema.ts';
import type { SbomTables } from './sbom/sbom.schema.ts';
import type {
  ApiTokensTable,
  EmailVerificationTokensTable,
  LoginAttemptsTable,
  SessionsTable,
  TeamMembersTable,
  TeamsTable,
  UsersTable,
} from './account.schema.ts';
import type { JiraConfigsTable, JiraInstancesTable, JiraIssuesTable, JiraTables } from './jira.schema.ts';

export type * from './feed.schema.ts';
export type * from './event.schema.ts';
export type * from './chat.schema.ts';
export type * from './idempotency.schema.ts';
export type * from './jira.schema.ts';
export type * from './account.schema.ts';

export type { Severity, ProductRole, TeamRole } from './schema-columns.ts';

export interface SlaConfigurationsTable {
  id: Generated<number>;
  name: string;
  description: Generated<string>;
  critical_days: number;
  high_days: number;
  medium_days: number;
  low_days: number;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface ProductTypesTable {
  id: Generated<number>;
  name: string;
  description: Generated<string>;
  critical_product: Generated<boolean>;
  key_product: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface ProductsTable {
  id: Generated<number>;
  product_type_id: number;
  sla_configuration_id: Generated<number>;
  name: string;
  description: Generated<string>;
  business_criticality: BusinessCriticality | null;
  platform: Platform | null;
  lifecycle: Lifecycle | null;
  origin: string | null;
  tags: TextArray;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface MembershipsTable {
  id: Generated<number>;
  user_id: number | null;
  team_id: number | null;
  product_type_id: number | null;
  product_id: number | null;
  role: ProductRole;
  created_at: CreatedAt;
}

export interface EngagementsTable {
  id: Generated<number>;
  product_id: number;
  name: string;
  description: Generated<string>;
  target_start: DateString;
  target_end: DateString;
  status: Generated<EngagementStatus>;
  engagement_type: Generated<EngagementType>;
  version: string | null;
  branch_tag: string | null;
  commit_hash: string | null;
  build_id: string | null;
  source_code_management_uri: string | null;
  lead_id: number | null;
  deduplication_on_engagement: Generated<boolean>;
  tags: TextArray;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface TestsTable {
  id: Generated<number>;
  engagement_id: number;
  scan_type: string;
  title: string | null;
  description: Generated<string>;
  environment: Generated<string>;
  target_start: CreatedAt;
  target_end: CreatedAt;
  version: string | null;
  build_id: string | null;
  commit_hash: string | null;
  branch_tag: string | null;
  lead_id: number | null;
  tags: TextArray;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface FindingsTable {
  id: Generated<number>;
  test_id: number;
  engagement_id: number;
  product_id: number;
  title: string;
  severity: Severity;
  numerical_severity: number;
  description: Generated<string>;
  mitigation: Generated<string>;
  impact: Generated<string>;
  references: Generated<string>;
  cwe: number | null;
  vulnerability_ids: TextArray;
  cvssv3: string | null;
  cvssv3_score: Numeric | null;
  cvssv4: string | null;
  cvssv4_score: Numeric | null;
  epss_score: Numeric | null;
  epss_percentile: Numeric | null;
  file_path: string | null;
  line: number | null;
  component_name: string | null;
  component_version: string | null;
  unique_id_from_tool: string | null;
  vuln_id_from_tool: string | null;
  hash_code: string | null;
  date: DateString;
  active: Generated<boolean>;
  verified: Generated<boolean>;
  false_p: Generated<boolean>;
  out_of_scope: Generated<boolean>;
  risk_accepted: Generated<boolean>;
  under_review: Generated<boolean>;
  is_mitigated: Generated<boolean>;
  mitigated_at: Timestamp | null;
  mitigated_by_id: number | null;
  duplicate: Generated<boolean>;
  duplicate_finding_id: number | null;
  static_finding: Generated<boolean>;
  dynamic_finding: Generated<boolean>;
  nb_occurences: Generated<number>;
  sla_start_date: string | null;
  sla_expiration_date: string | null;
  reporter_id: number | null;
  assignee_id: number | null;
  tags: TextArray;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  last_status_update: CreatedAt;
}

export interface FindingLocationsTable {
  id: Generated<number>;
  finding_id: number;
  kind: 'url' | 'dependency';
  protocol: string | null;
  host: string | null;
  port: number | null;
  path: string | null;
  query: string | null;
  purl: string | null;
  mitigated: Generated<boolean>;
}

export interface FindingNotesTable {
  id: Generated<number>;
  finding_id: number;
  author_id: number | null;
  entry: string;
  private: Generated<boolean>;
  edited: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface FindingNoteHistoryTable {
  id: Generated<number>;
  note_id: number;
  entry: string;
  edited_by_id: number | null;
  edited_at: CreatedAt;
}

export interface FindingFilesTable {
  id: Generated<number>;
  finding_id: number;
  title: string;
  filename: string;
  content_type: string;
  size: number;
  storage_key: string;
  uploaded_by_id: number | null;
  created_at: CreatedAt;
}

export interface RiskAcceptancesTable {
  id: Generated<number>;
  product_id: number;
  name: string;
  decision: string;
  decision_details: Generated<string>;
  accepted_by: Generated<string>;
  owner_id: number;
  expiration_date: string | null;
  expired_at: Timestamp | null;
  reactivate_expired: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface RiskAcceptanceFindingsTable {
  risk_acceptance_id: number;
  finding_id: number;
}

export interface FindingTemplatesTable {
  id: Generated<number>;
  title: string;
  severity: Severity | null;
  description: Generated<string>;
  mitigation: Generated<string>;
  impact: Generated<string>;
  references: Generated<string>;
  cwe: number | null;
  vulnerability_ids: TextArray;
  tags: TextArray;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: CreatedAt;
  actor_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: Json;
  after: Json;
  request_id: string | null;
}

export interface TestImportsTable {
  id: Generated<number>;
  test_id: number;
  kind: 'import' | 'reimport';
  scan_type: string;
  stats: Json;
  artifact_key: string | null;
  actor_id: number | null;
  created_at: CreatedAt;
}

export interface Database
  extends NotificationTables,
    FeedTables,
    EventAndJobTables,
    ChatTables,
    JiraTables,
    IdempotencyTables,
    AdvisoryTables,
    SbomTables {
  users: UsersTable;
  email_verification_tokens: EmailVerificationTokensTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  sla_configurations: SlaConfigurationsTable;
  product_types: ProductTypesTable;
  products: ProductsTable;
  memberships: MembershipsTable;
  engagements: EngagementsTable;
  tests: TestsTable;
  findings: FindingsTable;
  finding_locations: FindingLocationsTable;
  finding_notes: FindingNotesTable;
  finding_note_history: FindingNoteHistoryTable;
  finding_files: FindingFilesTable;
  risk_acceptances: RiskAcceptancesTable;
  risk_acceptance_findings: RiskAcceptanceFindingsTable;
  finding_templates: FindingTemplatesTable;
  audit_log: AuditLogTable;
  test_imports: TestImportsTable;
}

export type UserRow = Selectable<UsersTable>;
export type ProductTypeRow = Selectable<ProductTypesTable>;
export type ProductRow = Selectable<ProductsTable>;
export type EngagementRow = Selectable<EngagementsTable>;
export type NewEngagement = Insertable<EngagementsTable>;
export type EngagementUpdate = Updateable<EngagementsTable>;
export type TestRow = Selectable<TestsTable>;
export type NewTest = Insertable<TestsTable>;
export type TestUpdate = Updateable<TestsTable>;
export type FindingRow = Selectable<FindingsTable>;
export type NewFinding = Insertable<FindingsTable>;
export type FindingUpdate = Updateable<FindingsTable>;
export type TeamRow = Selectable<TeamsTable>;
export type SlaConfigurationRow = Selectable<SlaConfigurationsTable>;
export type NewSlaConfiguration = Insertable<SlaConfigurationsTable>;
export type SlaConfigurationUpdate = Updateable<SlaConfigurationsTable>;
export type RiskAcceptanceRow = Selectable<RiskAcceptancesTable>;
export type FindingNoteRow = Selectable<FindingNotesTable>;
export type FindingTemplateRow = Selectable<FindingTemplatesTable>;
export type NewFindingTemplate = Insertable<FindingTemplatesTable>;
export type FindingTemplateUpdate = Updateable<FindingTemplatesTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type SessionRow = Selectable<SessionsTable>;
export type MembershipRow = Selectable<MembershipsTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type TestImportRow = Selectable<TestImportsTable>;
export type RehashRunRow = Selectable<RehashRunsTable>;
export type JiraInstanceRow = Selectable<JiraInstancesTable>;
export type JiraConfigRow = Selectable<JiraConfigsTable>;
export type JiraIssueRow = Selectable<JiraIssuesTable>;
