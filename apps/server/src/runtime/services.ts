import type { UnitOfWork } from '@vigil/db';
import {
  ApiTokenService,
  AuditService,
  AuthService,
  DashboardService,
  RehashService,
  SystemInfoService,
  DojoReadService,
  FilesystemArtifactStore,
  FindingFileService,
  FindingHistoryService,
  FindingAssignmentService,
  ImportService,
  AsyncImportService,
  JobAdminService,
  ReminderService,
  RetentionService,
  JiraConfigService,
  JiraInstanceService,
  JiraPushService,
  JiraSyncService,
  JiraEventDispatcher,
  JiraReconcileService,
  ImportFeedPoster,
  OutboundGuard,
  JiraWebhookService,
  SecretBox,
  createNotifications,
  EngagementService,
  FeedService,
  FindingNoteService,
  FindingService,
  FindingTemplateService,
  IdempotencyService,
  MembershipService,
  MinitwitService,
  ProductService,
  ProductTypeService,
  RiskAcceptanceService,
  SlaConfigurationService,
  TeamService,
  TeamInvitationService,
  EmailVerificationService,
  EMAIL_VERIFICATION_DEFAULTS,
  ChatAccess,
  ChatService,
  TestService,
  UserService,
  AdvisoryService,
  VulndbSyncRunService,
  SbomMatchService,
  SbomService,
} from '@vigil/core';
import type { Config } from '../config/config.ts';
import { jiraSyncIssueJob } from '@vigil/jobs';
import { VERSION } from './version.ts';

/** What the services are wired with: every value comes from the caller (no fallback here only tests would need). */
export type ServicesConfig = Pick<
  Config,
  | 'sessionTtlSeconds'
  | 'loginMaxFailures'
  | 'loginWindowSeconds'
  | 'artifactDir'
  | 'importMaxBytes'
  | 'dedup'
  | 'secretKey'
  | 'notifications'
  | 'jobs'
  | 'vulndb'
> &
  Partial<Pick<Config, 'minitwitSimulatorAuth' | 'databaseUrl'>>;

/** Every use-case service, wired once per process with its repositories. */
export function createServices(uow: UnitOfWork, config: ServicesConfig) {
  const artifacts = new FilesystemArtifactStore(config.artifactDir);
  const importMaxBytes = config.importMaxBytes;
  const imports = new ImportService(uow, artifacts, () => new Date(), { maxBytes: importMaxBytes }, config.dedup);
  const feed = new FeedService(uow);
  const teams = new TeamService(uow);
  const findings = new FindingService(uow);
  const secrets = new SecretBox(config.secretKey);
  // Jira calls go through the same SSRF guard and allow-list as notification targets.
  // The issue lease lasts as long as the sync job's timeout,
  // so a dead worker's lease ends when pg-boss retries its job.
  const jiraLeaseSeconds = config.jobs.timeouts[jiraSyncIssueJob.name] ?? jiraSyncIssueJob.timeoutSeconds;
  const jiraSync = new JiraSyncService(uow, secrets, {
    leaseSeconds: jiraLeaseSeconds,
    guard: new OutboundGuard(config.notifications.outboundAllow),
  });
  const notifications = createNotifications(uow, secrets, { ...config.notifications, version: VERSION });
  const teamInvitations = new TeamInvitationService(uow, teams);
  // Verification links go out through the SMTP channel; a verified address receives its waiting invitations.
  const emailVerification = new EmailVerificationService(uow, notifications.mailer, teamInvitations, {
    ...EMAIL_VERIFICATION_DEFAULTS,
    publicUrl: config.notifications.publicUrl,
  });
  const auth = new AuthService(uow, {
    sessionTtlSeconds: config.sessionTtlSeconds,
    maxLoginFailures: config.loginMaxFailures,
    loginWindowSeconds: config.loginWindowSeconds,
  });
  // A wrong currentPassword counts as a failed login for that username (the login throttle).
  const users = new UserService(uow, emailVerification, (user, password) => auth.verifyCurrentPassword(user, password));
  return {
    auth,
    apiTokens: new ApiTokenService(uow),
    users,
    feed,
    /** The durable consumer that posts the feed's automatic import messages (run by the worker role). */
    importFeedPosts: new ImportFeedPoster(uow),
    minitwit: new MinitwitService(uow, users, feed, config.minitwitSimulatorAuth), // undefined: simulator API off
    teams,
    teamInvitations,
    emailVerification,
    chat: new ChatService(uow, new ChatAccess(uow, teams, findings)),
    memberships: new MembershipService(uow),
    productTypes: new ProductTypeService(uow),
    products: new ProductService(uow),
    engagements: new EngagementService(uow),
    tests: new TestService(uow),
    findings,
    findingHistory: new FindingHistoryService(uow),
    findingAssignments: new FindingAssignmentService(uow),
    notes: new FindingNoteService(uow),
    findingFiles: new FindingFileService(uow, artifacts),
    slaConfigurations: new SlaConfigurationService(uow),
    riskAcceptances: new RiskAcceptanceService(uow),
    findingTemplates: new FindingTemplateService(uow),
    audit: new AuditService(uow),
    dashboard: new DashboardService(uow),
    imports,
    rehash: new RehashService(uow, config.dedup),
    systemInfo: new SystemInfoService(uow, {
      version: VERSION,
      database: config.databaseUrl ? 'postgresql' : 'embedded',
      limits: {
        importMaxBytes,
        sessionTtlSeconds: config.sessionTtlSeconds,
        loginMaxFailures: config.loginMaxFailures,
        loginWindowSeconds: config.loginWindowSeconds,
      },
      dedup: config.dedup,
    }),
    asyncImports: new AsyncImportService(uow, artifacts, imports),
    reminders: new ReminderService(uow),
    retention: new RetentionService(uow, artifacts, config.jobs),
    jobAdmin: new JobAdminService(uow),
    dojoReads: new DojoReadService(uow),
    jiraInstances: new JiraInstanceService(uow, secrets, jiraSync),
    jiraSync,
    jiraEvents: new JiraEventDispatcher(uow),
    jiraReconcile: new JiraReconcileService(uow, jiraSync),
    notifications: notifications.alerts,
    notificationDefaults: notifications.defaults,
    notificationChannels: notifications.channels,
    notificationDispatcher: notifications.dispatcher,
    notificationDelivery: notifications.delivery,
    jiraConfigs: new JiraConfigService(uow),
    jiraPush: new JiraPushService(uow),
    jiraWebhooks: new JiraWebhookService(uow),
    idempotency: new IdempotencyService(uow),
    advisories: new AdvisoryService(uow),
    sbom: new SbomService(uow),
    vulndbSyncRuns: new VulndbSyncRunService(uow, config.vulndb.sources),
    sbomMatch: new SbomMatchService(uow, config.dedup),
  };
}

export type Services = ReturnType<typeof createServices>;
