import type { FastifyInstance } from 'fastify';
import type { Services } from '../runtime/services.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { emailVerificationRoutes } from './auth/email-verification.routes.ts';
import { userRoutes } from './users/users.routes.ts';
import { teamRoutes } from './teams/teams.routes.ts';
import { teamInvitationRoutes } from './teams/team-invitations.routes.ts';
import { chatRoutes } from './chat/chat.routes.ts';
import { productTypeRoutes } from './product-types/product-types.routes.ts';
import { productRoutes } from './products/products.routes.ts';
import { engagementRoutes } from './engagements/engagements.routes.ts';
import { testRoutes } from './tests/tests.routes.ts';
import { findingRoutes } from './findings/findings.routes.ts';
import { noteRoutes } from './findings/notes.routes.ts';
import { findingFileRoutes } from './findings/files.routes.ts';
import { slaConfigurationRoutes } from './admin/sla-configurations.routes.ts';
import { riskAcceptanceRoutes } from './admin/risk-acceptances.routes.ts';
import { findingTemplateRoutes } from './admin/finding-templates.routes.ts';
import { auditLogRoutes } from './admin/audit-log.routes.ts';
import { jobsRoutes } from './jobs/jobs.routes.ts';
import { dashboardRoutes } from './dashboard/dashboard.routes.ts';
import { deduplicationRoutes } from './admin/deduplication.routes.ts';
import { systemInfoRoutes } from './admin/system-info.routes.ts';
import { importRoutes } from './import/import.routes.ts';
import { dojoRoutes } from './import/dojo.routes.ts';
import { feedRoutes } from './feed/feed.routes.ts';
import { minitwitRoutes } from './minitwit/minitwit.routes.ts';
import { feedPageRoutes } from './feed-pages/feed-pages.routes.ts';
import { notificationRoutes } from './notifications/notifications.routes.ts';
import { notificationSubscriptionRoutes } from './notifications/notification-subscriptions.routes.ts';
import { notificationAdminRoutes } from './notifications/notification-admin.routes.ts';
import { jiraInstanceRoutes } from './jira/jira-instances.routes.ts';
import { jiraConfigRoutes } from './jira/jira-configs.routes.ts';
import { jiraPushRoutes } from './jira/jira-push.routes.ts';
import { jiraWebhookRoutes } from './jira/jira-webhook.routes.ts';
import { advisoryRoutes } from './advisories/advisories.routes.ts';
import { vulndbSyncRunRoutes } from './advisories/vulndb-sync-runs.routes.ts';
import { sbomRoutes } from './sbom/sbom.routes.ts';
import { sbomMatchRoutes } from './sbom-match/sbom-match.routes.ts';

/** Every /api/v1 route, by domain. */
export function registerRoutes(
  app: FastifyInstance,
  s: Services,
  opts: { cookieSecure: 'true' | 'false' | 'auto'; minitwitPrefix?: string },
): void {
  authRoutes(app, s, opts);
  emailVerificationRoutes(app, s);
  userRoutes(app, s);
  teamRoutes(app, s);
  teamInvitationRoutes(app, s);
  chatRoutes(app, s);
  productTypeRoutes(app, s);
  productRoutes(app, s);
  engagementRoutes(app, s);
  testRoutes(app, s);
  findingRoutes(app, s);
  noteRoutes(app, s);
  findingFileRoutes(app, s);
  slaConfigurationRoutes(app, s);
  riskAcceptanceRoutes(app, s);
  findingTemplateRoutes(app, s);
  auditLogRoutes(app, s);
  jobsRoutes(app, s);
  dashboardRoutes(app, s);
  deduplicationRoutes(app, s);
  systemInfoRoutes(app, s);
  importRoutes(app, s);
  dojoRoutes(app, s);
  feedRoutes(app, s);
  minitwitRoutes(app, s, opts.minitwitPrefix ?? '/api/minitwit');
  feedPageRoutes(app, s, opts);
  notificationRoutes(app, s);
  notificationSubscriptionRoutes(app, s);
  notificationAdminRoutes(app, s);
  jiraInstanceRoutes(app, s);
  jiraConfigRoutes(app, s);
  jiraPushRoutes(app, s);
  jiraWebhookRoutes(app, s);
  advisoryRoutes(app, s);
  vulndbSyncRunRoutes(app, s);
  sbomRoutes(app, s);
  sbomMatchRoutes(app, s);
}
