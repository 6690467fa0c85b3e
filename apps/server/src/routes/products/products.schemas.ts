import { z } from 'zod';
import { ZPageQuery, zTags } from '../common.schemas.ts';
import { zIdParam, zIdValue } from '../id.schemas.ts';

export const ZCreateProductRequest = z.object({
  name: z.string().trim().min(1).max(255),
  productTypeId: zIdValue(),
  description: z.string().max(20000).optional(),
  slaConfigurationId: zIdValue().optional(),
  businessCriticality: z.enum(['very high', 'high', 'medium', 'low', 'very low', 'none']).nullable().optional(),
  platform: z.enum(['web service', 'desktop', 'iot', 'mobile', 'web']).nullable().optional(),
  lifecycle: z.enum(['construction', 'production', 'retirement']).nullable().optional(),
  origin: z.string().max(100).nullable().optional(),
  tags: zTags().optional(),
});
export const ZUpdateProductRequest = ZCreateProductRequest.partial();
export const ZListProductsQuery = ZPageQuery.extend({
  productTypeId: zIdParam().optional(),
  search: z.string().max(255).optional(),
  tag: z.string().max(100).optional(),
  sort: z.enum(['name', '-name', 'id', '-id', 'created', '-created']).default('name'),
});
