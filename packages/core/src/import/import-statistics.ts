import type { DojoSeverityStatus, ImportStatistics, SeverityCounts } from '@vigil/contract';
import type { SeverityStatusCount, Severity } from '@vigil/db';

// The statistics' shapes are the API contract's (an import's answer and DefectDojo's blocks).
export type { DojoSeverityStatus, ImportAction, ImportStatistics, SeverityCounts } from '@vigil/contract';

/** The status flags DefectDojo's statistics count (its STATS_FIELDS). */
export interface FindingStatus {
  severity: Severity;
  active: boolean;
  verified: boolean;
  duplicate: boolean;
  false_p: boolean;
  out_of_scope: boolean;
  is_mitigated: boolean;
  risk_accepted: boolean;
}

const STATUS_FIELDS = [
  'active',
  'verified',
  'duplicate',
  'false_p',
  'out_of_scope',
  'is_mitigated',
  'risk_accepted',
] as const;
type StatusCounts = DojoSeverityStatus['total'];

export function emptySeverityCounts(): SeverityCounts {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0, total: 0 };
}

export function emptyStatistics(): ImportStatistics {
  return {
    created: emptySeverityCounts(),
    reactivated: emptySeverityCounts(),
    closed: emptySeverityCounts(),
    untouched: emptySeverityCounts(),
    duplicates: emptySeverityCounts(),
  };
}

export function count(into: SeverityCounts, severity: Severity): void {
  into[severity.toLowerCase() as keyof SeverityCounts]++;
  into.total++;
}

function emptyStatus(): StatusCounts {
  return {
    active: 0,
    verified: 0,
    duplicate: 0,
    false_p: 0,
    out_of_scope: 0,
    is_mitigated: 0,
    risk_accepted: 0,
    total: 0,
  };
}

export function emptyDojoSeverityStatus(): DojoSeverityStatus {
  return {
    info: emptyStatus(),
    low: emptyStatus(),
    medium: emptyStatus(),
    high: emptyStatus(),
    critical: emptyStatus(),
    total: emptyStatus(),
  };
}

/** Adds one finding's flags to a DefectDojo statistics block. */
export function tally(into: DojoSeverityStatus, f: FindingStatus): void {
  for (const bucket of [into[f.severity.toLowerCase() as 'info'], into.total]) {
    bucket.total++;
    for (const flag of STATUS_FIELDS) if (f[flag]) bucket[flag]++;
  }
}

/** A DefectDojo statistics block from the per-severity counts the repository returns. */
export function dojoBlockFromCounts(rows: SeverityStatusCount[]): DojoSeverityStatus {
  const out = emptyDojoSeverityStatus();
  for (const r of rows) {
    for (const bucket of [out[r.severity.toLowerCase() as 'info'], out.total]) {
      bucket.total += r.total;
      for (const flag of STATUS_FIELDS) bucket[flag] += r[flag];
    }
  }
  return out;
}
