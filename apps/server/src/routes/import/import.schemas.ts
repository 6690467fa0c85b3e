import { z } from 'zod';
import { AppError } from '@vigil/core';
import { nulByteError, nulPath } from '../../http/nul-bytes.ts';

const SEVERITIES = ['Critical', 'High', 'Medium', 'Low', 'Info'] as const;

/** 'true'/'false'/'1'/'0'/'on' as sent by forms and curl -F. */
export const zFormBool = () =>
  z
    .enum(['true', 'false', 'True', 'False', '1', '0', 'on', 'off'])
    .transform((v) => ['true', 'True', '1', 'on'].includes(v))
    .optional();
const zId = () => z.coerce.number().int().positive().optional();
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
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean))
    .pipe(z.array(z.string().max(100)).max(50))
    .optional();
const zDay = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}/, 'must be a date YYYY-MM-DD')
    .transform((v) => v.slice(0, 10))
    .optional();

/** DefectDojo's group_by values: findings sharing the value become one Jira issue. */
const zGroupBy = () => z.enum(['component_name', 'component_name+component_version', 'file_path', 'finding_title']).optional();

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

/** DefectDojo's import-scan / reimport-scan multipart fields. */
export const ZDojoImportForm = z.object({
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
});
export type DojoImportForm = z.infer<typeof ZDojoImportForm>;

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
  throw new AppError('VALIDATION_FAILED', `Invalid request: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`, details);
}
