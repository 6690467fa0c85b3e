import type { Repositories, Severity } from '@vigil/db';
import type { ReportFile } from './report-input.ts';
import type { DojoSeverityStatus, ImportAction, ImportStatistics } from './import-statistics.ts';
import type { Truncations } from './imported-text.ts';

/** One import or reimport, as every entry point (v1 API, DefectDojo API, CLI, reprocess) states it. */
export interface ImportRequest {
  mode: 'import' | 'reimport';
  /** DefectDojo scan-type name ("Trivy Scan", "SARIF", …). */
  scanType: string;
  /** The report: bytes, or an upload spooled to a file. Absent when `artifactKey` names a stored one. */
  report?: Buffer | ReportFile;
  filename?: string;
  /** Reimport target; when absent, the latest test of the scan type in the named engagement. */
  testId?: number;
  engagementId?: number;
  productTypeName?: string;
  productName?: string;
  engagementName?: string;
  /** Create the product type / product / engagement named when they do not exist. */
  autoCreateContext?: boolean;
  engagementEndDate?: string;
  sourceCodeManagementUri?: string;
  /** YYYY-MM-DD; the findings' date when the report gives none (default: today). */
  scanDate?: string;
  minimumSeverity?: Severity;
  /** Overrides the report's own status for every finding when set. */
  active?: boolean;
  verified?: boolean;
  closeOldFindings?: boolean;
  closeOldFindingsProductScope?: boolean;
  deduplicationOnEngagement?: boolean;
  doNotReactivate?: boolean;
  tags?: string[];
  applyTagsToFindings?: boolean;
  environment?: string;
  version?: string;
  buildId?: string;
  branchTag?: string;
  commitHash?: string;
  testTitle?: string;
  /** Accepted for DefectDojo compatibility; recorded in the audit entry only. */
  service?: string;
  /** Push the findings this import creates to Jira (the product's Jira configuration), now. */
  pushToJira?: boolean;
  /** With pushToJira: findings sharing this value become one Jira issue (docs/jira.md). */
  groupBy?: 'component_name' | 'component_name+component_version' | 'file_path' | 'finding_title';
  /** A report already in the artifact store (reprocess, queued imports): read from there. */
  artifactKey?: string;
}

export interface ImportResult {
  importId: number;
  mode: 'import' | 'reimport';
  scanType: string;
  testId: number;
  engagementId: number;
  productId: number;
  productTypeId: number;
  artifactKey: string;
  /** Findings the parser produced (after minimum_severity). */
  findingsInReport: number;
  statistics: ImportStatistics;
  /** DefectDojo's statistics blocks: the test before and after, and what each action touched. */
  dojo: { before: DojoSeverityStatus; delta: Record<ImportAction, DojoSeverityStatus>; after: DojoSeverityStatus };
  /** Findings whose fields were cut to the API's limits, and the count per field. */
  truncated: Truncations;
}

/** Lets an asynchronous import report progress and join the import's transaction. */
export interface ImportHooks {
  /** Called outside the transaction as the import advances (after parsing, before writing). */
  /** `findingsInReport` is known up front only for reports parsed whole (not streamed). */
  progress?(p: { phase: 'parsed' | 'writing'; findingsInReport?: number }): Promise<void>;
  /** First in the import's transaction; throwing aborts the import with nothing written. */
  begin?(repos: Repositories): Promise<void>;
  /** Last in the import's transaction: commits with the import's writes or not at all. */
  commit?(repos: Repositories, result: ImportResult): Promise<void>;
}
