import { z } from 'zod';
import { ZPageQuery, zId, zInstant, zPage } from '../common/common.contract.ts';
import { zAccessFields } from '../access/access.contract.ts';
import { PRODUCT_TYPE_ABILITIES, PRODUCT_TYPE_SORTS } from './product-type-values.ts';

// The product type routes' contract (/api/v1/product-types…); memberships: membership/.

export const ZCreateProductTypeRequest = z.object({
  name: z.string().trim().min(1).max(255),
  description: z.string().max(10000).optional(),
  criticalProduct: z.boolean().optional(),
  keyProduct: z.boolean().optional(),
});
export type CreateProductTypeRequest = z.input<typeof ZCreateProductTypeRequest>;
export type CreateProductTypeInput = z.output<typeof ZCreateProductTypeRequest>;
export const ZUpdateProductTypeRequest = ZCreateProductTypeRequest.partial();
export type UpdateProductTypeRequest = z.input<typeof ZUpdateProductTypeRequest>;
export type UpdateProductTypeInput = z.output<typeof ZUpdateProductTypeRequest>;

export const ZListProductTypesQuery = ZPageQuery.extend({
  search: z.string().max(255).optional(),
  sort: z.enum(PRODUCT_TYPE_SORTS).default('name'),
});
export type ProductTypeListFilters = z.output<typeof ZListProductTypesQuery>;

export const ZProductType = z.object({
  id: zId(),
  name: z.string(),
  description: z.string(),
  criticalProduct: z.boolean(),
  keyProduct: z.boolean(),
  createdAt: zInstant(),
  updatedAt: zInstant(),
  ...zAccessFields(PRODUCT_TYPE_ABILITIES),
});
export type ProductType = z.infer<typeof ZProductType>;
export const ZProductTypePage = zPage(ZProductType);
