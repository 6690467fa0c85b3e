import { z } from 'zod';
import { ZPageQuery, zTags } from '../common.schemas.ts';
import { zIdParam, zIdValue } from '../id.schemas.ts';

export const ZCreateTestRequest = z.object({
  engagementId: zIdValue(),
  scanType: z.string().trim().min(1).max(200),
  title: z.string().max(255).nullable().optional(),
  description: z.string().max(20000).optional(),
  environment: z.string().max(100).optional(),
  targetStart: z.iso.datetime({ offset: true }).optional(),
  targetEnd: z.iso.datetime({ offset: true }).optional(),
  version: z.string().max(100).nullable().optional(),
  buildId: z.string().max(150).nullable().optional(),
  commitHash: z.string().max(150).nullable().optional(),
  branchTag: z.string().max(150).nullable().optional(),
  leadId: zIdValue().nullable().optional(),
  tags: zTags().optional(),
});
export const ZUpdateTestRequest = ZCreateTestRequest.partial();
export const ZListTestsQuery = ZPageQuery.extend({
  engagementId: zIdParam().optional(),
  productId: zIdParam().optional(),
  scanType: z.string().max(200).optional(),
  sort: z.enum(['id', '-id']).default('-id'),
});
