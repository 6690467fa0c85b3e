import { z } from 'zod';
import { zId, zIdParam, zIdValue, zInstant, zItems } from '../common/common.contract.ts';
import { ZSeverity } from '../finding/finding.contract.ts';
import { JIRA_GROUP_BY } from './jira-group-by.ts';
import { ZJiraLink } from './jira-link.contract.ts';

// The Jira routes' contract: instances (administrators), a product's configurations, pushes. The
// inbound webhook's delivery is in jira-webhook.contract.ts.

const zName = (max = 100) => z.string().trim().min(1).max(max);
const zResolutions = () => z.array(zName(100)).max(20);

// ---- requests

export const ZJiraInstanceParams = z.object({ id: zIdParam() });

export const ZCreateJiraInstanceRequest = z.object({
  name: zName(),
  url: z
    .string()
    .trim()
    .max(500)
    .url()
    .regex(/^https?:\/\//, 'must be an http(s) URL'),
  username: zName(200),
  /** The API token (Jira Cloud) or password/personal token (Server); stored sealed, never returned. */
  token: z.string().min(1).max(1000),
  falsePositiveResolutions: zResolutions().optional(),
  riskAcceptedResolutions: zResolutions().optional(),
});
export type CreateJiraInstanceRequest = z.input<typeof ZCreateJiraInstanceRequest>;
/** A validated create request, as the service receives it. */
export type JiraInstanceInput = z.output<typeof ZCreateJiraInstanceRequest>;
export const ZUpdateJiraInstanceRequest = ZCreateJiraInstanceRequest.partial();
export type UpdateJiraInstanceRequest = z.input<typeof ZUpdateJiraInstanceRequest>;

export const ZJiraConfigRequest = z.object({
  engagementId: zIdValue().nullable().optional(),
  instanceId: zIdValue(),
  projectKey: z
    .string()
    .trim()
    .regex(/^[A-Z][A-Z0-9_]{0,49}$/, 'must be a Jira project key such as SEC'),
  issueType: zName().optional(),
  priorityMap: z.partialRecord(ZSeverity, zName()).optional(),
  closeTransition: zName().optional(),
  reopenTransition: zName().optional(),
  labels: z
    .array(z.string().regex(/^\S{1,255}$/, 'labels cannot contain spaces'))
    .max(20)
    .optional(),
  component: zName(255).nullable().optional(),
  pushMinSeverity: ZSeverity.nullable().optional(),
  engagementEpic: z.boolean().optional(),
  pushNotes: z.boolean().optional(),
});
export type JiraConfigRequest = z.input<typeof ZJiraConfigRequest>;
/** A validated configuration, as the service receives it. */
export type JiraConfigInput = z.output<typeof ZJiraConfigRequest>;

export const ZJiraConfigParams = z.object({ id: zIdParam(), configId: zIdParam() });

export const ZBulkJiraPushRequest = z.object({
  findingIds: z.array(zIdValue()).min(1).max(1000),
  groupBy: z.enum(JIRA_GROUP_BY).nullable().optional(),
});
export type BulkJiraPushRequest = z.input<typeof ZBulkJiraPushRequest>;

// ---- responses

/** A Jira instance as the API shows it: never the token or the webhook secret. */
export const ZJiraInstance = z.object({
  id: zId(),
  name: z.string(),
  url: z.string(),
  username: z.string(),
  falsePositiveResolutions: z.array(z.string()),
  riskAcceptedResolutions: z.array(z.string()),
  reconciledAt: zInstant().nullable(),
  createdAt: zInstant(),
  updatedAt: zInstant(),
});
export type JiraInstance = z.infer<typeof ZJiraInstance>;
export const ZJiraInstanceList = zItems(ZJiraInstance);

/** Where Jira should send its webhook, relative to Vigil's address: shown once, when made or rotated. */
export const ZJiraWebhookPath = z.object({ webhookPath: z.string() });
export const ZCreatedJiraInstance = ZJiraInstance.extend(ZJiraWebhookPath.shape);
export type CreatedJiraInstance = z.infer<typeof ZCreatedJiraInstance>;

export const ZJiraConnectionTest = z.object({
  ok: z.boolean(),
  user: z.string().nullable().describe("the Jira user's display name when the credentials work"),
  error: z.string().nullable(),
});
export type JiraConnectionTest = z.infer<typeof ZJiraConnectionTest>;

export const ZJiraConfig = z.object({
  id: zId(),
  productId: zId(),
  engagementId: zId().nullable(),
  instanceId: zId(),
  projectKey: z.string(),
  issueType: z.string(),
  priorityMap: z.partialRecord(ZSeverity, z.string()),
  closeTransition: z.string(),
  reopenTransition: z.string(),
  labels: z.array(z.string()),
  component: z.string().nullable(),
  pushMinSeverity: ZSeverity.nullable(),
  engagementEpic: z.boolean(),
  pushNotes: z.boolean(),
  updatedAt: zInstant(),
});
export type JiraConfig = z.infer<typeof ZJiraConfig>;

/** GET /api/v1/products/{id}/jira: the product's configurations and the instances to pick from. */
export const ZProductJira = z.object({
  configs: z.array(ZJiraConfig),
  instances: z.array(z.object({ id: zId(), name: z.string(), url: z.string() })),
  canEdit: z.boolean(),
});
export type ProductJira = z.infer<typeof ZProductJira>;

export const ZFindingJira = z.object({ jira: ZJiraLink.nullable() });
export type FindingJira = z.infer<typeof ZFindingJira>;

export const ZBulkJiraPush = z.object({
  items: z.array(z.object({ findingId: zId(), jira: ZJiraLink })),
  skipped: z.array(zId()).describe('findings no Jira configuration applies to'),
});
export type BulkJiraPush = z.infer<typeof ZBulkJiraPush>;
