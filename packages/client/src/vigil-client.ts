import { HttpClient, type HttpClientOptions } from './http-client.ts';
import { auditLogApi, slaConfigurationApi } from './admin.api.ts';
import { authApi, userApi } from './auth.api.ts';
import { dashboardApi } from './dashboard.api.ts';
import { engagementApi, testApi } from './engagement.api.ts';
import { findingApi } from './finding.api.ts';
import { jiraApi } from './jira.api.ts';
import { importApi } from './import.api.ts';
import { productApi, productTypeApi } from './product.api.ts';
import { riskAcceptanceApi } from './risk-acceptance.api.ts';
import { systemApi } from './system.api.ts';
import { jobsApi } from './jobs.api.ts';
import { teamApi, teamInvitationApi, teamMembershipApi } from './team.api.ts';
import { chatApi } from './chat.api.ts';
import { notificationApi } from './notification.api.ts';
import { advisoryApi } from './advisory.api.ts';
import { sbomApi } from './sbom.api.ts';
import { sbomMatchApi } from './sbom-match.api.ts';

/** The typed Vigil API: one namespace per resource. */
export function createVigilClient(opts: HttpClientOptions = {}) {
  const http = new HttpClient(opts);
  return {
    http,
    auth: authApi(http),
    users: userApi(http),
    productTypes: productTypeApi(http),
    products: productApi(http),
    engagements: engagementApi(http),
    tests: testApi(http),
    findings: findingApi(http),
    jira: jiraApi(http),
    slaConfigurations: slaConfigurationApi(http),
    auditLog: auditLogApi(http),
    teams: teamApi(http),
    imports: importApi(http),
    dashboard: dashboardApi(http),
    riskAcceptances: riskAcceptanceApi(http),
    system: systemApi(http),
    jobs: jobsApi(http),
    teamMembership: teamMembershipApi(http),
    teamInvitations: teamInvitationApi(http),
    chat: chatApi(http),
    notifications: notificationApi(http),
    advisories: advisoryApi(http),
    sbom: sbomApi(http),
    sbomMatch: sbomMatchApi(http),
  };
}

export type VigilClient = ReturnType<typeof createVigilClient>;
