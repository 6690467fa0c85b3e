import { z } from 'zod';
import { ZPageQuery, zId, zIdParam, zIdValue, zInstant, zPage, zTags } from '../common/common.contract.ts';
import { zAccessFields } from '../access/access.contract.ts';
import { TEST_ABILITIES, TEST_SORTS } from './test-values.ts';

// The test routes' contract (/api/v1/tests…): a test is one scan run in an engagement.

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
export type CreateTestRequest = z.input<typeof ZCreateTestRequest>;
export type CreateTestInput = z.output<typeof ZCreateTestRequest>;
export const ZUpdateTestRequest = ZCreateTestRequest.partial();
export type UpdateTestRequest = z.input<typeof ZUpdateTestRequest>;
export type UpdateTestInput = z.output<typeof ZUpdateTestRequest>;

export const ZListTestsQuery = ZPageQuery.extend({
  engagementId: zIdParam().optional(),
  productId: zIdParam().optional(),
  scanType: z.string().max(200).optional(),
  sort: z.enum(TEST_SORTS).default('-id'),
});
export type TestListFilters = z.output<typeof ZListTestsQuery>;

export const ZTest = z.object({
  id: zId(),
  engagementId: zId(),
  productId: zId().optional().describe("the engagement's product; absent in create and update answers"),
  scanType: z.string(),
  title: z.string().nullable(),
  description: z.string(),
  environment: z.string(),
  targetStart: zInstant(),
  targetEnd: zInstant(),
  version: z.string().nullable(),
  buildId: z.string().nullable(),
  commitHash: z.string().nullable(),
  branchTag: z.string().nullable(),
  leadId: zId().nullable(),
  tags: z.array(z.string()),
  createdAt: zInstant(),
  updatedAt: zInstant(),
  ...zAccessFields(TEST_ABILITIES),
});
export type Test = z.infer<typeof ZTest>;
export const ZTestPage = zPage(ZTest);
