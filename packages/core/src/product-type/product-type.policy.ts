import type { Repositories } from '@vigil/db';
import { Policy } from '../access/policy.ts';

export type ProductTypeAction = 'read' | 'update' | 'delete' | 'manage_members' | 'add_product';

/** Who may do what with a product type: the role on it; a role on one of its products lets read it. */
export class ProductTypePolicy extends Policy<{ id: number }, ProductTypeAction> {
  constructor(repos: Pick<Repositories, 'access'>) {
    super(repos, {
      kind: 'product_type',
      thing: 'Product type',
      scope: (pt) => ({ productTypeId: pt.id }),
      id: (pt) => pt.id,
    });
  }
}
