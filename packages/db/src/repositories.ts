import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { AccessRepository } from './access.repository.ts';
import { ApiTokenRepository } from './api-token.repository.ts';
import { AuditRepository } from './audit.repository.ts';
import { DashboardRepository } from './dashboard.repository.ts';
import { DeduplicationRepository } from './deduplication.repository.ts';
import { SystemRepository } from './system.repository.ts';
import { DomainEventRepository } from './domain-event.repository.ts';
import { EngagementRepository } from './engagement.repository.ts';
import { FeedRepository } from './feed.repository.ts';
import { FindingRepository } from './finding.repository.ts';
import { FindingFileRepository } from './finding-file.repository.ts';
import { FindingTemplateRepository } from './finding-template.repository.ts';
import { ImportRepository } from './import.repository.ts';
import { ImportRequestRepository } from './import-request.repository.ts';
import { JobRepository } from './job.repository.ts';
import { ReminderRepository } from './reminder.repository.ts';
import { RetentionRepository } from './retention.repository.ts';
import { JiraInstanceRepository } from './jira-instance.repository.ts';
import { JiraIssueRepository } from './jira-issue.repository.ts';
import { LoginAttemptRepository } from './login-attempt.repository.ts';
import { MembershipRepository } from './membership.repository.ts';
import { MetricsRepository } from './metrics.repository.ts';
import { NoteRepository } from './note.repository.ts';
import { NotificationRepository } from './notification.repository.ts';
import { NotificationChannelRepository } from './notification-channel.repository.ts';
import { NotificationDeliveryRepository } from './notification-delivery.repository.ts';
import { NotificationSubscriptionRepository } from './notification-subscription.repository.ts';
import { ProductRepository } from './product.repository.ts';
import { ProductTypeRepository } from './product-type.repository.ts';
import { RiskAcceptanceRepository } from './risk-acceptance.repository.ts';
import { SessionRepository } from './session.repository.ts';
import { SlaConfigurationRepository } from './sla-configuration.repository.ts';
import { TeamRepository } from './team.repository.ts';
import { TestRepository } from './test.repository.ts';
import { UserRepository } from './user.repository.ts';
import { EmailVerificationRepository } from './email-verification.repository.ts';
import { TeamInvitationRepository } from './team-invitation.repository.ts';
import { ChatMessageRepository } from './chat-message.repository.ts';
import { ChatReadMarkerRepository } from './chat-read-marker.repository.ts';
import { ChatRoomRepository } from './chat-room.repository.ts';
import { IdempotencyKeyRepository } from './idempotency-key.repository.ts';
import { runTransaction } from './transaction.ts';
import { RealtimeAccessRepository } from './realtime-access.repository.ts';
import { AdvisoryRepository } from './advisory/advisory.repository.ts';
import { AdvisorySearchRepository } from './advisory/advisory-search.repository.ts';
import { AliasGroupRepository } from './advisory/alias-group.repository.ts';
import { SyncRunRepository } from './advisory/sync-run.repository.ts';
import { SbomRepository } from './sbom/sbom.repository.ts';
import { SbomQueryRepository } from './sbom/sbom-query.repository.ts';
import { SbomMatchRepository } from './sbom/sbom-match.repository.ts';

/** Every repository bound to one connection or transaction. */
export interface Repositories {
  access: AccessRepository;
  apiTokens: ApiTokenRepository;
  audit: AuditRepository;
  dashboard: DashboardRepository;
  deduplication: DeduplicationRepository;
  system: SystemRepository;
  engagements: EngagementRepository;
  events: DomainEventRepository;
  feed: FeedRepository;
  findings: FindingRepository;
  findingFiles: FindingFileRepository;
  findingTemplates: FindingTemplateRepository;
  imports: ImportRepository;
  importRequests: ImportRequestRepository;
  /** The durable job queue: `enqueue` inside a transaction commits or rolls back with it (docs/jobs.md). */
  jobs: JobRepository;
  reminders: ReminderRepository;
  retention: RetentionRepository;
  jiraInstances: JiraInstanceRepository;
  jiraIssues: JiraIssueRepository;
  loginAttempts: LoginAttemptRepository;
  memberships: MembershipRepository;
  metrics: MetricsRepository;
  notes: NoteRepository;
  notifications: NotificationRepository;
  notificationChannels: NotificationChannelRepository;
  notificationDeliveries: NotificationDeliveryRepository;
  notificationSubscriptions: NotificationSubscriptionRepository;
  products: ProductRepository;
  productTypes: ProductTypeRepository;
  riskAcceptances: RiskAcceptanceRepository;
  sessions: SessionRepository;
  slaConfigurations: SlaConfigurationRepository;
  teams: TeamRepository;
  tests: TestRepository;
  users: UserRepository;
  emailVerifications: EmailVerificationRepository;
  teamInvitations: TeamInvitationRepository;
  chatMessages: ChatMessageRepository;
  chatReadMarkers: ChatReadMarkerRepository;
  chatRooms: ChatRoomRepository;
  idempotencyKeys: IdempotencyKeyRepository;
  realtimeAccess: RealtimeAccessRepository;
  advisories: AdvisoryRepository;
  advisorySearch: AdvisorySearchRepository;
  aliasGroups: AliasGroupRepository;
  vulndbSyncRuns: SyncRunRepository;
  sbom: SbomRepository;
  sbomQuery: SbomQueryRepository;
  sbomMatch: SbomMatchRepository;
}

export function createRepositories(db: Kysely<Database>): Repositories {
  return {
    access: new AccessRepository(db),
    apiTokens: new ApiTokenRepository(db),
    audit: new AuditRepository(db),
    dashboard: new DashboardRepository(db),
    deduplication: new DeduplicationRepository(db),
    system: new SystemRepository(db),
    engagements: new EngagementRepository(db),
    events: new DomainEventRepository(db),
    feed: new FeedRepository(db),
    findings: new FindingRepository(db),
    findingFiles: new FindingFileRepository(db),
    findingTemplates: new FindingTemplateRepository(db),
    imports: new ImportRepository(db),
    importRequests: new ImportRequestRepository(db),
    jobs: new JobRepository(db),
    reminders: new ReminderRepository(db),
    retention: new RetentionRepository(db),
    jiraInstances: new JiraInstanceRepository(db),
    jiraIssues: new JiraIssueRepository(db),
    loginAttempts: new LoginAttemptRepository(db),
    memberships: new MembershipRepository(db),
    metrics: new MetricsRepository(db),
    notes: new NoteRepository(db),
    notifications: new NotificationRepository(db),
    notificationChannels: new NotificationChannelRepository(db),
    notificationDeliveries: new NotificationDeliveryRepository(db),
    notificationSubscriptions: new NotificationSubscriptionRepository(db),
    products: new ProductRepository(db),
    productTypes: new ProductTypeRepository(db),
    riskAcceptances: new RiskAcceptanceRepository(db),
    sessions: new SessionRepository(db),
    slaConfigurations: new SlaConfigurationRepository(db),
    teams: new TeamRepository(db),
    tests: new TestRepository(db),
    users: new UserRepository(db),
    emailVerifications: new EmailVerificationRepository(db),
    teamInvitations: new TeamInvitationRepository(db),
    chatMessages: new ChatMessageRepository(db),
    chatReadMarkers: new ChatReadMarkerRepository(db),
    chatRooms: new ChatRoomRepository(db),
    idempotencyKeys: new IdempotencyKeyRepository(db),
    realtimeAccess: new RealtimeAccessRepository(db),
    advisories: new AdvisoryRepository(db),
    advisorySearch: new AdvisorySearchRepository(db),
    aliasGroups: new AliasGroupRepository(db),
    vulndbSyncRuns: new SyncRunRepository(db),
    sbom: new SbomRepository(db),
    sbomQuery: new SbomQueryRepository(db),
    sbomMatch: new SbomMatchRepository(db),
  };
}

/** Runs a unit of work in one transaction with repositories bound to it. */
export interface UnitOfWork {
  /** Repositories outside any transaction (reads). */
  readonly repos: Repositories;
  /** Claims the request's Idempotency-Key and reports a lost COMMIT as such (transaction.ts). */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}

export function createUnitOfWork(db: Kysely<Database>): UnitOfWork {
  const repos = createRepositories(db);
  return {
    repos,
    transaction: (work) => runTransaction(db, createRepositories, work),
  };
}
