import type { FindingSummary } from '@vigil/client';

/** One word for where a finding stands, most decisive flag first. */
export function findingStatus(f: FindingSummary): { label: string; color: string } {
  if (f.duplicate) return { label: 'Duplicate', color: 'gray' };
  if (f.falsePositive) return { label: 'False positive', color: 'gray' };
  if (f.outOfScope) return { label: 'Out of scope', color: 'gray' };
  if (f.riskAccepted) return { label: 'Risk accepted', color: 'violet' };
  if (f.mitigated || !f.active) return { label: 'Closed', color: 'green' };
  if (f.underReview) return { label: 'Under review', color: 'yellow' };
  if (f.verified) return { label: 'Verified', color: 'red' };
  return { label: 'Active', color: 'orange' };
}
