import { z } from 'zod';
import { JIRA_GROUP_BY } from '@vigil/core';
import { zIdParam, zIdValue } from '../id.schemas.ts';

const SEVERITIES = ['Critical', 'High', 'Medium', 'Low', 'Info'] as const;
const zName = (max = 100) => z.string().trim().min(1).max(max);
const zResolutions = () => z.array(zName(100)).max(20);

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
export const ZUpdateJiraInstanceRequest = ZCreateJiraInstanceRequest.partial();

export const ZJiraConfigRequest = z.object({
  engagementId: zIdValue().nullable().optional(),
  instanceId: zIdValue(),
  projectKey: z
    .string()
    .trim()
    .regex(/^[A-Z][A-Z0-9_]{0,49}$/, 'must be a Jira project key such as SEC'),
  issueType: zName().optional(),
  priorityMap: z.partialRecord(z.enum(SEVERITIES), zName()).optional(),
  closeTransition: zName().optional(),
  reopenTransition: zName().optional(),
  labels: z
    .array(z.string().regex(/^\S{1,255}$/, 'labels cannot contain spaces'))
    .max(20)
    .optional(),
  component: zName(255).nullable().optional(),
  pushMinSeverity: z.enum(SEVERITIES).nullable().optional(),
  engagementEpic: z.boolean().optional(),
  pushNotes: z.boolean().optional(),
});

export const ZJiraConfigParams = z.object({ id: zIdParam(), configId: zIdParam() });

export const ZPushFindingRequest = z.object({}).strict().optional();
export const ZBulkJiraPushRequest = z.object({
  findingIds: z.array(zIdValue()).min(1).max(1000),
  groupBy: z.enum(JIRA_GROUP_BY).nullable().optional(),
});

export const ZWebhookParams = z.object({ secret: z.string().min(1).max(200) });
/** Jira's delivery: only the parts Vigil reads are checked; the rest passes through. */
export const ZJiraWebhookBody = z
  .object({
    webhookEvent: z.string().max(100).optional(),
    issue: z
      .object({
        id: z.union([z.string(), z.number()]).optional(),
        key: z.string().max(100).optional(),
        fields: z
          .object({
            status: z
              .object({
                name: z.string().optional(),
                statusCategory: z.object({ key: z.string().optional() }).passthrough().optional(),
              })
              .passthrough()
              .optional(),
            resolution: z.object({ name: z.string().optional() }).passthrough().nullable().optional(),
          })
          .passthrough()
          .optional(),
      })
      .passthrough()
      .optional(),
    comment: z
      .object({
        id: z.union([z.string(), z.number()]).optional(),
        body: z.unknown().optional(),
        author: z
          .object({ name: z.string().optional(), accountId: z.string().optional(), displayName: z.string().optional() })
          .passthrough()
          .optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();
