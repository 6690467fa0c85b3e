import type { UnitOfWork } from '@vigil/db';
import {
  ApiTokenService,
  AuditService,
  AuthService,
  EngagementService,
  FindingNoteService,
  FindingService,
  FindingTemplateService,
  MembershipService,
  ProductService,
  ProductTypeService,
  RiskAcceptanceService,
  SlaConfigurationService,
  TeamService,
  TestService,
  UserService,
} from '@vigil/core';
import type { Config } from '../config/config.ts';

/** Every use-case service, wired once per process with its repositories. */
export function createServices(uow: UnitOfWork, config: Pick<Config, 'sessionTtlSeconds' | 'loginMaxFailures' | 'loginWindowSeconds'>) {
  return {
    auth: new AuthService(uow, {
      sessionTtlSeconds: config.sessionTtlSeconds,
      maxLoginFailures: config.loginMaxFailures,
      loginWindowSeconds: config.loginWindowSeconds,
    }),
    apiTokens: new ApiTokenService(uow),
    users: new UserService(uow),
    teams: new TeamService(uow),
    memberships: new MembershipService(uow),
    productTypes: new ProductTypeService(uow),
    products: new ProductService(uow),
    engagements: new EngagementService(uow),
    tests: new TestService(uow),
    findings: new FindingService(uow),
    notes: new FindingNoteService(uow),
    slaConfigurations: new SlaConfigurationService(uow),
    riskAcceptances: new RiskAcceptanceService(uow),
    findingTemplates: new FindingTemplateService(uow),
    audit: new AuditService(uow),
  };
}

export type Services = ReturnType<typeof createServices>;
