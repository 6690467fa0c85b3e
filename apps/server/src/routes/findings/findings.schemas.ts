import { z } from 'zod';
import { FINDING_SORTS } from '@vigil/db';
import { STATUS_ACTIONS } from '@vigil/core';
import { ZPageQuery, zDate, zQueryBool, zTags } from '../common.schemas.ts';

const ZSeverity = z.enum(['Critical', 'High', 'Medium', 'Low', 'Info']);
const ZLocation = z.object({
  kind: z.enum(['url', 'dependency']),
  protocol: z.string().max(20).nullable().optional(),
  host: z.string().max(500).nullable().optional(),
  port: z.number().int().min(0).max(65535).nullable().optional(),
  path: z.string().max(4000).nullable().optional(),
  query: z.string().max(4000).nullable().optional(),
  purl: z.string().max(2000).nullable().optional(),
});

export const ZCreateFindingRequest = z.object({
  testId: z.number().int().positive(),
  title: z.string().trim().min(1).max(511),
  severity: ZSeverity,
  description: z.string().max(200000).optional(),
  mitigation: z.string().max(200000).optional(),
  impact: z.string().max(200000).optional(),
  references: z.string().max(200000).optional(),
  cwe: z.number().int().positive().nullable().optional(),
  vulnerabilityIds: z.array(z.string().min(1).max(100)).max(100).optional(),
  cvssv3: z.string().max(200).nullable().optional(),
  cvssv3Score: z.number().min(0).max(10).nullable().optional(),
  cvssv4: z.string().max(300).nullable().optional(),
  cvssv4Score: z.number().min(0).max(10).nullable().optional(),
  epssScore: z.number().min(0).max(1).nullable().optional(),
  epssPercentile: z.number().min(0).max(1).nullable().optional(),
  filePath: z.string().max(4000).nullable().optional(),
  line: z.number().int().min(0).nullable().optional(),
  componentName: z.string().max(500).nullable().optional(),
  componentVersion: z.string().max(100).nullable().optional(),
  uniqueIdFromTool: z.string().max(500).nullable().optional(),
  vulnIdFromTool: z.string().max(500).nullable().optional(),
  date: zDate().optional(),
  active: z.boolean().optional(),
  verified: z.boolean().optional(),
  assigneeId: z.number().int().positive().nullable().optional(),
  tags: zTags().optional(),
  locations: z.array(ZLocation).max(1000).optional(),
});
export const ZUpdateFindingRequest = ZCreateFindingRequest.omit({ testId: true, locations: true }).partial();

export const ZListFindingsQuery = ZPageQuery.extend({
  severity: z
    .string()
    .regex(/^(Critical|High|Medium|Low|Info)(,(Critical|High|Medium|Low|Info))*$/, 'must be severities separated by commas')
    .transform((v) => v.split(',') as Array<z.infer<typeof ZSeverity>>)
    .optional(),
  active: zQueryBool(),
  verified: zQueryBool(),
  falsePositive: zQueryBool(),
  outOfScope: zQueryBool(),
  riskAccepted: zQueryBool(),
  underReview: zQueryBool(),
  mitigated: zQueryBool(),
  duplicate: zQueryBool(),
  productId: z.coerce.number().int().positive().optional(),
  productTypeId: z.coerce.number().int().positive().optional(),
  engagementId: z.coerce.number().int().positive().optional(),
  testId: z.coerce.number().int().positive().optional(),
  cwe: z.coerce.number().int().positive().optional(),
  vulnerabilityId: z.string().max(100).optional(),
  componentName: z.string().max(500).optional(),
  tag: z.string().max(100).optional(),
  assigneeId: z.coerce.number().int().positive().optional(),
  title: z.string().max(500).optional(),
  sla: z.enum(['breached', 'soon', 'ok']).optional(),
  sort: z.enum(FINDING_SORTS).default('-id'),
  view: z
    .enum(['summary', 'full'])
    .default('summary')
    .describe('summary (default): the findings-table fields; full: every field, as GET /api/v1/findings/{id} without its relations'),
});

export const ZBulkStatusRequest = z.object({
  ids: z.array(z.number().int().positive()).min(1).max(1000),
  action: z.enum(STATUS_ACTIONS),
});

export const ZBulkAssignRequest = z.object({
  ids: z.array(z.number().int().positive()).min(1).max(1000),
  assigneeId: z.number().int().positive().nullable(),
});

export const ZNoteRequest = z.object({ entry: z.string().trim().min(1).max(20000), private: z.boolean().optional() });
export const ZEditNoteRequest = z.object({ entry: z.string().trim().min(1).max(20000) });
export const ZNoteParams = z.object({ id: z.coerce.number().int().positive(), noteId: z.coerce.number().int().positive() });
