import { sql, type Kysely } from 'kysely';
import { readableProductIds } from '../access.repository.ts';
import { decodeCursor, type Page, toPage } from '../keyset.ts';
import type { Database } from '../schema.ts';

export interface InventoryComponentRow {
  id: number;
  bom_ref: string;
  name: string;
  component_group: string | null;
  version: string | null;
  type: string;
  purl: string | null;
  purl_type: string | null;
  ecosystem: string | null;
  normalized_name: string;
  scope: 'required' | 'optional' | 'excluded' | null;
  hashes: { alg: string; value: string }[];
  /** Each licence as its SPDX expression, or its name when it has none. */
  licenses: string[];
  /** Direct dependencies of this component in the inventory. */
  dependency_count: number;
}

export interface ComponentUsageRow {
  id: number;
  product_id: number;
  product_name: string;
  engagement_id: number;
  engagement_name: string;
  name: string;
  version: string | null;
  purl: string | null;
}

export interface PackageVersionsRow {
  package_key: string;
  name: string;
  purl_type: string | null;
  before_versions: string[] | null;
  after_versions: string[] | null;
}

export interface ComponentSearch {
  /** Matched case-insensitively against the name, group and purl. */
  q?: string;
  limit: number;
  cursor?: string;
}

export interface UsageSearch {
  purlType: string | null;
  normalizedName: string;
  /** Only this version; undefined for every version. */
  version?: string;
  /** Only products this user reads; undefined for everything (administrators). */
  readableBy?: number;
  limit: number;
  cursor?: string;
}

const COMPONENT_ORDER = 'components:name';
const USAGE_ORDER = 'component-usage:id';

/** Reads of SBOM inventories: an engagement's components, who uses a package, two inventories' difference. */
export class SbomQueryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** An engagement's components, by name then id (keyset pages). */
  async listComponents(engagementId: number, search: ComponentSearch): Promise<Page<InventoryComponentRow>> {
    const after = search.cursor === undefined ? undefined : decodeCursor(COMPONENT_ORDER, search.cursor);
    const pattern = search.q === undefined ? null : `%${search.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await sql<InventoryComponentRow>`
      SELECT ic.id, ic.bom_ref, c.name, c.component_group, c.version, c.type, c.purl, c.purl_type, c.ecosystem,
        c.normalized_name, ic.scope, ic.hashes,
        ARRAY(SELECT coalesce(l.expression, l.name) FROM inventory_component_licenses l
              WHERE l.inventory_component_id = ic.id ORDER BY l.ordinal) AS licenses,
        (SELECT count(*)::int FROM inventory_dependencies d WHERE d.from_id = ic.id) AS dependency_count
      FROM sbom_inventories i
      JOIN inventory_components ic ON ic.inventory_id = i.id
      JOIN components c ON c.id = ic.component_id
      WHERE i.engagement_id = ${engagementId}
        AND (${pattern}::text IS NULL OR c.name ILIKE ${pattern} OR c.component_group ILIKE ${pattern}
             OR c.purl ILIKE ${pattern})
        AND (${after === undefined}::boolean OR (c.name, ic.id) > (${String(after?.value ?? '')}::text,
             ${after?.id ?? 0}::int))
      ORDER BY c.name, ic.id
      LIMIT ${search.limit + 1}`.execute(this.db);
    return toPage(rows.rows, search.limit, COMPONENT_ORDER, (row) => row.name);
  }

  /** The engagements (product versions) whose inventory holds the package, on products the caller reads. */
  async usages(search: UsageSearch): Promise<Page<ComponentUsageRow>> {
    const after = search.cursor === undefined ? undefined : decodeCursor(USAGE_ORDER, search.cursor);
    const readable =
      search.readableBy === undefined ? sql`TRUE` : sql`p.id IN (${readableProductIds(this.db, search.readableBy)})`;
    const rows = await sql<ComponentUsageRow>`
      SELECT ic.id, p.id AS product_id, p.name AS product_name, e.id AS engagement_id, e.name AS engagement_name,
        c.name, c.version, c.purl
      FROM components c
      JOIN inventory_components ic ON ic.component_id = c.id
      JOIN sbom_inventories i ON i.id = ic.inventory_id
      JOIN engagements e ON e.id = i.engagement_id
      JOIN products p ON p.id = i.product_id
      WHERE c.purl_type IS NOT DISTINCT FROM ${search.purlType}::text AND c.normalized_name = ${search.normalizedName}
        AND (${search.version ?? null}::text IS NULL OR c.version = ${search.version ?? null}::text)
        AND ${readable}
        AND ic.id > ${after?.id ?? 0}::int
      ORDER BY ic.id
      LIMIT ${search.limit + 1}`.execute(this.db);
    return toPage(rows.rows, search.limit, USAGE_ORDER, (row) => row.id);
  }

  /**
   * Each package whose versions differ between two engagements' inventories: versions before (in
   * `against`) and after (in `engagementId`); null on the side that lacks the package.
   */
  async diff(engagementId: number, against: number): Promise<PackageVersionsRow[]> {
    const rows = await sql<PackageVersionsRow>`
      WITH side AS (
        SELECT i.engagement_id, c.package_key, min(c.name) AS name, min(c.purl_type) AS purl_type,
          array_agg(DISTINCT coalesce(c.version, '') ORDER BY coalesce(c.version, '')) AS versions
        FROM sbom_inventories i
        JOIN inventory_components ic ON ic.inventory_id = i.id
        JOIN components c ON c.id = ic.component_id
        WHERE i.engagement_id IN (${engagementId}, ${against})
        GROUP BY i.engagement_id, c.package_key
      ),
      before AS (SELECT * FROM side WHERE engagement_id = ${against}),
      after AS (SELECT * FROM side WHERE engagement_id = ${engagementId})
      SELECT coalesce(a.package_key, b.package_key) AS package_key, coalesce(a.name, b.name) AS name,
        coalesce(a.purl_type, b.purl_type) AS purl_type, b.versions AS before_versions, a.versions AS after_versions
      FROM after a FULL JOIN before b ON b.package_key = a.package_key
      WHERE a.versions IS DISTINCT FROM b.versions
      ORDER BY 2, 1`.execute(this.db);
    return rows.rows;
  }
}
