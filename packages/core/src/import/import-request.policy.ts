import type { ImportRequestRow, Repositories } from '@vigil/db';
import type { Actor } from '../auth/actor.ts';
import { notFound } from '../errors/app-error.ts';
import { ProductPolicy } from '../product/product.policy.ts';

export type ImportRequestAction = 'read';

/**
 * Who may read a queued import: whoever queued it, administrators, and, once its product is known,
 * whoever may read that product. Anyone else is answered IMPORT_REQUEST_NOT_FOUND, as for a
 * request that does not exist.
 */
export class ImportRequestPolicy {
  private readonly products: ProductPolicy;

  constructor(repos: Pick<Repositories, 'access'>) {
    this.products = new ProductPolicy(repos);
  }

  async can(
    actor: Actor,
    _action: ImportRequestAction,
    request: Pick<ImportRequestRow, 'actor_id' | 'product_id'>,
  ): Promise<boolean> {
    if (actor.isAdmin || request.actor_id === actor.userId) return true;
    return request.product_id !== null && this.products.can(actor, 'read', { id: request.product_id });
  }

  async authorize(
    actor: Actor,
    action: ImportRequestAction,
    request: Pick<ImportRequestRow, 'id' | 'actor_id' | 'product_id'>,
  ): Promise<void> {
    if (!(await this.can(actor, action, request))) throw notFound('Import request', request.id);
  }
}
