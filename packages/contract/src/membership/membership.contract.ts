import { z } from 'zod';
import { zId, zIdParam, zIdValue, zItems } from '../common/common.contract.ts';
import { ZProductRole } from '../access/access.contract.ts';

// A role held on a product or a product type, by a user or a team
// (/api/v1/products/{id}/members, /api/v1/product-types/{id}/members).

export const ZGrantRoleRequest = z
  .object({
    userId: zIdValue().optional(),
    teamId: zIdValue().optional(),
    role: ZProductRole,
  })
  .refine((v) => (v.userId === undefined) !== (v.teamId === undefined), {
    message: 'give exactly one of userId or teamId',
    path: ['userId'],
  });
export type GrantRoleRequest = z.input<typeof ZGrantRoleRequest>;
export const ZMembershipParams = z.object({ id: zIdParam(), membershipId: zIdParam() });

export const ZMembership = z.object({
  id: zId(),
  userId: zId().nullable(),
  username: z.string().nullable().describe("the user's name; null for a team, and in a grant's answer"),
  teamId: zId().nullable(),
  teamName: z.string().nullable().describe("the team's name; null for a user, and in a grant's answer"),
  productId: zId().nullable(),
  productTypeId: zId().nullable(),
  role: ZProductRole,
});
export type Membership = z.infer<typeof ZMembership>;
export const ZMembershipList = zItems(ZMembership);
