import type { RiskAcceptance, RiskDecision } from '@vigil/contract';
import type { RiskAcceptanceRow } from '@vigil/db';

export function presentRiskAcceptance(r: RiskAcceptanceRow, findingIds?: number[]): RiskAcceptance {
  return {
    id: r.id,
    productId: r.product_id,
    name: r.name,
    // The column's CHECK constraint admits exactly the contract's decisions (migration 0001).
    decision: r.decision as RiskDecision,
    decisionDetails: r.decision_details,
    acceptedBy: r.accepted_by,
    ownerId: r.owner_id,
    expirationDate: r.expiration_date,
    expired: r.expired_at !== null,
    reactivateExpired: r.reactivate_expired,
    createdAt: r.created_at.toISOString(),
    ...(findingIds ? { findingIds } : {}),
  };
}
