import type { UnitOfWork } from '@vigil/db';
import {
  ApiTokenService,
  AuditService,
  AuthService,
  DashboardService,
  DojoReadService,
  FilesystemArtifactStore,
  FindingFileService,
  ImportService,
  EngagementService,
  FeedService,
  FindingNoteService,
  FindingService,
  FindingTemplateService,
  MembershipService,
  MinitwitService,
  ProductService,
  ProductTypeService,
  RiskAcceptanceService,
  SlaConfigurationService,
  TeamService,
  TestService,
  UserService,
} from '@vigil/core';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config/config.ts';

/** Every use-case service, wired once per process with its repositories. */
export function createServices(
  uow: UnitOfWork,
  config: Pick<Config, 'sessionTtlSeconds' | 'loginMaxFailures' | 'loginWindowSeconds'> & Partial<Pick<Config, 'minitwitSimulatorAuth' | 'artifactDir' | 'importMaxBytes'>>,
) {
  const artifacts = new FilesystemArtifactStore(config.artifactDir ?? join(tmpdir(), 'vigil-artifacts'));
  const importMaxBytes = config.importMaxBytes ?? 200 * 1024 * 1024;
  const users = new UserService(uow);
  const feed = new FeedService(uow);
  return {
    auth: new AuthService(uow, {
      sessionTtlSeconds: config.sessionTtlSeconds,
      maxLoginFailures: config.loginMaxFailures,
      loginWindowSeconds: config.loginWindowSeconds,
    }),
    apiTokens: new ApiTokenService(uow),
    users,
    feed,
    minitwit: new MinitwitService(uow, users, feed, config.minitwitSimulatorAuth ?? 'simulator:super_safe!'),
    teams: new TeamService(uow),
    memberships: new MembershipService(uow),
    productTypes: new ProductTypeService(uow),
    products: new ProductService(uow),
    engagements: new EngagementService(uow),
    tests: new TestService(uow),
    findings: new FindingService(uow),
    notes: new FindingNoteService(uow),
    findingFiles: new FindingFileService(uow, artifacts),
    slaConfigurations: new SlaConfigurationService(uow),
    riskAcceptances: new RiskAcceptanceService(uow),
    findingTemplates: new FindingTemplateService(uow),
    audit: new AuditService(uow),
    dashboard: new DashboardService(uow),
    imports: new ImportService(uow, artifacts, () => new Date(), { maxBytes: importMaxBytes }),
    dojoReads: new DojoReadService(uow),
  };
}

export type Services = ReturnType<typeof createServices>;
