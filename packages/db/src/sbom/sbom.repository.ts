import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { SbomInventoriesTable } from './sbom.schema.ts';

export interface InventoryComponentWrite {
  bomRef: string;
  identityKey: string;
  packageKey: string;
  purl: string | null;
  purlType: string | null;
  ecosystem: string | null;
  normalizedName: string;
  name: string;
  group: string | null;
  version: string | null;
  type: string;
  scope: 'required' | 'optional' | 'excluded' | null;
  hashes: { alg: string; value: string }[];
  licenses: { expression: string | null; ids: string[]; name: string | null; acknowledgement: string | null }[];
}

/** One engagement's inventory as the import service hands it over. */
export interface InventoryWrite {
  engagementId: number;
  productId: number;
  importedBy: number | null;
  format: SbomInventoriesTable['format'];
  encoding: SbomInventoriesTable['encoding'];
  specVersion: string;
  serialNumber: string | null;
  rootRef: string | null;
  contentHash: string;
  warnings: string[];
  components: InventoryComponentWrite[];
  dependencies: { from: string; to: string }[];
}

export interface InventorySummaryRow {
  id: number;
  engagement_id: number;
  product_id: number;
  format: SbomInventoriesTable['format'];
  encoding: SbomInventoriesTable['encoding'];
  spec_version: string;
  serial_number: string | null;
  content_hash: string;
  component_count: number;
  dependency_count: number;
  warnings: string[];
  imported_at: Date;
}

/** Serializes imports into one engagement (class 7320, key = engagement id). */
const IMPORT_LOCK = 7320;

/**
 * Writes of SBOM inventories, set-based: each table gets one statement fed by one JSON document
 * (jsonb_to_recordset), rows joined to their component or inventory row in SQL — the same SQL on
 * PostgreSQL and PGlite. Reads are in sbom-query.repository.ts.
 */
export class SbomRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async lockEngagement(engagementId: number): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(${IMPORT_LOCK}::int4, ${engagementId}::int4)`.execute(this.db);
  }

  async inventoryOf(engagementId: number): Promise<InventorySummaryRow | undefined> {
    return this.db
      .selectFrom('sbom_inventories')
      .select([
        'id',
        'engagement_id',
        'product_id',
        'format',
        'encoding',
        'spec_version',
        'serial_number',
        'content_hash',
        'component_count',
        'dependency_count',
        'warnings',
        'imported_at',
      ])
      .where('engagement_id', '=', engagementId)
      .executeTakeFirst();
  }

  /** Replaces the engagement's inventory (the old one and its rows go, cascaded) with this one. */
  async replaceInventory(write: InventoryWrite): Promise<number> {
    await sql`DELETE FROM sbom_inventories WHERE engagement_id = ${write.engagementId}`.execute(this.db);
    const components = JSON.stringify(
      write.components.map((c) => ({
        identity_key: c.identityKey,
        package_key: c.packageKey,
        purl: c.purl,
        purl_type: c.purlType,
        ecosystem: c.ecosystem,
        normalized_name: c.normalizedName,
        name: c.name,
        component_group: c.group,
        version: c.version,
        type: c.type,
        bom_ref: c.bomRef,
        scope: c.scope,
        hashes: c.hashes,
      })),
    );
    await sql`
      INSERT INTO components (identity_key, package_key, purl, purl_type, ecosystem, normalized_name, name,
        component_group, version, type)
      SELECT DISTINCT ON (x.identity_key) x.identity_key, x.package_key, x.purl, x.purl_type, x.ecosystem,
        x.normalized_name, x.name, x.component_group, x.version, x.type
      FROM jsonb_to_recordset(${components}::jsonb) AS x(identity_key text, package_key text, purl text,
        purl_type text, ecosystem text, normalized_name text, name text, component_group text, version text,
        type text)
      ORDER BY x.identity_key
      ON CONFLICT (identity_key) DO NOTHING`.execute(this.db);
    const inventory = await this.db
      .insertInto('sbom_inventories')
      .values({
        engagement_id: write.engagementId,
        product_id: write.productId,
        format: write.format,
        encoding: write.encoding,
        spec_version: write.specVersion,
        serial_number: write.serialNumber,
        root_ref: write.rootRef,
        content_hash: write.contentHash,
        component_count: write.components.length,
        dependency_count: write.dependencies.length,
        warnings: JSON.stringify(write.warnings),
        imported_by: write.importedBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`
      INSERT INTO inventory_components (inventory_id, component_id, bom_ref, scope, hashes)
      SELECT ${inventory.id}::int, c.id, x.bom_ref, x.scope, x.hashes
      FROM jsonb_to_recordset(${components}::jsonb) AS x(identity_key text, bom_ref text, scope text, hashes jsonb)
      JOIN components c ON c.identity_key = x.identity_key`.execute(this.db);
    await this.writeLicenses(inventory.id, write.components);
    await this.writeDependencies(inventory.id, write.dependencies);
    return inventory.id;
  }

  private async writeLicenses(inventoryId: number, components: InventoryComponentWrite[]): Promise<void> {
    const licenses = components.flatMap((c) => c.licenses.map((l, ordinal) => ({ bom_ref: c.bomRef, ordinal, ...l })));
    if (licenses.length === 0) return;
    await sql`
      INSERT INTO inventory_component_licenses (inventory_component_id, ordinal, expression, license_ids, name,
        acknowledgement)
      SELECT ic.id, x.ordinal, x.expression, ARRAY(SELECT jsonb_array_elements_text(x.ids)), x.name, x.acknowledgement
      FROM jsonb_to_recordset(${JSON.stringify(licenses)}::jsonb) AS x(bom_ref text, ordinal int, expression text,
        ids jsonb, name text, acknowledgement text)
      JOIN inventory_components ic ON ic.inventory_id = ${inventoryId}::int AND ic.bom_ref = x.bom_ref`.execute(
      this.db,
    );
  }

  private async writeDependencies(inventoryId: number, edges: { from: string; to: string }[]): Promise<void> {
    if (edges.length === 0) return;
    await sql`
      INSERT INTO inventory_dependencies (inventory_id, from_id, to_id)
      SELECT ${inventoryId}::int, f.id, t.id
      FROM jsonb_to_recordset(${JSON.stringify(edges)}::jsonb) AS x("from" text, "to" text)
      JOIN inventory_components f ON f.inventory_id = ${inventoryId}::int AND f.bom_ref = x."from"
      JOIN inventory_components t ON t.inventory_id = ${inventoryId}::int AND t.bom_ref = x."to"
      ON CONFLICT DO NOTHING`.execute(this.db);
  }
}
