import type { ProductRole, Repositories } from '@vigil/db';
import type { Actor } from '../auth/actor.ts';
import { highest } from './roles.ts';

/**
 * Resolves the caller's effective role on a product or product type (direct, through the product
 * type, or through a team). Each concept's policy (`<concept>/<concept>.policy.ts`, on `Policy` in
 * policy.ts) enforces the declared abilities with it; a resource the caller cannot read is reported
 * as not found, so its existence does not leak.
 */
export class AccessService {
  constructor(private readonly repos: Pick<Repositories, 'access'>) {}

  /** The user id list queries must be restricted to, or undefined for a global admin. */
  scope(actor: Actor): number | undefined {
    return actor.isAdmin ? undefined : actor.userId;
  }

  async productRole(actor: Actor, productId: number): Promise<ProductRole | null> {
    if (actor.isAdmin) return 'Owner';
    return highest(await this.repos.access.rolesOnProduct(actor.userId, productId));
  }

  async productTypeRole(actor: Actor, productTypeId: number): Promise<ProductRole | null> {
    if (actor.isAdmin) return 'Owner';
    return highest(await this.repos.access.rolesOnProductType(actor.userId, productTypeId));
  }

  /** Whether a (non-admin) caller holds a role on some product of the product type. */
  hasAnyProductInType(actor: Actor, productTypeId: number): Promise<boolean> {
    return this.repos.access.hasAnyProductInType(actor.userId, productTypeId);
  }
}
