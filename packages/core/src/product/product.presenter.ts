import type { Product } from '@vigil/contract';
import type { ProductRole, ProductRow, ProductStats } from '@vigil/db';
import { abilitiesFor } from '../access/abilities.ts';
import { productGrade } from './product-grade.ts';

/** A product as the API answers it (the contract's `Product`): open findings, grade, and the caller's access. */
export function presentProduct(row: ProductRow, stats?: ProductStats, role?: ProductRole | null): Product {
  const open = {
    critical: Number(stats?.critical ?? 0),
    high: Number(stats?.high ?? 0),
    medium: Number(stats?.medium ?? 0),
    low: Number(stats?.low ?? 0),
    info: Number(stats?.info ?? 0),
  };
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    productTypeId: row.product_type_id,
    slaConfigurationId: row.sla_configuration_id,
    businessCriticality: row.business_criticality,
    platform: row.platform,
    lifecycle: row.lifecycle,
    origin: row.origin,
    tags: row.tags,
    openFindings: open,
    grade: productGrade(stats).grade,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    ...(role !== undefined ? { role, abilities: abilitiesFor(role, 'product') } : {}),
  };
}
