import type { ProductRole, Repositories } from '@vigil/db';
import { AppError } from '../errors/app-error.ts';
import type { Actor } from '../auth/actor.ts';
import { can, type Action, type ResourceKind } from './abilities.ts';
import { highest } from './roles.ts';

/**
 * Resolves the caller's effective role on a product or product type (direct, through the product
 * type, or through a team) and enforces the declared abilities. A resource the caller cannot read
 * is reported as not found, so its existence does not leak.
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

  /** Throws NOT_FOUND when the actor cannot read, FORBIDDEN when it can read but not act. */
  async require(
    actor: Actor,
    target: { productId: number } | { productTypeId: number },
    action: Action,
    kind: ResourceKind,
    what: string,
    id: number,
  ): Promise<ProductRole> {
    let role: ProductRole | null;
    if ('productId' in target) {
      role = await this.productRole(actor, target.productId);
    } else {
      role = await this.productTypeRole(actor, target.productTypeId);
      if (!role && action === 'read' && (await this.repos.access.hasAnyProductInType(actor.userId, target.productTypeId))) role = 'Reader';
    }
    if (!can(role, 'read', kind)) throw new AppError('NOT_FOUND', `${what} ${id} was not found`);
    if (!can(role, action, kind)) throw new AppError('FORBIDDEN', `Your role (${role}) does not allow "${action}" on this ${kind.replace('_', ' ')}`);
    return role as ProductRole;
  }

  requireAdmin(actor: Actor): void {
    if (!actor.isAdmin) throw new AppError('FORBIDDEN', 'Only administrators may do this');
  }
}
