import type { DojoFinding, DojoImportResponse, DojoTest, DojoTestType } from '@vigil/contract';
import type { FindingRow, TestWithScope } from '@vigil/db';
import type { Parser } from '@vigil/parsers';
import type { ImportRequest, ImportResult } from './import-request.ts';

/**
 * DefectDojo-shaped answers for pipelines that talk to Vigil as if it were DefectDojo
 * (/api/v2/import-scan/, /api/v2/reimport-scan/, /api/v2/findings/, /api/v2/tests/, /api/v2/test_types/).
 */
export function presentDojoImport(req: ImportRequest, r: ImportResult): DojoImportResponse {
  return {
    scan_date: req.scanDate ?? null,
    minimum_severity: req.minimumSeverity ?? 'Info',
    active: req.active ?? null,
    verified: req.verified ?? null,
    scan_type: r.scanType,
    product_type_name: req.productTypeName ?? null,
    product_name: req.productName ?? null,
    engagement_name: req.engagementName ?? null,
    engagement: r.engagementId,
    auto_create_context: req.autoCreateContext ?? false,
    deduplication_on_engagement: req.deduplicationOnEngagement ?? false,
    close_old_findings: req.closeOldFindings ?? r.mode === 'reimport',
    close_old_findings_product_scope: req.closeOldFindingsProductScope ?? false,
    do_not_reactivate: req.doNotReactivate ?? false,
    push_to_jira: req.pushToJira ?? false,
    environment: req.environment ?? 'Development',
    version: req.version ?? null,
    build_id: req.buildId ?? null,
    branch_tag: req.branchTag ?? null,
    commit_hash: req.commitHash ?? null,
    service: req.service ?? null,
    test_title: req.testTitle ?? null,
    tags: req.tags ?? [],
    test: r.testId,
    test_id: r.testId,
    engagement_id: r.engagementId,
    product_id: r.productId,
    product_type_id: r.productTypeId,
    statistics: r.mode === 'reimport' ? r.dojo : { delta: r.dojo.delta, after: r.dojo.after },
    // Vigil's addition (DefectDojo clients ignore it): fields cut to the API's limits.
    truncated: r.truncated,
  };
}

export function presentDojoTestType(id: number, name: string, parser: Parser): DojoTestType {
  return {
    id,
    name,
    static_tool: !parser.id.includes('zap'),
    dynamic_tool: false,
    active: true,
    dynamically_generated: false,
    tags: [],
    description: parser.description,
  };
}

export function presentDojoTest(t: TestWithScope, findingCount: number): DojoTest {
  return {
    id: t.id,
    engagement: t.engagement_id,
    title: t.title,
    description: t.description,
    test_type: t.scan_type,
    test_type_name: t.scan_type,
    scan_type: t.scan_type,
    target_start: t.target_start.toISOString(),
    target_end: t.target_end.toISOString(),
    environment: t.environment,
    version: t.version,
    build_id: t.build_id,
    commit_hash: t.commit_hash,
    branch_tag: t.branch_tag,
    lead: t.lead_id,
    tags: t.tags,
    percent_complete: 100,
    finding_count: findingCount,
    created: t.created_at.toISOString(),
    updated: t.updated_at.toISOString(),
  };
}

export function presentDojoFinding(f: FindingRow): DojoFinding {
  return {
    id: f.id,
    test: f.test_id,
    title: f.title,
    date: f.date,
    severity: f.severity,
    numerical_severity: `S${f.numerical_severity}`,
    description: f.description,
    mitigation: f.mitigation,
    impact: f.impact,
    references: f.references,
    cwe: f.cwe ?? 0,
    vulnerability_ids: f.vulnerability_ids.map((v) => ({ vulnerability_id: v })),
    cvssv3: f.cvssv3,
    cvssv3_score: f.cvssv3_score,
    epss_score: f.epss_score,
    epss_percentile: f.epss_percentile,
    file_path: f.file_path,
    line: f.line,
    component_name: f.component_name,
    component_version: f.component_version,
    unique_id_from_tool: f.unique_id_from_tool,
    vuln_id_from_tool: f.vuln_id_from_tool,
    hash_code: f.hash_code,
    active: f.active,
    verified: f.verified,
    false_p: f.false_p,
    out_of_scope: f.out_of_scope,
    risk_accepted: f.risk_accepted,
    under_review: f.under_review,
    is_mitigated: f.is_mitigated,
    mitigated: f.mitigated_at ? f.mitigated_at.toISOString() : null,
    mitigated_by: f.mitigated_by_id,
    duplicate: f.duplicate,
    duplicate_finding: f.duplicate_finding_id,
    static_finding: f.static_finding,
    dynamic_finding: f.dynamic_finding,
    nb_occurences: f.nb_occurences,
    sla_start_date: f.sla_start_date,
    sla_expiration_date: f.sla_expiration_date,
    reporter: f.reporter_id,
    tags: f.tags,
    created: f.created_at.toISOString(),
    last_status_update: f.last_status_update.toISOString(),
  };
}
