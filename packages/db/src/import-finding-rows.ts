import type { Severity } from './schema.ts';
import { copyTextValue } from './connection/copy-from-stdin.ts';

/**
 * One finding row as the importer writes it (ids reserved beforehand: reserveIdsWithCandidates or allocateFindingIds).
 */
export interface ImportedFindingRow {
  id: number;
  test_id: number;
  engagement_id: number;
  product_id: number;
  title: string;
  severity: Severity;
  numerical_severity: number;
  description: string;
  mitigation: string;
  impact: string;
  references: string;
  cwe: number | null;
  vulnerability_ids: string[];
  cvssv3: string | null;
  cvssv3_score: number | null;
  cvssv4: string | null;
  cvssv4_score: number | null;
  epss_score: number | null;
  epss_percentile: number | null;
  file_path: string | null;
  line: number | null;
  component_name: string | null;
  component_version: string | null;
  unique_id_from_tool: string | null;
  vuln_id_from_tool: string | null;
  hash_code: string | null;
  date: string;
  active: boolean;
  verified: boolean;
  false_p: boolean;
  out_of_scope: boolean;
  risk_accepted: boolean;
  is_mitigated: boolean;
  mitigated_at: Date | null;
  mitigated_by_id: number | null;
  duplicate: boolean;
  duplicate_finding_id: number | null;
  static_finding: boolean;
  dynamic_finding: boolean;
  nb_occurences: number;
  sla_start_date: string | null;
  sla_expiration_date: string | null;
  reporter_id: number | null;
  tags: string[];
}

/** A finding as the import drafts it, before deduplication gives it an id and a duplicate status. */
export type FindingDraft = Omit<ImportedFindingRow, 'id' | 'duplicate' | 'duplicate_finding_id'>;

/** What deduplication decided for one draft of a prepared batch (`index` into its drafts). */
export interface DraftOutcome {
  index: number;
  id: number;
  active: boolean;
  duplicateOf: number | null;
}

/** The columns deduplication decides, written first so the rest of a row can be built before. */
const DECIDED = ['id', 'active', 'duplicate', 'duplicate_finding_id'] as const;

/** The columns a draft already has (those of findings an import does not write take their defaults). */
const DRAFTED: Array<keyof FindingDraft> = [
  'test_id',
  'engagement_id',
  'product_id',
  'title',
  'severity',
  'numerical_severity',
  'description',
  'mitigation',
  'impact',
  'references',
  'cwe',
  'vulnerability_ids',
  'cvssv3',
  'cvssv3_score',
  'cvssv4',
  'cvssv4_score',
  'epss_score',
  'epss_percentile',
  'file_path',
  'line',
  'component_name',
  'component_version',
  'unique_id_from_tool',
  'vuln_id_from_tool',
  'hash_code',
  'date',
  'verified',
  'false_p',
  'out_of_scope',
  'risk_accepted',
  'is_mitigated',
  'mitigated_at',
  'mitigated_by_id',
  'static_finding',
  'dynamic_finding',
  'nb_occurences',
  'sla_start_date',
  'sla_expiration_date',
  'reporter_id',
  'tags',
];

/** Every column an import writes. */
export const FINDING_COLUMNS: Array<keyof ImportedFindingRow> = [...DECIDED, ...DRAFTED];

export const COPY_COLUMN_LIST = FINDING_COLUMNS.map((c) => `"${c}"`).join(', ');

/**
 * A batch of drafts and, where the insert is a COPY, each draft's COPY text for its drafted
 * columns: built while the previous batch is being written, so after deduplication only the
 * decided columns are added (ImportRepository.prepareFindings / insertPreparedFindings).
 */
export class PreparedFindings {
  readonly drafts: FindingDraft[] = [];
  readonly draftedText: string[] | undefined;

  constructor(copy: boolean) {
    this.draftedText = copy ? [] : undefined;
  }

  /** Adds drafts (a batch may be prepared a slice at a time). */
  add(drafts: FindingDraft[]): void {
    for (const d of drafts) {
      this.drafts.push(d);
      this.draftedText?.push(draftedCopyText(d));
    }
  }
}

/** One flat string (join, not a rope of 40 concatenations: it is kept until the batch is written). */
export function draftedCopyText(d: FindingDraft): string {
  return DRAFTED.map((c) => copyTextValue(d[c])).join('\t');
}

function decidedCopyText(id: number, active: boolean, duplicateOf: number | null): string {
  return duplicateOf === null
    ? `${id}\t${active ? 't' : 'f'}\tf\t\\N\t`
    : `${id}\t${active ? 't' : 'f'}\tt\t${duplicateOf}\t`;
}

/** COPY text input of a prepared batch's chosen drafts, `chunk` rows per string. */
export function* preparedCopyText(p: PreparedFindings, outcomes: DraftOutcome[], chunk: number): Generator<string> {
  const drafted = p.draftedText!;
  for (let at = 0; at < outcomes.length; at += chunk) {
    let text = '';
    for (let k = at; k < Math.min(at + chunk, outcomes.length); k++) {
      const o = outcomes[k];
      text += decidedCopyText(o.id, o.active, o.duplicateOf) + drafted[o.index] + '\n';
    }
    yield text;
  }
}

/** COPY text input of whole rows, `chunk` rows per string. */
export function* rowsCopyText(rows: ImportedFindingRow[], chunk: number): Generator<string> {
  for (let at = 0; at < rows.length; at += chunk) {
    let text = '';
    for (let k = at; k < Math.min(at + chunk, rows.length); k++) {
      const row = rows[k];
      for (const c of DECIDED) text += copyTextValue(row[c]) + '\t';
      text += draftedCopyText(row) + '\n';
    }
    yield text;
  }
}

/** A draft with what deduplication decided: the row to insert. */
export function decidedRow(d: FindingDraft, o: DraftOutcome): ImportedFindingRow {
  return { ...d, id: o.id, active: o.active, duplicate: o.duplicateOf !== null, duplicate_finding_id: o.duplicateOf };
}
