import type { Repositories } from '@vigil/db';
import { Policy } from '../access/policy.ts';

export type ProductAction =
  | 'read'
  | 'update'
  | 'delete'
  | 'manage_members'
  | 'add_engagement'
  | 'import'
  | 'accept_risk';

/** Who may do what with a product: the role on it (direct, through its product type or a team). */
export class ProductPolicy extends Policy<{ id: number }, ProductAction> {
  constructor(repos: Pick<Repositories, 'access'>) {
    super(repos, { kind: 'product', thing: 'Product', scope: (p) => ({ productId: p.id }), id: (p) => p.id });
  }
}
