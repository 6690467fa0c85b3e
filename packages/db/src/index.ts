export * from './schema.ts';
export * from './keyset.ts';
export * from './repositories.ts';
export {
  createDatabase,
  type DatabaseHandle,
  type DatabaseKind,
  type DatabaseOptions,
} from './connection/create-database.ts';
export { DataDirLockedError } from './connection/data-dir-lock.ts';
export { MigrationRunner, MigrationFailedError, migrations, type MigrationStatus } from './migrator.ts';
export { readableProductIds, readableProductTypeIds } from './access.repository.ts';
export {
  FINDING_SORTS,
  FINDING_SUMMARY_COLUMNS,
  type FindingSummaryRow,
  type FindingFilter,
  type FindingSort,
  type FindingLocation,
} from './finding.repository.ts';
export type { ProductStats } from './product.repository.ts';
export type { TestWithScope } from './test.repository.ts';
export type { AuditEntry, EntityHistoryEntry } from './audit.repository.ts';
export type { MembershipSubject, MembershipTarget, MembershipView } from './membership.repository.ts';
export type { FeedPostView, TimelineQuery } from './feed.repository.ts';
export type { ImportedLocation, FindingIdentity, SeverityStatusCount, StatusPatch } from './import.repository.ts';
export type { ImportedFindingRow } from './import-finding-rows.ts';
export type { FindingFileRow } from './finding-file.repository.ts';
export type { TeamInvitationView } from './team-invitation.repository.ts';
export type { EmailVerificationTokenRow } from './email-verification.repository.ts';
export type { ChatMessageView, ChatAnchor } from './chat-message.repository.ts';
export {
  LOG_START,
  type DomainEventRecord,
  type EventPosition,
  type NewDomainEvent,
} from './domain-event.repository.ts';
export type { RecentImport, RemediationTime, SlaFinding, SlaSummary, TrendDay } from './dashboard.repository.ts';
export {
  EXHAUST_RETRIES_SQL,
  JOB_QUEUE_SCHEMA,
  JOB_STATES,
  QueueNotFoundError,
  type EnqueueOptions,
  type FailedJob,
  type JobState,
  type QueueDepth,
  type QueuePolicy,
} from './job.repository.ts';
export type { ImportRequestRow, ImportRequestState } from './import-request.repository.ts';
export type { PendingJiraComment } from './jira-issue.repository.ts';
export * from './notification.schema.ts';
export type { AlertView, NewNotification, Recipient } from './notification.repository.ts';
export type { NewDelivery } from './notification-delivery.repository.ts';
export type { SubscriptionInput, SubscriptionOwner } from './notification-subscription.repository.ts';
export { readRouting, type ReadRoute } from './connection/read-routing.ts';
export { DatabaseUnavailableError, isFailoverError } from './connection/failover-errors.ts';
export { CommitOutcomeUnknownError, wasRolledBack } from './connection/commit-outcome.ts';
export { idempotencyScope, IdempotencyKeyTakenError, type IdempotencyScope } from './connection/idempotency-scope.ts';
export { IDEMPOTENCY_KEY_TTL_SECONDS } from './transaction.ts';
export type { IdempotencyKeyRow, StoredResponse } from './idempotency-key.repository.ts';
export { splitHosts, parseReplicaUrls } from './connection/database-hosts.ts';
export type { FailoverEvent, FailoverPool } from './connection/failover-pool.ts';
export { BackupRepository, type TableChecksum } from './backup.repository.ts';
export { restorePgliteDataDir } from './connection/pglite-backup.ts';
export type {
  EngagementReminder,
  ExpiredRiskAcceptance,
  RiskAcceptanceReminder,
  SlaBreachDigest,
} from './reminder.repository.ts';
export type { CrossToolCandidate, HashableFinding } from './deduplication.repository.ts';
export * from './change-topics.ts';
export type * from './advisory/advisory.schema.ts';
export type {
  AdvisoryWrite,
  AffectedWrite,
  SeverityWrite,
  StoredAdvisoryVersion,
  UpsertedAdvisory,
} from './advisory/advisory.repository.ts';
export {
  ADVISORY_SORTS,
  type AdvisoryAffectedRow,
  type AdvisoryDetailRow,
  type AdvisoryFilter,
  type AdvisorySeverityRow,
  type AdvisorySort,
  type AdvisorySummaryRow,
} from './advisory/advisory-search.repository.ts';
export type { AliasGroupAssignment, AliasGroupView, AliasRegion } from './advisory/alias-group.repository.ts';
export {
  SYNC_RUN_INVALID_KEPT,
  type InvalidRecord,
  type SyncCounts,
  type SyncRunRow,
} from './advisory/sync-run.repository.ts';
export type * from './sbom/sbom.schema.ts';
export type { InventoryComponentWrite, InventorySummaryRow, InventoryWrite } from './sbom/sbom.repository.ts';
export type {
  ComponentSearch,
  ComponentUsageRow,
  InventoryComponentRow,
  PackageVersionsRow,
  UsageSearch,
} from './sbom/sbom-query.repository.ts';
export type {
  InventoryGraphRow,
  MatchCandidateRow,
  MatchedFindingFields,
  PackageKey,
} from './sbom/sbom-match.repository.ts';
