import { z } from 'zod';
import { zId } from '../common/common.contract.ts';

// Jira's inbound webhook (POST /api/v1/jira/webhook/{secret}): what Jira sends and what Vigil answers.

export const ZJiraWebhookParams = z.object({ secret: z.string().min(1).max(200) });

/** Jira's delivery: only the parts Vigil reads are checked; the rest passes through. */
export const ZJiraWebhookDelivery = z
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
/** The parts of a Jira webhook delivery Vigil reads (jira:issue_updated, comment_created, …). */
export type JiraWebhookDelivery = z.output<typeof ZJiraWebhookDelivery>;

/** What a delivery changed: the issue it named (null when not Vigil's), findings and notes. */
export const ZJiraWebhookOutcome = z.object({
  issue: z.string().nullable(),
  changedFindings: z.array(zId()),
  notesAdded: z.number().int(),
});
export type JiraWebhookOutcome = z.infer<typeof ZJiraWebhookOutcome>;
