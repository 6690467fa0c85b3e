import type { ProductType } from '@vigil/contract';
import type { ProductRole, ProductTypeRow } from '@vigil/db';
import { abilitiesFor } from '../access/abilities.ts';

export function presentProductType(row: ProductTypeRow, role?: ProductRole | null): ProductType {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    criticalProduct: row.critical_product,
    keyProduct: row.key_product,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    ...(role !== undefined ? { role, abilities: abilitiesFor(role, 'product_type') } : {}),
  };
}
