import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json, TextArray } from '../schema-columns.ts';

/** 0021_sbom_inventory: one package version, portfolio-wide. */
export interface ComponentsTable {
  id: Generated<number>;
  /** The canonical purl, or `vigil:<type>/<group>/<name>@<version>` for a component without one. */
  identity_key: string;
  /** The versionless package: `<purl type>/<normalized name>`, or `vigil:<type>/<group/name>`. */
  package_key: string;
  purl: string | null;
  purl_type: string | null;
  ecosystem: string | null;
  normalized_name: string;
  name: string;
  component_group: string | null;
  version: string | null;
  type: string;
  created_at: CreatedAt;
}

/** One engagement's (product version's) inventory, as its last SBOM stated it. */
export interface SbomInventoriesTable {
  id: Generated<number>;
  engagement_id: number;
  product_id: number;
  format: 'cyclonedx' | 'spdx';
  encoding: 'cyclonedx-json' | 'cyclonedx-xml' | 'spdx-json';
  spec_version: string;
  serial_number: string | null;
  root_ref: string | null;
  /** SHA-256 of the SBOM's bytes: an unchanged re-upload is recognised by it. */
  content_hash: string;
  component_count: number;
  dependency_count: number;
  warnings: ColumnType<string[], string, string>;
  imported_by: number | null;
  imported_at: CreatedAt;
}

export interface InventoryComponentsTable {
  id: Generated<number>;
  inventory_id: number;
  component_id: number;
  bom_ref: string;
  scope: 'required' | 'optional' | 'excluded' | null;
  hashes: Json;
}

export interface InventoryComponentLicensesTable {
  inventory_component_id: number;
  ordinal: number;
  expression: string | null;
  license_ids: TextArray;
  name: string | null;
  acknowledgement: 'declared' | 'concluded' | null;
}

export interface InventoryDependenciesTable {
  inventory_id: number;
  from_id: number;
  to_id: number;
}

export interface SbomTables {
  components: ComponentsTable;
  sbom_inventories: SbomInventoriesTable;
  inventory_components: InventoryComponentsTable;
  inventory_component_licenses: InventoryComponentLicensesTable;
  inventory_dependencies: InventoryDependenciesTable;
}
