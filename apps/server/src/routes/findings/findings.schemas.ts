import { z } from 'zod';
import { FINDING_SORTS } from '@vigil/db';
import { FINDING_LIMITS as L, STATUS_ACTIONS } from '@vigil/core';
import { ZPageQuery, zDate, zQueryBool, zTags } from '../common.schemas.ts';

const ZSeverity = z.enum(['Critical', 'High', 'Medium', 'Low', 'Info']);
const ZLocation = z.object({
  kind: z.enum(['url', 'dependency']),
  protocol: z.string().max(L.location.protocol).nullable().optional(),
  host: z.string().max(L.location.host).nullable().optional(),
  port: z.number().int().min(0).max(65535).nullable().optional(),
  path: z.string().max(L.location.path).nullable().optional(),
  query: z.string().max(L.location.query).nullable().optional(),
  purl: z.string().max(L.location.purl).nullable().optional(),
});

export const ZCreateFindingRequest = z.object({
  testId: z.number().int().positive(),
  title: z.string().trim().min(1).max(L.title),
  severity: ZSeverity,
  description: z.string().max(L.longText).optional(),
  mitigation: z.string().max(L.longText).optional(),
  impact: z.string().max(L.longText).optional(),
  references: z.string().max(L.longText).optional(),
  cwe: z.number().int().positive().nullable().optional(),
  vulnerabilityIds: z.array(z.string().min(1).max(L.vulnerabilityId)).max(L.vulnerabilityIdCount).optional(),
  cvssv3: z.string().max(L.cvssv3).nullable().optional(),
  cvssv3Score: z.number().min(0).max(10).nullable().optional(),
  cvssv4: z.string().max(L.cvssv4).nullable().optional(),
  cvssv4Score: z.number().min(0).max(10).nullable().optional(),
  epssScore: z.number().min(0).max(1).nullable().optional(),
  epssPercentile: z.number().min(0).max(1).nullable().optional(),
  filePath: z.string().max(L.filePath).nullable().optional(),
  line: z.number().int().min(0).nullable().optional(),
  componentName: z.string().max(L.componentName).nullable().optional(),
  componentVersion: z.string().max(L.componentVersion).nullable().optional(),
  uniqueIdFromTool: z.string().max(L.uniqueIdFromTool).nullable().optional(),
  vulnIdFromTool: z.string().max(L.vulnIdFromTool).nullable().optional(),
  date: zDate().optional(),
  active: z.boolean().optional(),
  verified: z.boolean().optional(),
  assigneeId: z.number().int().positive().nullable().optional(),
  tags: zTags().optional(),
  locations: z.array(ZLocation).max(L.locationCount).optional(),
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
