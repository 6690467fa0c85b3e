import { z } from 'zod';
import { ZPageQuery, zDate, zDay, zId, zIdParam, zIdValue, zInstant, zPage, zTags } from '../common/common.contract.ts';
import { zAccessFields } from '../access/access.contract.ts';
import { ENGAGEMENT_ABILITIES, ENGAGEMENT_SORTS, ENGAGEMENT_STATUSES, ENGAGEMENT_TYPES } from './engagement-values.ts';

// The engagement routes' contract (/api/v1/engagements…).

export const ZCreateEngagementRequest = z.object({
  productId: zIdValue(),
  name: z.string().trim().min(1).max(300),
  description: z.string().max(20000).optional(),
  targetStart: zDate(),
  targetEnd: zDate(),
  status: z.enum(ENGAGEMENT_STATUSES).optional(),
  engagementType: z.enum(ENGAGEMENT_TYPES).optional(),
  version: z.string().max(100).nullable().optional(),
  branchTag: z.string().max(150).nullable().optional(),
  commitHash: z.string().max(150).nullable().optional(),
  buildId: z.string().max(150).nullable().optional(),
  sourceCodeManagementUri: z.string().max(600).nullable().optional(),
  leadId: zIdValue().nullable().optional(),
  deduplicationOnEngagement: z.boolean().optional(),
  tags: zTags().optional(),
});
export type CreateEngagementRequest = z.input<typeof ZCreateEngagementRequest>;
export type CreateEngagementInput = z.output<typeof ZCreateEngagementRequest>;
export const ZUpdateEngagementRequest = ZCreateEngagementRequest.partial();
export type UpdateEngagementRequest = z.input<typeof ZUpdateEngagementRequest>;
export type UpdateEngagementInput = z.output<typeof ZUpdateEngagementRequest>;

export const ZListEngagementsQuery = ZPageQuery.extend({
  productId: zIdParam().optional(),
  status: z.enum(ENGAGEMENT_STATUSES).optional(),
  engagementType: z.enum(ENGAGEMENT_TYPES).optional(),
  search: z.string().max(255).optional(),
  sort: z.enum(ENGAGEMENT_SORTS).default('-id'),
});
export type EngagementListFilters = z.output<typeof ZListEngagementsQuery>;

export const ZEngagement = z.object({
  id: zId(),
  productId: zId(),
  name: z.string(),
  description: z.string(),
  targetStart: zDay(),
  targetEnd: zDay(),
  status: z.enum(ENGAGEMENT_STATUSES),
  engagementType: z.enum(ENGAGEMENT_TYPES),
  version: z.string().nullable(),
  branchTag: z.string().nullable(),
  commitHash: z.string().nullable(),
  buildId: z.string().nullable(),
  sourceCodeManagementUri: z.string().nullable(),
  leadId: zId().nullable(),
  deduplicationOnEngagement: z.boolean(),
  tags: z.array(z.string()),
  createdAt: zInstant(),
  updatedAt: zInstant(),
  ...zAccessFields(ENGAGEMENT_ABILITIES),
});
export type Engagement = z.infer<typeof ZEngagement>;
export const ZEngagementPage = zPage(ZEngagement);
