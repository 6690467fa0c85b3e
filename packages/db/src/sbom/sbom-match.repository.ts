import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/** One (inventory component, advisory affected entry) pair that shares the package key. */
export interface MatchCandidateRow {
  inventory_component_id: number;
  identity_key: string;
  purl: string | null;
  name: string;
  component_group: string | null;
  version: string;
  advisory_id: number;
  ordinal: number;
  osv_id: string;
  withdrawn: Date | null;
  summary: string | null;
  severity_rating: 'none' | 'low' | 'medium' | 'high' | 'critical' | null;
  severity_score: number | null;
  cwes: number[];
  /** The OSV ecosystem as published, release suffix included (`Debian:12`). */
  ecosystem: string;
  ranges: unknown[];
  versions: string[];
  canonical_id: string;
  /** Every id of the alias group (the advisory's id and aliases when it has no group). */
  group_ids: string[];
  severities: { type: string; vector: string; score: number | null }[];
}

export interface InventoryGraphRow {
  inventory_id: number;
  root_ref: string | null;
  nodes: { id: number; bom_ref: string; name: string; version: string | null }[];
  edges: { from_id: number; to_id: number }[];
}

/** What an advisory change can alter on a finding matching still supports. */
export interface MatchedFindingFields {
  unique_id: string;
  description: string;
  mitigation: string;
  vulnerability_ids: string[];
  cvssv3: string | null;
  cvssv3_score: number | null;
  cvssv4: string | null;
  cvssv4_score: number | null;
}

/** A package as advisories and components are keyed: OSV ecosystem (no release suffix) and normalized name. */
export interface PackageKey {
  ecosystem: string;
  purlType: string;
  name: string;
}

/**
 * The SQL of SBOM matching: an inventory's components joined to the advisories' affected packages
 * on the package key in one statement, and the reverse lookup from packages to the engagements whose
 * inventories hold them (through the components' (purl_type, normalized_name) index).
 */
export class SbomMatchRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Every advisory entry naming a package of the engagement's inventory (withdrawn ones included). */
  async candidates(engagementId: number): Promise<MatchCandidateRow[]> {
    const r = await sql<MatchCandidateRow>`
      SELECT ic.id AS inventory_component_id, c.identity_key, c.purl, c.name, c.component_group, c.version,
        a.id AS advisory_id, aa.ordinal, a.osv_id, a.withdrawn, a.summary, a.severity_rating,
        a.severity_score::float8 AS severity_score,
        ARRAY(SELECT w.cwe_id FROM advisory_cwes w WHERE w.advisory_id = a.id ORDER BY w.cwe_id) AS cwes,
        aa.ecosystem, aa.ranges, aa.versions,
        coalesce(g.canonical_id, a.osv_id) AS canonical_id,
        CASE WHEN g.id IS NULL
          THEN ARRAY[a.osv_id] || ARRAY(SELECT x.alias FROM advisory_aliases x WHERE x.advisory_id = a.id ORDER BY 1)
          ELSE ARRAY(SELECT m2.vuln_id FROM advisory_alias_group_members m2 WHERE m2.group_id = g.id ORDER BY 1)
        END AS group_ids,
        coalesce((SELECT json_agg(json_build_object('type', s.type, 'vector', s.vector, 'score', s.score::float8)
                    ORDER BY s.ordinal)
                  FROM advisory_severities s
                  WHERE s.advisory_id = a.id AND (s.affected_ordinal IS NULL OR s.affected_ordinal = aa.ordinal)),
                 '[]') AS severities
      FROM sbom_inventories i
      JOIN inventory_components ic ON ic.inventory_id = i.id
      JOIN components c ON c.id = ic.component_id
      JOIN advisory_affected aa ON aa.ecosystem_base = c.ecosystem AND aa.normalized_name = c.normalized_name
      JOIN advisories a ON a.id = aa.advisory_id
      LEFT JOIN advisory_alias_group_members m ON m.vuln_id = a.osv_id
      LEFT JOIN advisory_alias_groups g ON g.id = m.group_id
      WHERE i.engagement_id = ${engagementId} AND c.ecosystem IS NOT NULL AND c.version IS NOT NULL
        AND aa.ecosystem IS NOT NULL
      ORDER BY ic.id, a.osv_id, aa.ordinal`.execute(this.db);
    return r.rows;
  }

  /** The engagement's inventory as a graph (components and dependency edges), for dependency paths. */
  async graph(engagementId: number): Promise<InventoryGraphRow | undefined> {
    const r = await sql<InventoryGraphRow>`
      SELECT i.id AS inventory_id, i.root_ref,
        coalesce((SELECT json_agg(json_build_object('id', ic.id, 'bom_ref', ic.bom_ref, 'name', c.name,
                    'version', c.version))
                  FROM inventory_components ic JOIN components c ON c.id = ic.component_id
                  WHERE ic.inventory_id = i.id), '[]') AS nodes,
        coalesce((SELECT json_agg(json_build_object('from_id', d.from_id, 'to_id', d.to_id))
                  FROM inventory_dependencies d WHERE d.inventory_id = i.id), '[]') AS edges
      FROM sbom_inventories i WHERE i.engagement_id = ${engagementId}`.execute(this.db);
    return r.rows[0];
  }

  /** The packages the advisories name now, by OSV id. */
  async packagesOf(osvIds: string[]): Promise<{ ecosystem: string; name: string }[]> {
    if (osvIds.length === 0) return [];
    const r = await sql<{ ecosystem: string; name: string }>`
      SELECT DISTINCT aa.ecosystem_base AS ecosystem, aa.normalized_name AS name
      FROM advisories a JOIN advisory_affected aa ON aa.advisory_id = a.id
      WHERE a.osv_id = ANY(${osvIds}::text[]) AND aa.ecosystem_base IS NOT NULL AND aa.normalized_name IS NOT NULL
      ORDER BY 1, 2`.execute(this.db);
    return r.rows;
  }

  /** Engagements whose inventory holds a component of one of the packages, by the components' index. */
  async engagementsWith(packages: PackageKey[]): Promise<number[]> {
    if (packages.length === 0) return [];
    const r = await sql<{ engagement_id: number }>`
      SELECT DISTINCT i.engagement_id
      FROM unnest(${packages.map((p) => p.purlType)}::text[], ${packages.map((p) => p.name)}::text[],
                  ${packages.map((p) => p.ecosystem)}::text[]) AS p(purl_type, name, ecosystem)
      JOIN components c ON c.purl_type = p.purl_type AND c.normalized_name = p.name AND c.ecosystem = p.ecosystem
      JOIN inventory_components ic ON ic.component_id = c.id
      JOIN sbom_inventories i ON i.id = ic.inventory_id
      ORDER BY 1`.execute(this.db);
    return r.rows.map((row) => row.engagement_id);
  }

  /**
   * Brings the test's findings up to date with what the advisories say now (a new fixed version, a
   * rescored vector, a longer alias group, another dependency path); a finding already current is
   * not written. Returns how many were.
   */
  async refreshFindings(testId: number, fields: MatchedFindingFields[]): Promise<number> {
    if (fields.length === 0) return 0;
    const r = await sql`
      UPDATE findings f SET description = u.description, mitigation = u.mitigation,
        vulnerability_ids = u.vulnerability_ids, cvssv3 = u.cvssv3, cvssv3_score = u.cvssv3_score,
        cvssv4 = u.cvssv4, cvssv4_score = u.cvssv4_score, updated_at = now()
      FROM jsonb_to_recordset(${JSON.stringify(fields)}::jsonb) AS u(unique_id text, description text, mitigation text,
        vulnerability_ids text[], cvssv3 text, cvssv3_score numeric, cvssv4 text, cvssv4_score numeric)
      WHERE f.test_id = ${testId} AND f.unique_id_from_tool = u.unique_id
        AND (f.description, f.mitigation, f.vulnerability_ids, f.cvssv3, f.cvssv3_score, f.cvssv4, f.cvssv4_score)
          IS DISTINCT FROM
          (u.description, u.mitigation, u.vulnerability_ids, u.cvssv3, u.cvssv3_score, u.cvssv4, u.cvssv4_score)
    `.execute(this.db);
    return Number(r.numAffectedRows ?? 0);
  }
}
