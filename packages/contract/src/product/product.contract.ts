import { z } from 'zod';
import { ZPageQuery, zId, zIdParam, zIdValue, zInstant, zPage, zTags } from '../common/common.contract.ts';
import { zAccessFields } from '../access/access.contract.ts';
import {
  BUSINESS_CRITICALITIES,
  GRADES,
  LIFECYCLES,
  PLATFORMS,
  PRODUCT_ABILITIES,
  PRODUCT_SORTS,
} from './product-values.ts';

// The product routes' contract (/api/v1/products…): requests and answers. The server validates and
// serializes with these schemas, core's presenter returns the inferred type, the client infers its
// types (memberships: membership/membership.contract.ts).

// ---- requests

export const ZCreateProductRequest = z.object({
  name: z.string().trim().min(1).max(255),
  productTypeId: zIdValue(),
  description: z.string().max(20000).optional(),
  slaConfigurationId: zIdValue().optional(),
  businessCriticality: z.enum(BUSINESS_CRITICALITIES).nullable().optional(),
  platform: z.enum(PLATFORMS).nullable().optional(),
  lifecycle: z.enum(LIFECYCLES).nullable().optional(),
  origin: z.string().max(100).nullable().optional(),
  tags: zTags().optional(),
});
export type CreateProductRequest = z.input<typeof ZCreateProductRequest>;
/** A validated create request, as the service receives it. */
export type CreateProductInput = z.output<typeof ZCreateProductRequest>;
export const ZUpdateProductRequest = ZCreateProductRequest.partial();
export type UpdateProductRequest = z.input<typeof ZUpdateProductRequest>;
export type UpdateProductInput = z.output<typeof ZUpdateProductRequest>;

export const ZListProductsQuery = ZPageQuery.extend({
  productTypeId: zIdParam().optional(),
  search: z.string().max(255).optional(),
  tag: z.string().max(100).optional(),
  sort: z.enum(PRODUCT_SORTS).default('name'),
});
/** The list's filters as the server reads them (clients send them as a query string). */
export type ProductListFilters = z.output<typeof ZListProductsQuery>;

// ---- responses

export const ZOpenFindingCounts = z.object({
  critical: z.number().int(),
  high: z.number().int(),
  medium: z.number().int(),
  low: z.number().int(),
  info: z.number().int(),
});
export type OpenFindingCounts = z.infer<typeof ZOpenFindingCounts>;

export const ZProduct = z.object({
  id: zId(),
  name: z.string(),
  description: z.string().nullable(),
  productTypeId: zId(),
  slaConfigurationId: zId().nullable(),
  businessCriticality: z.enum(BUSINESS_CRITICALITIES).nullable(),
  platform: z.enum(PLATFORMS).nullable(),
  lifecycle: z.enum(LIFECYCLES).nullable(),
  origin: z.string().nullable(),
  tags: z.array(z.string()),
  openFindings: ZOpenFindingCounts.describe('active, not duplicate findings by severity'),
  grade: z.enum(GRADES),
  createdAt: zInstant(),
  updatedAt: zInstant(),
  ...zAccessFields(PRODUCT_ABILITIES),
});
export type Product = z.infer<typeof ZProduct>;
export const ZProductPage = zPage(ZProduct);
