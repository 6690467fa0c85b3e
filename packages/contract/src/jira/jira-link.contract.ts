import { z } from 'zod';
import { zInstant } from '../common/common.contract.ts';

/** A finding's (or group's) Jira issue as the API shows it. */
export const ZJiraLink = z.object({
  key: z.string().nullable(),
  url: z.string().nullable(),
  kind: z.enum(['finding', 'group', 'epic']),
  state: z.enum(['pending', 'synced', 'error']),
  status: z.string().nullable(),
  lastError: z.string().nullable(),
  lastSyncedAt: zInstant().nullable(),
});
export type JiraLink = z.infer<typeof ZJiraLink>;
