import { z } from 'zod';
import {
  PG_INT_MAX,
  ZPageQuery,
  zDate,
  zDay,
  zId,
  zInstant,
  zItems,
  zPage,
  zQueryBool,
  zTags,
} from '../common/common.contract.ts';
import { ZProductRole } from '../access/access.contract.ts';
import { ZJiraLink } from '../jira/jira-link.contract.ts';
import {
  FINDING_ABILITIES,
  FINDING_LIMITS as L,
  FINDING_SORTS,
  LOCATION_KINDS,
  SEVERITIES,
  SLA_FILTERS,
  STATUS_ACTIONS,
} from './finding-values.ts';

// The finding routes' contract (/api/v1/findings…): what each request carries and each answer
// holds. The server validates requests and serializes responses with these schemas (OpenAPI is
// generated from them); core's presenters return the inferred types; the client infers its types.

export const ZSeverity = z.enum(SEVERITIES);
export const ZStatusAction = z.enum(STATUS_ACTIONS);

// ---- requests

const ZLocationInput = z.object({
  kind: z.enum(LOCATION_KINDS),
  protocol: z.string().max(L.location.protocol).nullable().optional(),
  host: z.string().max(L.location.host).nullable().optional(),
  port: z.number().int().min(0).max(65535).nullable().optional(),
  path: z.string().max(L.location.path).nullable().optional(),
  query: z.string().max(L.location.query).nullable().optional(),
  purl: z.string().max(L.location.purl).nullable().optional(),
});

export const ZCreateFindingRequest = z.object({
  testId: z.number().int().min(1).max(PG_INT_MAX),
  title: z.string().trim().min(1).max(L.title),
  severity: ZSeverity,
  description: z.string().max(L.longText).optional(),
  mitigation: z.string().max(L.longText).optional(),
  impact: z.string().max(L.longText).optional(),
  references: z.string().max(L.longText).optional(),
  cwe: z.number().int().min(1).max(PG_INT_MAX).nullable().optional(),
  vulnerabilityIds: z.array(z.string().min(1).max(L.vulnerabilityId)).max(L.vulnerabilityIdCount).optional(),
  cvssv3: z.string().max(L.cvssv3).nullable().optional(),
  cvssv3Score: z.number().min(0).max(10).nullable().optional(),
  cvssv4: z.string().max(L.cvssv4).nullable().optional(),
  cvssv4Score: z.number().min(0).max(10).nullable().optional(),
  epssScore: z.number().min(0).max(1).nullable().optional(),
  epssPercentile: z.number().min(0).max(1).nullable().optional(),
  filePath: z.string().max(L.filePath).nullable().optional(),
  line: z.number().int().min(0).max(PG_INT_MAX).nullable().optional(),
  componentName: z.string().max(L.componentName).nullable().optional(),
  componentVersion: z.string().max(L.componentVersion).nullable().optional(),
  uniqueIdFromTool: z.string().max(L.uniqueIdFromTool).nullable().optional(),
  vulnIdFromTool: z.string().max(L.vulnIdFromTool).nullable().optional(),
  date: zDate().optional(),
  active: z.boolean().optional(),
  verified: z.boolean().optional(),
  assigneeId: z.number().int().min(1).max(PG_INT_MAX).nullable().optional(),
  tags: zTags().optional(),
  locations: z.array(ZLocationInput).max(L.locationCount).optional(),
});
export type CreateFindingRequest = z.input<typeof ZCreateFindingRequest>;
/** A validated create request, as services receive it. */
export type CreateFindingInput = z.output<typeof ZCreateFindingRequest>;
export const ZUpdateFindingRequest = ZCreateFindingRequest.omit({ testId: true, locations: true }).partial();
export type UpdateFindingRequest = z.input<typeof ZUpdateFindingRequest>;
export type UpdateFindingInput = z.output<typeof ZUpdateFindingRequest>;

const severityList = SEVERITIES.join('|');
export const ZListFindingsQuery = ZPageQuery.extend({
  severity: z
    .string()
    .regex(new RegExp(`^(${severityList})(,(${severityList}))*$`), 'must be severities separated by commas')
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
  productId: z.coerce.number().int().min(1).max(PG_INT_MAX).optional(),
  productTypeId: z.coerce.number().int().min(1).max(PG_INT_MAX).optional(),
  engagementId: z.coerce.number().int().min(1).max(PG_INT_MAX).optional(),
  testId: z.coerce.number().int().min(1).max(PG_INT_MAX).optional(),
  cwe: z.coerce.number().int().min(1).max(PG_INT_MAX).optional(),
  vulnerabilityId: z.string().max(100).optional(),
  componentName: z.string().max(500).optional(),
  tag: z.string().max(100).optional(),
  assigneeId: z.coerce.number().int().min(1).max(PG_INT_MAX).optional(),
  title: z.string().max(500).optional(),
  sla: z.enum(SLA_FILTERS).optional(),
  sort: z.enum(FINDING_SORTS).default('-id'),
  view: z
    .enum(['summary', 'full'])
    .default('summary')
    .describe(
      'summary (default): the findings-table fields; full: every field, as GET /api/v1/findings/{id} without its ' +
        'relations',
    ),
});
/** The list's filters as the server reads them (after query-string parsing). */
export type FindingListFilters = z.output<typeof ZListFindingsQuery>;

const ZBulkIds = z.array(z.number().int().min(1).max(PG_INT_MAX)).min(1).max(L.bulkIds);
export const ZBulkStatusRequest = z.object({ ids: ZBulkIds, action: ZStatusAction });
export const ZBulkAssignRequest = z.object({
  ids: ZBulkIds,
  assigneeId: z.number().int().min(1).max(PG_INT_MAX).nullable(),
});

export const ZNoteRequest = z.object({ entry: z.string().trim().min(1).max(L.note), private: z.boolean().optional() });
export const ZEditNoteRequest = z.object({ entry: z.string().trim().min(1).max(L.note) });
export const ZNoteParams = z.object({
  id: z.coerce.number().int().min(1).max(PG_INT_MAX),
  noteId: z.coerce.number().int().min(1).max(PG_INT_MAX),
});
export const ZFileParams = z.object({
  id: z.coerce.number().int().min(1).max(PG_INT_MAX),
  fileId: z.coerce.number().int().min(1).max(PG_INT_MAX),
});

// ---- responses

/** A findings-table row: the list's default view (view=summary). */
export const ZFindingSummary = z.object({
  id: zId(),
  testId: zId(),
  engagementId: zId(),
  productId: zId(),
  title: z.string(),
  severity: ZSeverity,
  numericalSeverity: z.string().describe('S0 (Critical) … S4 (Info)'),
  cwe: z.number().int().nullable(),
  vulnerabilityIds: z.array(z.string()),
  cvssv3Score: z.number().nullable(),
  epssScore: z.number().nullable(),
  filePath: z.string().nullable(),
  line: z.number().int().nullable(),
  componentName: z.string().nullable(),
  componentVersion: z.string().nullable(),
  date: zDay(),
  active: z.boolean(),
  verified: z.boolean(),
  falsePositive: z.boolean(),
  outOfScope: z.boolean(),
  riskAccepted: z.boolean(),
  underReview: z.boolean(),
  mitigated: z.boolean(),
  duplicate: z.boolean(),
  slaExpirationDate: zDay().nullable(),
  slaDaysRemaining: z
    .number()
    .int()
    .nullable()
    .describe('whole days until the SLA date of an active finding; negative: breached'),
  assigneeId: zId().nullable(),
  tags: z.array(z.string()),
  createdAt: zInstant(),
});
export type FindingSummary = z.infer<typeof ZFindingSummary>;

/** Every field of a finding (create, update, bulk answers; the list's view=full). */
export const ZFinding = ZFindingSummary.extend({
  description: z.string(),
  mitigation: z.string(),
  impact: z.string(),
  references: z.string(),
  cvssv3: z.string().nullable(),
  cvssv4: z.string().nullable(),
  cvssv4Score: z.number().nullable(),
  epssPercentile: z.number().nullable(),
  uniqueIdFromTool: z.string().nullable(),
  vulnIdFromTool: z.string().nullable(),
  hashCode: z.string().nullable(),
  mitigatedAt: zInstant().nullable(),
  mitigatedById: zId().nullable(),
  duplicateFindingId: zId().nullable(),
  staticFinding: z.boolean(),
  dynamicFinding: z.boolean(),
  occurrences: z.number().int(),
  slaStartDate: zDay().nullable(),
  reporterId: zId().nullable(),
  updatedAt: zInstant(),
  lastStatusUpdate: zInstant(),
});
export type Finding = z.infer<typeof ZFinding>;

/** The caller's role on the finding's product and what it lets them do. */
export const ZFindingAccess = z.object({
  role: ZProductRole.nullable(),
  abilities: z.array(z.enum(FINDING_ABILITIES)),
});

export const ZFindingLocation = z.object({
  id: zId(),
  kind: z.enum(LOCATION_KINDS),
  protocol: z.string().nullable(),
  host: z.string().nullable(),
  port: z.number().int().nullable(),
  path: z.string().nullable(),
  query: z.string().nullable(),
  purl: z.string().nullable(),
  mitigated: z.boolean(),
});
export type FindingLocation = z.infer<typeof ZFindingLocation>;

/** GET /api/v1/findings/{id}: every field, the caller's abilities and the finding's relations. */
export const ZFindingDetail = ZFinding.extend({
  ...ZFindingAccess.shape,
  locations: z.array(ZFindingLocation),
  duplicates: z.array(z.object({ id: zId(), title: z.string(), testId: zId(), createdAt: zInstant() })),
  original: z.object({ id: zId(), title: z.string(), testId: zId() }).nullable(),
  jira: ZJiraLink.nullable().describe("the finding's Jira issue, when it has one"),
});
export type FindingDetail = z.infer<typeof ZFindingDetail>;

export const ZFindingSummaryPage = zPage(ZFindingSummary);
export const ZFindingPage = zPage(ZFinding);
export const ZFindingList = zItems(ZFinding);

/** One entry of a finding's history: who did what, with the fields that changed. */
export const ZFindingHistoryEntry = z.object({
  id: zId(),
  at: zInstant(),
  action: z.string(),
  actorId: zId().nullable(),
  actorUsername: z.string().nullable(),
  changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
});
export type FindingHistoryEntry = z.infer<typeof ZFindingHistoryEntry>;

export const ZFindingNote = z.object({
  id: zId(),
  findingId: zId(),
  authorId: zId().nullable(),
  author: z.string().nullable(),
  entry: z.string(),
  private: z.boolean(),
  edited: z.boolean(),
  createdAt: zInstant(),
  updatedAt: zInstant(),
});
export type FindingNote = z.infer<typeof ZFindingNote>;

export const ZFindingNoteRevision = z.object({
  id: zId(),
  entry: z.string(),
  editedById: zId().nullable(),
  editedAt: zInstant(),
});
export type FindingNoteRevision = z.infer<typeof ZFindingNoteRevision>;

export const ZFindingFile = z.object({
  id: zId(),
  findingId: zId(),
  title: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  uploadedById: zId().nullable(),
  createdAt: zInstant(),
});
export type FindingFile = z.infer<typeof ZFindingFile>;
