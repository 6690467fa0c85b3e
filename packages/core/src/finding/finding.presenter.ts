import type { FindingRow, FindingSummaryRow, ProductRole } from '@vigil/db';
import type { Finding, FindingAbility, FindingSummary } from '@vigil/contract';
import { abilitiesFor } from '../access/abilities.ts';
import { todayUtc } from '../sla/sla.ts';

/** Whole days until the SLA date of an active finding (negative: breached); null when none applies. */
function slaDaysRemaining(row: Pick<FindingRow, 'sla_expiration_date' | 'active'>, now: Date): number | null {
  return row.sla_expiration_date && row.active
    ? Math.round(
        (Date.parse(`${row.sla_expiration_date}T00:00:00Z`) - Date.parse(`${todayUtc(now)}T00:00:00Z`)) / 86_400_000,
      )
    : null;
}

const score = (v: number | string | null) => (v === null ? null : Number(v));

/** A findings-table row: the list's default view (the fields of FINDING_SUMMARY_COLUMNS). */
export function presentFindingSummary(row: FindingSummaryRow, now: Date = new Date()): FindingSummary {
  return {
    id: row.id,
    testId: row.test_id,
    engagementId: row.engagement_id,
    productId: row.product_id,
    title: row.title,
    severity: row.severity,
    numericalSeverity: `S${row.numerical_severity}`,
    cwe: row.cwe,
    vulnerabilityIds: row.vulnerability_ids,
    cvssv3Score: score(row.cvssv3_score),
    epssScore: score(row.epss_score),
    filePath: row.file_path,
    line: row.line,
    componentName: row.component_name,
    componentVersion: row.component_version,
    date: row.date,
    active: row.active,
    verified: row.verified,
    falsePositive: row.false_p,
    outOfScope: row.out_of_scope,
    riskAccepted: row.risk_accepted,
    underReview: row.under_review,
    mitigated: row.is_mitigated,
    duplicate: row.duplicate,
    slaExpirationDate: row.sla_expiration_date,
    slaDaysRemaining: slaDaysRemaining(row, now),
    assigneeId: row.assignee_id,
    tags: row.tags,
    createdAt: row.created_at.toISOString(),
  };
}

/** Every field of a finding: the summary's fields plus the long texts, vectors and bookkeeping. */
export function presentFinding(row: FindingRow, now: Date = new Date()): Finding {
  return {
    ...presentFindingSummary(row, now),
    description: row.description,
    mitigation: row.mitigation,
    impact: row.impact,
    references: row.references,
    cvssv3: row.cvssv3,
    cvssv4: row.cvssv4,
    cvssv4Score: score(row.cvssv4_score),
    epssPercentile: score(row.epss_percentile),
    uniqueIdFromTool: row.unique_id_from_tool,
    vulnIdFromTool: row.vuln_id_from_tool,
    hashCode: row.hash_code,
    mitigatedAt: row.mitigated_at ? row.mitigated_at.toISOString() : null,
    mitigatedById: row.mitigated_by_id,
    duplicateFindingId: row.duplicate_finding_id,
    staticFinding: row.static_finding,
    dynamicFinding: row.dynamic_finding,
    occurrences: row.nb_occurences,
    slaStartDate: row.sla_start_date,
    reporterId: row.reporter_id,
    updatedAt: row.updated_at.toISOString(),
    lastStatusUpdate: row.last_status_update.toISOString(),
  };
}

/** The caller's role on a finding's product and the actions it allows (the detail's access fields). */
export function presentFindingAccess(role: ProductRole | null): {
  role: ProductRole | null;
  abilities: FindingAbility[];
} {
  return { role, abilities: abilitiesFor(role, 'finding') };
}
