/**
 * The contract every scanner-format parser implements: bytes in, normalized findings out.
 * Parsers are pure — no database, no clock except what the report says, no network.
 */
import type { Severity } from '@vigil/contract';

/** The contract's severity list (@vigil/contract), the one every layer uses. */
export type { Severity };

export interface ParsedEndpoint {
  /** Full URL when the scanner gives one (https://host:8443/path?q). */
  url?: string;
  protocol?: string;
  host?: string;
  port?: number;
  path?: string;
}

export interface ParsedFinding {
  title: string;
  severity: Severity;
  description?: string;
  mitigation?: string;
  impact?: string;
  references?: string;
  /** Numeric CWE id (79, not "CWE-79"). */
  cwe?: number;
  /** CVE/GHSA/OSV/... ids, most specific first. */
  vulnerabilityIds?: string[];
  cvssv3?: string;
  cvssv3Score?: number;
  cvssv4?: string;
  cvssv4Score?: number;
  epssScore?: number;
  epssPercentile?: number;
  filePath?: string;
  line?: number;
  componentName?: string;
  componentVersion?: string;
  /** Package URL of the affected dependency, when known. */
  purl?: string;
  endpoints?: ParsedEndpoint[];
  uniqueIdFromTool?: string;
  vulnIdFromTool?: string;
  /** Status the report itself asserts; undefined = importer's default. */
  active?: boolean;
  verified?: boolean;
  falsePositive?: boolean;
  /** The report says this issue is fixed/resolved (reimport closes matches). */
  mitigated?: boolean;
  riskAccepted?: boolean;
  outOfScope?: boolean;
  staticFinding?: boolean;
  dynamicFinding?: boolean;
  tags?: string[];
  /** ISO date (YYYY-MM-DD) the scanner reports for the finding. */
  date?: string;
  service?: string;
  severityJustification?: string;
  /** Number of occurrences merged into this finding by the format. */
  occurrences?: number;
  /** Raw evidence (request/response, snippet), kept short. */
  evidence?: string;
}

export interface ParseResult {
  findings: ParsedFinding[];
  /** Tool name when the report names it (SARIF driver name, ...). */
  toolName?: string;
  /** Report date when the report states one (ISO). */
  scanDate?: string;
}

export type DedupAlgorithm = 'hash_code' | 'unique_id_from_tool' | 'unique_id_from_tool_or_hash_code' | 'legacy';

/** Fields of ParsedFinding (plus 'endpoints'/'vulnerabilityIds') hashed into hash_code. */
export type HashField =
  | 'title'
  | 'severity'
  | 'cwe'
  | 'vulnerabilityIds'
  | 'filePath'
  | 'line'
  | 'componentName'
  | 'componentVersion'
  | 'endpoints'
  | 'description'
  | 'uniqueIdFromTool'
  | 'vulnIdFromTool'
  | 'mitigation'
  | 'purl';

export interface ParseContext {
  /** The DefectDojo scan-type name the user asked for. */
  scanType: string;
  filename?: string;
}

export interface Parser {
  /** Stable kebab-case id, e.g. "trivy". */
  id: string;
  /** DefectDojo scan-type names this parser answers to, e.g. ["Trivy Scan"]. */
  scanTypes: string[];
  /** One line for the scan-type list. */
  description: string;
  /** File extensions accepted, e.g. ["json"]. */
  fileTypes: string[];
  /** Default deduplication identity, faithful to DefectDojo's per-scanner settings. */
  dedup: { algorithm: DedupAlgorithm; hashFields: HashField[] };
  parse(input: Buffer, ctx: ParseContext): ParseResult | Promise<ParseResult>;
  /**
   * Optional streaming read for large reports (SARIF, Trivy): the same findings as `parse`, a
   * batch at a time, reading the source more than once instead of holding the document.
   * Resolves once the report is known to be well-formed; reading `batches` may still throw
   * ParseError for a malformed element.
   */
  stream?(source: ReportSource, ctx: ParseContext): Promise<StreamedReport>;
}

/** A report that can be read from the start more than once, a chunk at a time. */
export interface ReportSource {
  open(): AsyncIterable<Buffer>;
}

export interface StreamedReport {
  /** The findings in report order, in batches. */
  batches: AsyncIterable<ParsedFinding[]>;
  toolName?: string;
  scanDate?: string;
}

export interface ParsePosition {
  line?: number;
  column?: number;
  offset?: number;
  /** JSON pointer / XPath-ish / CSV record where parsing stopped. */
  path?: string;
}

/** The one error parsers throw for bad input: says what is wrong and where. */
export class ParseError extends Error {
  readonly position?: ParsePosition;
  constructor(message: string, position?: ParsePosition) {
    super(message);
    this.name = 'ParseError';
    this.position = position;
  }
}
