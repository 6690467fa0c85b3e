import type { ComponentUsage, InventoryComponent } from '@vigil/contract';
import type { ComponentUsageRow, InventoryComponentRow } from '@vigil/db';

export function presentInventoryComponent(row: InventoryComponentRow): InventoryComponent {
  return {
    id: row.id,
    bomRef: row.bom_ref,
    name: row.name,
    group: row.component_group,
    version: row.version,
    type: row.type,
    purl: row.purl,
    purlType: row.purl_type,
    ecosystem: row.ecosystem,
    scope: row.scope,
    hashes: row.hashes,
    licenses: row.licenses,
    dependencyCount: row.dependency_count,
  };
}

export function presentComponentUsage(row: ComponentUsageRow): ComponentUsage {
  return {
    productId: row.product_id,
    productName: row.product_name,
    engagementId: row.engagement_id,
    engagementName: row.engagement_name,
    name: row.name,
    version: row.version,
    purl: row.purl,
  };
}
