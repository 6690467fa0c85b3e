import { z } from 'zod';
import { zDay, zId, zInstant } from '../common/common.contract.ts';
import { SEVERITIES } from '../finding/finding-values.ts';
import { JIRA_GROUP_BY } from '../jira/jira-group-by.ts';
import { zFormBool, zFormDay, zFormId, zFormSeverity, zFormTags, zFormText } from './import-form.ts';
import type { ImportOptions } from './import.contract.ts';
import { ZTruncations } from './import.contract.ts';
import { IMPORT_ACTIONS } from './import-values.ts';

// The DefectDojo-compatible routes CI pipelines post to (/api/v2/…, docs/import.md): DefectDojo's
// own field names and answer shapes, so its clients work unchanged.

// ---- requests

/**
 * DefectDojo's import-scan / reimport-scan multipart fields, parsed into Vigil's option names (the
 * errors keep DefectDojo's names); `lead` and `endpoint_to_add` are accepted and ignored.
 */
export const ZDojoImportForm = z
  .object({
    scan_type: z.string().trim().min(1).max(200),
    engagement: zFormId(),
    test: zFormId(),
    product_type_name: zFormText(),
    product_name: zFormText(),
    engagement_name: zFormText(),
    engagement_end_date: zFormDay(),
    source_code_management_uri: zFormText(600),
    auto_create_context: zFormBool(),
    scan_date: zFormDay(),
    minimum_severity: zFormSeverity(),
    active: zFormBool(),
    verified: zFormBool(),
    close_old_findings: zFormBool(),
    close_old_findings_product_scope: zFormBool(),
    deduplication_on_engagement: zFormBool(),
    do_not_reactivate: zFormBool(),
    push_to_jira: zFormBool(),
    tags: zFormTags(),
    apply_tags_to_findings: zFormBool(),
    environment: zFormText(100),
    version: zFormText(100),
    build_id: zFormText(150),
    branch_tag: zFormText(150),
    commit_hash: zFormText(150),
    test_title: zFormText(),
    service: zFormText(200),
    group_by: z.enum(JIRA_GROUP_BY).optional(),
    lead: zFormId(),
    endpoint_to_add: zFormId(),
  })
  .transform(
    (d): ImportOptions => ({
      scanType: d.scan_type,
      engagementId: d.engagement,
      testId: d.test,
      productTypeName: d.product_type_name,
      productName: d.product_name,
      engagementName: d.engagement_name,
      engagementEndDate: d.engagement_end_date,
      sourceCodeManagementUri: d.source_code_management_uri,
      autoCreateContext: d.auto_create_context,
      scanDate: d.scan_date,
      minimumSeverity: d.minimum_severity,
      active: d.active,
      verified: d.verified,
      closeOldFindings: d.close_old_findings,
      closeOldFindingsProductScope: d.close_old_findings_product_scope,
      deduplicationOnEngagement: d.deduplication_on_engagement,
      doNotReactivate: d.do_not_reactivate,
      pushToJira: d.push_to_jira,
      tags: d.tags,
      applyTagsToFindings: d.apply_tags_to_findings,
      environment: d.environment,
      version: d.version,
      buildId: d.build_id,
      branchTag: d.branch_tag,
      commitHash: d.commit_hash,
      testTitle: d.test_title,
      service: d.service,
      groupBy: d.group_by,
    }),
  );

export const ZDojoFindingsQuery = z.object({
  test: zFormId(),
  engagement: zFormId(),
  product: zFormId(),
  duplicate: zFormBool(),
  active: zFormBool(),
  limit: z.coerce.number().int().min(1).max(1000).default(25),
  offset: z.coerce.number().int().min(0).default(0),
});
export type DojoFindingsQuery = z.output<typeof ZDojoFindingsQuery>;

// ---- responses

const count = () => z.number().int().nonnegative();
const ZStatusCounts = z.object({
  active: count(),
  verified: count(),
  duplicate: count(),
  false_p: count(),
  out_of_scope: count(),
  is_mitigated: count(),
  risk_accepted: count(),
  total: count(),
});
/** DefectDojo's SeverityStatusStatistics: {info: {active, verified, …, total}, …, total: {…}}. */
export const ZDojoSeverityStatus = z.object({
  info: ZStatusCounts,
  low: ZStatusCounts,
  medium: ZStatusCounts,
  high: ZStatusCounts,
  critical: ZStatusCounts,
  total: ZStatusCounts,
});
export type DojoSeverityStatus = z.infer<typeof ZDojoSeverityStatus>;
export const ZDojoImportDelta = z.record(z.enum(IMPORT_ACTIONS), ZDojoSeverityStatus);

/** 201 of /api/v2/import-scan/ and /api/v2/reimport-scan/: DefectDojo's ImportScanSerializer answer. */
export const ZDojoImportResponse = z.object({
  scan_date: z.string().nullable().describe('YYYY-MM-DD, as sent'),
  minimum_severity: z.enum(SEVERITIES),
  active: z.boolean().nullable(),
  verified: z.boolean().nullable(),
  scan_type: z.string(),
  product_type_name: z.string().nullable(),
  product_name: z.string().nullable(),
  engagement_name: z.string().nullable(),
  engagement: zId(),
  auto_create_context: z.boolean(),
  deduplication_on_engagement: z.boolean(),
  close_old_findings: z.boolean(),
  close_old_findings_product_scope: z.boolean(),
  do_not_reactivate: z.boolean(),
  push_to_jira: z.boolean(),
  environment: z.string(),
  version: z.string().nullable(),
  build_id: z.string().nullable(),
  branch_tag: z.string().nullable(),
  commit_hash: z.string().nullable(),
  service: z.string().nullable(),
  test_title: z.string().nullable(),
  tags: z.array(z.string()),
  test: zId(),
  test_id: zId(),
  engagement_id: zId(),
  product_id: zId(),
  product_type_id: zId(),
  statistics: z
    .object({
      before: ZDojoSeverityStatus.optional().describe('reimport only: the test before'),
      delta: ZDojoImportDelta,
      after: ZDojoSeverityStatus,
    })
    .describe('the test before (reimport), what each action touched, the test after'),
  truncated: ZTruncations.describe("Vigil's addition (DefectDojo clients ignore it): fields cut to the API's limits"),
});
export type DojoImportResponse = z.infer<typeof ZDojoImportResponse>;

/** DefectDojo's paginated list: absolute `next`/`previous` links, followed verbatim by its clients. */
const zDojoPage = <T extends z.ZodType>(item: T) =>
  z.object({
    count: count(),
    next: z.string().nullable(),
    previous: z.string().nullable(),
    results: z.array(item),
  });

export const ZDojoTestType = z.object({
  id: zId(),
  name: z.string(),
  static_tool: z.boolean(),
  dynamic_tool: z.boolean(),
  active: z.boolean(),
  dynamically_generated: z.boolean(),
  tags: z.array(z.string()),
  description: z.string(),
});
export type DojoTestType = z.infer<typeof ZDojoTestType>;
export const ZDojoTestTypePage = zDojoPage(ZDojoTestType);
export type DojoTestTypePage = z.infer<typeof ZDojoTestTypePage>;

export const ZDojoTest = z.object({
  id: zId(),
  engagement: zId(),
  title: z.string().nullable(),
  description: z.string(),
  test_type: z.string(),
  test_type_name: z.string(),
  scan_type: z.string(),
  target_start: zInstant(),
  target_end: zInstant(),
  environment: z.string(),
  version: z.string().nullable(),
  build_id: z.string().nullable(),
  commit_hash: z.string().nullable(),
  branch_tag: z.string().nullable(),
  lead: zId().nullable(),
  tags: z.array(z.string()),
  percent_complete: z.number().int(),
  finding_count: count(),
  created: zInstant(),
  updated: zInstant(),
});
export type DojoTest = z.infer<typeof ZDojoTest>;

export const ZDojoFinding = z.object({
  id: zId(),
  test: zId(),
  title: z.string(),
  date: zDay(),
  severity: z.enum(SEVERITIES),
  numerical_severity: z.string().describe('S0 (Critical) … S4 (Info)'),
  description: z.string(),
  mitigation: z.string(),
  impact: z.string(),
  references: z.string(),
  cwe: z.number().int().describe('0 when unknown'),
  vulnerability_ids: z.array(z.object({ vulnerability_id: z.string() })),
  cvssv3: z.string().nullable(),
  cvssv3_score: z.number().nullable(),
  epss_score: z.number().nullable(),
  epss_percentile: z.number().nullable(),
  file_path: z.string().nullable(),
  line: z.number().int().nullable(),
  component_name: z.string().nullable(),
  component_version: z.string().nullable(),
  unique_id_from_tool: z.string().nullable(),
  vuln_id_from_tool: z.string().nullable(),
  hash_code: z.string().nullable(),
  active: z.boolean(),
  verified: z.boolean(),
  false_p: z.boolean(),
  out_of_scope: z.boolean(),
  risk_accepted: z.boolean(),
  under_review: z.boolean(),
  is_mitigated: z.boolean(),
  mitigated: zInstant().nullable(),
  mitigated_by: zId().nullable(),
  duplicate: z.boolean(),
  duplicate_finding: zId().nullable(),
  static_finding: z.boolean(),
  dynamic_finding: z.boolean(),
  nb_occurences: z.number().int(),
  sla_start_date: zDay().nullable(),
  sla_expiration_date: zDay().nullable(),
  reporter: zId().nullable(),
  tags: z.array(z.string()),
  created: zInstant(),
  last_status_update: zInstant(),
});
export type DojoFinding = z.infer<typeof ZDojoFinding>;
export const ZDojoFindingPage = zDojoPage(ZDojoFinding);
export type DojoFindingPage = z.infer<typeof ZDojoFindingPage>;
