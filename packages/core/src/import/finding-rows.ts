import type { ImportedFindingRow, ImportedLocation, SlaConfigurationRow } from '@vigil/db';
import { withoutCutMarks, type ParsedEndpoint, type ParsedFinding, type Severity } from '@vigil/parsers';
import { SEVERITY_ORDER, slaExpiration } from '../sla/sla.ts';
import { FINDING_LIMITS as L } from '../finding/finding-limits.ts';

/** The fixed parts of every row of one import. */
export interface RowContext {
  testId: number;
  engagementId: number;
  productId: number;
  /** The date a finding gets when the report gives none. */
  defaultDate: string;
  now: Date;
  reporterId: number | null;
  active?: boolean;
  verified?: boolean;
  findingTags: string[];
  sla: SlaConfigurationRow | undefined;
}

/** A finding ready to insert, before its id and duplicate status are known. */
export type DraftRow = Omit<ImportedFindingRow, 'id' | 'duplicate' | 'duplicate_finding_id'>;

// PostgreSQL text cannot hold NUL; a fuzzed or broken report must not fail the insert. (Fields
// are already cut to their limits by capFinding; the slices below only guard other callers.)
const clean = (s: string | undefined | null): string =>
  s ? (s.includes('\u0000') ? withoutCutMarks(s).text.replace(/\u0000/g, '') : s) : '';
const cleanOrNull = (s: string | undefined | null, max = 100_000): string | null =>
  s ? clean(s).slice(0, max) || null : null;
const int4 = (n: number | undefined): number | null => (Number.isInteger(n) && Math.abs(n!) < 2 ** 31 ? n! : null);
const ranged = (n: number | undefined, lo: number, hi: number): number | null =>
  typeof n === 'number' && Number.isFinite(n) ? Math.min(hi, Math.max(lo, Math.round(n * 100_000) / 100_000)) : null;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function draftRow(f: ParsedFinding, hash: string, c: RowContext): DraftRow {
  const severity: Severity = f.severity in SEVERITY_ORDER ? f.severity : 'Info';
  const date = f.date && ISO_DATE.test(f.date) && !Number.isNaN(Date.parse(f.date)) ? f.date : c.defaultDate;
  const mitigated = f.mitigated === true;
  const active =
    mitigated || f.falsePositive || f.outOfScope || f.riskAccepted ? false : (c.active ?? f.active ?? true);
  const title = clean(f.title).trim().slice(0, L.title) || 'Untitled finding';
  const score = (n: number | undefined) => (ranged(n, 0, 10) === null ? null : Math.round(ranged(n, 0, 10)! * 10) / 10);
  return {
    test_id: c.testId,
    engagement_id: c.engagementId,
    product_id: c.productId,
    title,
    severity,
    numerical_severity: SEVERITY_ORDER[severity],
    description: clean(f.description),
    mitigation: clean(f.mitigation),
    impact: clean(f.impact),
    references: clean(f.references),
    cwe: int4(f.cwe),
    vulnerability_ids: (f.vulnerabilityIds ?? []).map(clean).filter(Boolean).slice(0, L.vulnerabilityIdCount),
    cvssv3: cleanOrNull(f.cvssv3, L.cvssv3),
    cvssv3_score: score(f.cvssv3Score),
    cvssv4: cleanOrNull(f.cvssv4, L.cvssv4),
    cvssv4_score: score(f.cvssv4Score),
    epss_score: ranged(f.epssScore, 0, 1),
    epss_percentile: ranged(f.epssPercentile, 0, 1),
    file_path: cleanOrNull(f.filePath, L.filePath),
    line: int4(f.line),
    component_name: cleanOrNull(f.componentName, L.componentName),
    component_version: cleanOrNull(f.componentVersion, L.componentVersion),
    unique_id_from_tool: cleanOrNull(f.uniqueIdFromTool, L.uniqueIdFromTool),
    vuln_id_from_tool: cleanOrNull(f.vulnIdFromTool, L.vulnIdFromTool),
    hash_code: hash,
    date,
    active,
    verified: c.verified ?? f.verified ?? false,
    false_p: f.falsePositive === true,
    out_of_scope: f.outOfScope === true,
    risk_accepted: f.riskAccepted === true,
    is_mitigated: mitigated,
    mitigated_at: mitigated ? c.now : null,
    mitigated_by_id: mitigated ? c.reporterId : null,
    static_finding: f.staticFinding ?? false,
    dynamic_finding: f.dynamicFinding ?? false,
    nb_occurences: int4(f.occurrences) && f.occurrences! > 0 ? f.occurrences! : 1,
    sla_start_date: date,
    sla_expiration_date: slaExpiration(severity, date, c.sla),
    reporter_id: c.reporterId,
    tags: [...new Set([...(f.tags ?? []).map(clean).filter(Boolean), ...c.findingTags])].slice(0, L.tagCount),
  };
}

/** Endpoint and package-URL locations of a parsed finding. */
/** A URL endpoint's parts, taken from its URL where the parser gave one (stored and hashed alike). */
export function endpointParts(e: ParsedEndpoint): {
  protocol?: string;
  host?: string;
  port?: number;
  path?: string;
  query?: string;
} {
  let { protocol, host, port, path } = e;
  let query: string | undefined;
  if (e.url) {
    try {
      const u = new URL(e.url);
      protocol ??= u.protocol.replace(/:$/, '');
      host ??= u.hostname;
      port ??= u.port ? Number(u.port) : undefined;
      path ??= u.pathname;
      query = u.search ? u.search.slice(1) : undefined;
    } catch {
      host ??= e.url;
    }
  }
  return { protocol, host, port, path, query };
}

export function locationsOf(f: ParsedFinding, findingId: number): ImportedLocation[] {
  const out: ImportedLocation[] = [];
  for (const e of (f.endpoints ?? []).slice(0, L.locationCount)) {
    const { protocol, host, port, path, query } = endpointParts(e);
    out.push({
      finding_id: findingId,
      kind: 'url',
      protocol: cleanOrNull(protocol, L.location.protocol),
      host: cleanOrNull(host, L.location.host),
      port: int4(port),
      path: cleanOrNull(path, L.location.path),
      query: cleanOrNull(query, L.location.query),
      purl: null,
    });
  }
  if (f.purl)
    out.push({
      finding_id: findingId,
      kind: 'dependency',
      protocol: null,
      host: null,
      port: null,
      path: null,
      query: null,
      purl: cleanOrNull(f.purl, L.location.purl),
    });
  return out;
}
