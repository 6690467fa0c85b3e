import { z } from 'zod';
import { zId, zInstant, zItems } from '../common/common.contract.ts';
import { JIRA_GROUP_BY } from '../jira/jira-group-by.ts';
import { zFormBool, zFormDay, zFormId, zFormSeverity, zFormTags, zFormText } from './import-form.ts';
import { IMPORT_MODES, IMPORT_REQUEST_STATES, IMPORT_STATISTIC_ROWS, type ImportMode } from './import-values.ts';

// Vigil's import routes (/api/v1/import…): the multipart form's fields, and each answer. The form
// is read in the handler (a route schema cannot see multipart fields), with these schemas.

export const ZImportMode = z.enum(IMPORT_MODES);

// ---- requests

/** Options every import form carries besides the file, in Vigil's names (v1 form fields). */
const importOptions = {
  /** DefectDojo scan-type name ("Trivy Scan", "SARIF", …). */
  scanType: z.string().trim().min(1).max(200),
  engagementId: zFormId(),
  /** Reimport target; when absent, the latest test of the scan type in the named engagement. */
  testId: zFormId(),
  productTypeName: zFormText(),
  productName: zFormText(),
  engagementName: zFormText(),
  /** Create the product type / product / engagement named when they do not exist. */
  autoCreateContext: zFormBool(),
  /** YYYY-MM-DD; the findings' date when the report gives none (default: today). */
  scanDate: zFormDay(),
  minimumSeverity: zFormSeverity(),
  /** Overrides the report's own status for every finding when set. */
  active: zFormBool(),
  verified: zFormBool(),
  closeOldFindings: zFormBool(),
  deduplicationOnEngagement: zFormBool(),
  doNotReactivate: zFormBool(),
  tags: zFormTags(),
  applyTagsToFindings: zFormBool(),
  environment: zFormText(100),
  version: zFormText(100),
  buildId: zFormText(150),
  branchTag: zFormText(150),
  commitHash: zFormText(150),
  testTitle: zFormText(),
  /** Push the findings this import creates to Jira (the product's Jira configuration), now. */
  pushToJira: zFormBool(),
  /** With pushToJira: findings sharing this value become one Jira issue (docs/jira.md). */
  groupBy: z.enum(JIRA_GROUP_BY).optional(),
};

/** Options only DefectDojo's form names (dojo.contract.ts maps them to these names). */
const dojoOnlyOptions = {
  engagementEndDate: zFormDay(),
  sourceCodeManagementUri: zFormText(600),
  closeOldFindingsProductScope: zFormBool(),
  /** Accepted for DefectDojo compatibility; recorded in the audit entry only. */
  service: zFormText(200),
};

/**
 * An import's options as core runs them, whichever form (v1 or DefectDojo) carried them: what
 * core's ImportRequest adds is the mode and the report.
 */
export const ZImportOptions = z.object({ ...importOptions, ...dojoOnlyOptions });
export type ImportOptions = z.output<typeof ZImportOptions>;

/**
 * Vigil's own import form (POST /api/v1/import), besides the `file` part. A v1 form names its
 * mode by `testId` or `reimport`.
 */
export const ZImportForm = z
  .object({ ...importOptions, reimport: zFormBool() })
  .transform(({ reimport, ...options }): ImportOptions & { mode: ImportMode } => ({
    ...options,
    mode: options.testId !== undefined || reimport ? 'reimport' : 'import',
  }));
export type ImportForm = z.output<typeof ZImportForm>;

/** POST /api/v1/import?async=true runs the import on a worker (docs/jobs.md). */
export const ZImportQuery = z.object({ async: zFormBool() });

// ---- responses

const count = () => z.number().int().nonnegative();

/** Counts per severity, with their total. */
export const ZSeverityCounts = z.object({
  critical: count(),
  high: count(),
  medium: count(),
  low: count(),
  info: count(),
  total: count(),
});
export type SeverityCounts = z.infer<typeof ZSeverityCounts>;

/** What one import did, per severity. `duplicates` counts created findings marked duplicate. */
export const ZImportStatistics = z.record(z.enum(IMPORT_STATISTIC_ROWS), ZSeverityCounts);
export type ImportStatistics = z.infer<typeof ZImportStatistics>;

/** Findings whose fields were cut to the API's limits (long texts end with a marker), per field. */
export const ZTruncations = z.object({
  findings: count().describe('findings with at least one field cut'),
  fields: z.record(z.string(), count()),
});
export type Truncations = z.infer<typeof ZTruncations>;

/** 201 of POST /api/v1/import: what the import did. */
export const ZImportResponse = z.object({
  importId: zId(),
  mode: ZImportMode,
  scanType: z.string(),
  testId: zId(),
  engagementId: zId(),
  productId: zId(),
  productTypeId: zId(),
  findingsInReport: count().describe('findings the parser produced (after minimumSeverity)'),
  statistics: ZImportStatistics,
  truncated: ZTruncations,
});
export type ImportResponse = z.infer<typeof ZImportResponse>;

/** A finished asynchronous import's answer as stored: results stored before imports reported cut fields lack them. */
export const ZImportRequestResult = ZImportResponse.extend({ truncated: ZTruncations.optional() });
export type ImportRequestResult = z.infer<typeof ZImportRequestResult>;

/** An asynchronous import as its requester polls it (GET /api/v1/import/requests/{id}; 202 of ?async=true). */
export const ZImportRequestStatus = z.object({
  id: zId(),
  state: z.enum(IMPORT_REQUEST_STATES),
  mode: ZImportMode,
  scanType: z.string(),
  filename: z.string().nullable(),
  productId: zId().nullable(),
  testId: zId().nullable(),
  importId: zId().nullable(),
  attempts: count(),
  result: ZImportRequestResult.nullable().describe('once done: the import’s answer, as POST /api/v1/import gives it'),
  error: z.string().nullable().describe('once failed: why'),
  createdAt: zInstant(),
  startedAt: zInstant().nullable(),
  finishedAt: zInstant().nullable(),
});
export type ImportRequestStatus = z.infer<typeof ZImportRequestStatus>;

/** GET /api/v1/import/scan-types: the scan-type names import accepts, and the parser of each. */
export const ZScanTypeList = zItems(
  z.object({ name: z.string(), parser: z.string(), description: z.string(), fileTypes: z.array(z.string()) }),
);
export type ScanTypeList = z.infer<typeof ZScanTypeList>;
