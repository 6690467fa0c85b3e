import { z } from 'zod';
import { ZPageQuery } from '../common.schemas.ts';
import { zIdParam, zIdValue } from '../id.schemas.ts';

export const ZCreateProductTypeRequest = z.object({
  name: z.string().trim().min(1).max(255),
  description: z.string().max(10000).optional(),
  criticalProduct: z.boolean().optional(),
  keyProduct: z.boolean().optional(),
});
export const ZUpdateProductTypeRequest = ZCreateProductTypeRequest.partial();
export const ZListProductTypesQuery = ZPageQuery.extend({
  search: z.string().max(255).optional(),
  sort: z.enum(['name', '-name', 'id', '-id']).default('name'),
});
export const ZGrantRoleRequest = z
  .object({
    userId: zIdValue().optional(),
    teamId: zIdValue().optional(),
    role: z.enum(['Reader', 'Writer', 'Maintainer', 'Owner']),
  })
  .refine((v) => (v.userId === undefined) !== (v.teamId === undefined), {
    message: 'give exactly one of userId or teamId',
    path: ['userId'],
  });
export const ZMembershipParams = z.object({ id: zIdParam(), membershipId: zIdParam() });
