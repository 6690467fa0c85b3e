import { z } from 'zod';
import { AppError, type ImportRequest } from '@vigil/core';
import { nulByteError, nulPath } from '../../http/nul-bytes.ts';
import { zIdParam } from '../id.schemas.ts';

const SEVERITIES = ['Critical', 'High', 'Medium', 'Low', 'Info'] as const;

/** 'true'/'false'/'1'/'0'/'on' as sent by forms and curl -F. */
export const zFormBool = () =>
  z
    .enum(['true', 'false', 'True', 'False', '1', '0', 'on', 'off'])
    .transform((v) => ['true', 'True', '1', 'on'].includes(v))
    .optional();
const zId = () => zIdParam().optional();
const zText = (max = 255) => z.string().trim().min(1).max(max).optional();
const zSeverity = () =>
  z
    .string()
    .transform((v) => v.charAt(0).toUpperCase() + v.slice(1).toLowerCase())
    .pipe(z.enum(SEVERITIES))
    .optional();
/** Tags as repeated fields, or one comma-separated field. */
const zTagList = () =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) =>
      (Array.isArray(v) ? v : [v])
        .flatMap((t) => t.split(','))
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().max(100)).max(50))
    .optional();
const zDay = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}/, 'must be a date YYYY-MM-DD')
    .transform((v) => v.slice(0, 10))
    .optional();

/** DefectDojo's group_by values: findings sharing the value become one Jira issue. */
const zGroupBy = () =>
  z.enum(['component_name', 'component_name+component_version', 'file_path', 'finding_title']).optional();

/** Vigil's own import form (POST /api/v1/import), besides the `file` part. */
export const ZImportForm = z.object({
  scanType: z.string().trim().min(1).max(200),
  engagementId: zId(),
  testId: zId(),
  reimport: zFormBool(),
  productTypeName: zText(),
  productName: zText(),
  engagementName: zText(),
  autoCreateContext: zFormBool(),
  scanDate: zDay(),
  minimumSeverity: zSeverity(),
  active: zFormBool(),
  verified: zFormBool(),
  closeOldFindings: zFormBool(),
  deduplicationOnEngagement: zFormBool(),
  doNotReactivate: zFormBool(),
  tags: zTagList(),
  applyTagsToFindings: zFormBool(),
  environment: zText(100),
  version: zText(100),
  buildId: zText(150),
  branchTag: zText(150),
  commitHash: zText(150),
  testTitle: zText(),
  pushToJira: zFormBool(),
  groupBy: zGroupBy(),
});
export type ImportForm = z.infer<typeof ZImportForm>;

/** An import's fields as ImportRequest names them: what both forms carry besides the file and the mode. */
export type ImportFields = Omit<ImportRequest, 'mode' | 'report' | 'filename' | 'artifactKey'>;

/** The one mapping from an import form (v1 or DefectDojo, parsed) and its spooled upload to the request core runs. */
export function toImportRequest(
  mode: ImportRequest['mode'],
  fields: ImportFields,
  file: { filename: string; path: string; size: number },
): ImportRequest {
  return { mode, ...fields, report: { path: file.path, size: file.size }, filename: file.filename };
}

/**
 * DefectDojo's import-scan / reimport-scan multipart fields, parsed into ImportRequest's names (the
 * errors keep DefectDojo's names); `lead` and `endpoint_to_add` are accepted and ignored.
 */
export const ZDojoImportForm = z
  .object({
    scan_type: z.string().trim().min(1).max(200),
    engagement: zId(),
    test: zId(),
    product_type_name: zText(),
    product_name: zText(),
    engagement_name: zText(),
    engagement_end_date: zDay(),
    source_code_management_uri: zText(600),
    auto_create_context: zFormBool(),
    scan_date: zDay(),
    minimum_severity: zSeverity(),
    active: zFormBool(),
    verified: zFormBool(),
    close_old_findings: zFormBool(),
    close_old_findings_product_scope: zFormBool(),
    deduplication_on_engagement: zFormBool(),
    do_not_reactivate: zFormBool(),
    push_to_jira: zFormBool(),
    tags: zTagList(),
    apply_tags_to_findings: zFormBool(),
    environment: zText(100),
    version: zText(100),
    build_id: zText(150),
    branch_tag: zText(150),
    commit_hash: zText(150),
    test_title: zText(),
    service: zText(200),
    group_by: zGroupBy(),
    lead: zId(),
    endpoint_to_add: zId(),
  })
  .transform(
    (d): ImportFields => ({
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
  test: zId(),
  engagement: zId(),
  product: zId(),
  duplicate: zFormBool(),
  active: zFormBool(),
  limit: z.coerce.number().int().min(1).max(1000).default(25),
  offset: z.coerce.number().int().min(0).default(0),
});

/** zod-parses a multipart form (the route schema cannot see multipart fields). */
export function parseForm<T extends z.ZodType>(schema: T, values: unknown): z.infer<T> {
  // Multipart fields are read in the handler, after the app-wide NUL check (http/nul-bytes.ts): same rule here.
  for (const [key, value] of Object.entries((values ?? {}) as Record<string, unknown>)) {
    const path = nulPath(key, value);
    if (path) throw nulByteError(path);
  }
  const r = schema.safeParse(values);
  if (r.success) return r.data;
  const details = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new AppError(
    'VALIDATION_FAILED',
    `Invalid request: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`,
    details,
  );
}
