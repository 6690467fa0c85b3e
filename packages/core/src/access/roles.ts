import type { ProductRole } from '@vigil/contract/values';

// The role list itself is the contract's PRODUCT_ROLES (@vigil/contract/values); the ranks below
// must name every role in it.

export const ROLE_RANK: Record<ProductRole, number> = { Reader: 1, Writer: 2, Maintainer: 3, Owner: 4 };

export function atLeast(role: ProductRole | null | undefined, required: ProductRole): boolean {
  return !!role && ROLE_RANK[role] >= ROLE_RANK[required];
}

export function highest(roles: Array<ProductRole | null | undefined>): ProductRole | null {
  let best: ProductRole | null = null;
  for (const r of roles) if (r && (!best || ROLE_RANK[r] > ROLE_RANK[best])) best = r;
  return best;
}
