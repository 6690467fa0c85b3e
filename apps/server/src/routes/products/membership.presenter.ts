import type { MembershipView } from '@vigil/db';

export function presentMembership(m: MembershipView) {
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
