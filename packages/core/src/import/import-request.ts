import type {
  DojoSeverityStatus,
  ImportAction,
  ImportMode,
  ImportOptions,
  ImportStatistics,
  Truncations,
} from '@vigil/contract';
import type { ReportFile } from './report-input.ts';

/**
 * One import or reimport, as every entry point (v1 API, DefectDojo API, CLI, reprocess) states it:
 * the contract's import options (what the forms carry, in Vigil's names), the mode and the report.
 */
export interface ImportRequest extends ImportOptions {
  mode: ImportMode;
  /** The report: bytes, or an upload spooled to a file. Absent when `artifactKey` names a stored one. */
  report?: Buffer | ReportFile;
  filename?: string;
  /** A report already in the artifact store (reprocess, queued imports): read from there. */
  artifactKey?: string;
}

export interface ImportResult {
  importId: number;
  mode: ImportMode;
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

/** How far an import has come, heard outside its transaction (after parsing, before writing). */
export interface ImportProgress {
  phase: 'parsed' | 'writing';
  /** Known up front only for reports parsed whole (not streamed). */
  findingsInReport?: number;
}
