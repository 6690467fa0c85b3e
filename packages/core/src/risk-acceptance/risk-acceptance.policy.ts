import type { Repositories } from '@vigil/db';
import { Policy } from '../access/policy.ts';

export type RiskAcceptanceAction = 'read' | 'accept_risk';

/** Who may see or change a risk acceptance: the role on its product ("product" row of the role table). */
export class RiskAcceptancePolicy extends Policy<{ id: number; product_id: number }, RiskAcceptanceAction> {
  constructor(repos: Pick<Repositories, 'access'>) {
    super(repos, {
      kind: 'product',
      thing: 'Risk acceptance',
      scope: (r) => ({ productId: r.product_id }),
      id: (r) => r.id,
    });
  }
}
