import type { FindingRow, FindingUpdate } from '@vigil/db';
import type { StatusAction } from '@vigil/contract/values';

// Triage actions, each a well-defined change of status flags (DefectDojo's rules); the list is the contract's.
export { STATUS_ACTIONS, type StatusAction } from '@vigil/contract/values';

export function statusChange(
  action: StatusAction,
  actorId: number | null,
  now: Date,
  finding?: FindingRow,
): FindingUpdate {
  const closed = { active: false, last_status_update: now };
  switch (action) {
    case 'verify':
      return { verified: true, last_status_update: now };
    case 'unverify':
      return { verified: false, last_status_update: now };
    case 'close':
      return { ...closed, is_mitigated: true, mitigated_at: now, mitigated_by_id: actorId || null };
    case 'reopen':
      return {
        active: true,
        is_mitigated: false,
        mitigated_at: null,
        mitigated_by_id: null,
        false_p: false,
        out_of_scope: false,
        risk_accepted: false,
        last_status_update: now,
      };
    case 'false_positive':
      return { ...closed, false_p: true, verified: false };
    case 'not_false_positive':
      return { false_p: false, active: !(finding?.is_mitigated ?? false), last_status_update: now };
    case 'out_of_scope':
      return { ...closed, out_of_scope: true };
    case 'in_scope':
      return { out_of_scope: false, active: !(finding?.is_mitigated ?? false), last_status_update: now };
    case 'under_review':
      return { under_review: true, last_status_update: now };
    case 'review_done':
      return { under_review: false, last_status_update: now };
  }
}
