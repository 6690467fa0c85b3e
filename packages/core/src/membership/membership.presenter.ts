import type { Membership } from '@vigil/contract';
import type { MembershipView } from '@vigil/db';

/** A role held on a product or product type, with the holder's name (null where not joined in). */
export function presentMembership(m: MembershipView): Membership {
  return {
    id: m.id,
    userId: m.user_id,
    username: m.username,
    teamId: m.team_id,
    teamName: m.team_name,
    productId: m.product_id,
    productTypeId: m.product_type_id,
    role: m.role,
  };
}
