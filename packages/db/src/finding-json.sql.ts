import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

const iso = (col: string) => sql.raw(`to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * Findings presented as a JSON array by PostgreSQL, in the given id order, with exactly the shape
 * of core's presentFinding() (without role/abilities). The list endpoint sends this text as it is,
 * which saves parsing every wide row in Node; a test keeps both shapes equal.
 */
export async function presentedFindingsJson(db: Kysely<Database>, ids: number[]): Promise<string> {
  if (ids.length === 0) return '[]';
  const r = await sql<{ json: string }>`
    SELECT coalesce(json_agg(row_to_json(x)), '[]')::text AS json FROM (
      SELECT f.id, f.test_id AS "testId", f.engagement_id AS "engagementId", f.product_id AS "productId",
        f.title, f.severity, 'S' || f.numerical_severity AS "numericalSeverity",
        f.description, f.mitigation, f.impact, f."references", f.cwe, f.vulnerability_ids AS "vulnerabilityIds",
        f.cvssv3, f.cvssv3_score::float8 AS "cvssv3Score", f.cvssv4, f.cvssv4_score::float8 AS "cvssv4Score",
        f.epss_score::float8 AS "epssScore", f.epss_percentile::float8 AS "epssPercentile",
        f.file_path AS "filePath", f.line, f.component_name AS "componentName", f.component_version AS "componentVersion",
        f.unique_id_from_tool AS "uniqueIdFromTool", f.vuln_id_from_tool AS "vulnIdFromTool", f.hash_code AS "hashCode",
        to_char(f.date, 'YYYY-MM-DD') AS date, f.active, f.verified, f.false_p AS "falsePositive", f.out_of_scope AS "outOfScope",
        f.risk_accepted AS "riskAccepted", f.under_review AS "underReview", f.is_mitigated AS mitigated,
        ${iso('f.mitigated_at')} AS "mitigatedAt", f.mitigated_by_id AS "mitigatedById", f.duplicate,
        f.duplicate_finding_id AS "duplicateFindingId", f.static_finding AS "staticFinding", f.dynamic_finding AS "dynamicFinding",
        f.nb_occurences AS occurrences, to_char(f.sla_start_date, 'YYYY-MM-DD') AS "slaStartDate",
        to_char(f.sla_expiration_date, 'YYYY-MM-DD') AS "slaExpirationDate",
        CASE WHEN f.active AND f.sla_expiration_date IS NOT NULL
             THEN f.sla_expiration_date - (now() AT TIME ZONE 'UTC')::date END AS "slaDaysRemaining",
        f.reporter_id AS "reporterId", f.assignee_id AS "assigneeId", f.tags,
        ${iso('f.created_at')} AS "createdAt", ${iso('f.updated_at')} AS "updatedAt",
        ${iso('f.last_status_update')} AS "lastStatusUpdate"
      FROM findings f
      WHERE f.id = ANY(${ids}::int[])
      ORDER BY array_position(${ids}::int[], f.id)
    ) x`.execute(db);
  return r.rows[0]?.json ?? '[]';
}
