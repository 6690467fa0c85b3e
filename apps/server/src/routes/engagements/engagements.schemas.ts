import { z } from 'zod';
import { ZPageQuery, zDate, zTags } from '../common.schemas.ts';
import { zIdParam, zIdValue } from '../id.schemas.ts';

export const ENGAGEMENT_STATUSES = [
  'Not Started',
  'In Progress',
  'On Hold',
  'Blocked',
  'Waiting for Resource',
  'Completed',
  'Cancelled',
] as const;
export const ZCreateEngagementRequest = z.object({
  productId: zIdValue(),
  name: z.string().trim().min(1).max(300),
  description: z.string().max(20000).optional(),
  targetStart: zDate(),
  targetEnd: zDate(),
  status: z.enum(ENGAGEMENT_STATUSES).optional(),
  engagementType: z.enum(['Interactive', 'CI/CD']).optional(),
  version: z.string().max(100).nullable().optional(),
  branchTag: z.string().max(150).nullable().optional(),
  commitHash: z.string().max(150).nullable().optional(),
  buildId: z.string().max(150).nullable().optional(),
  sourceCodeManagementUri: z.string().max(600).nullable().optional(),
  leadId: zIdValue().nullable().optional(),
  deduplicationOnEngagement: z.boolean().optional(),
  tags: zTags().optional(),
});
export const ZUpdateEngagementRequest = ZCreateEngagementRequest.partial();
export const ZListEngagementsQuery = ZPageQuery.extend({
  productId: zIdParam().optional(),
  status: z.enum(ENGAGEMENT_STATUSES).optional(),
  engagementType: z.enum(['Interactive', 'CI/CD']).optional(),
  search: z.string().max(255).optional(),
  sort: z.enum(['name', '-name', 'id', '-id', 'target_start', '-target_start']).default('-id'),
});
