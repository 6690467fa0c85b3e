import type { Repositories } from '@vigil/db';
import { Policy } from '../access/policy.ts';

export type EngagementAction = 'read' | 'update' | 'delete' | 'add_test' | 'import';

/** Who may do what with an engagement: the role on its product. */
export class EngagementPolicy extends Policy<{ id: number; product_id: number }, EngagementAction> {
  constructor(repos: Pick<Repositories, 'access'>) {
    super(repos, {
      kind: 'engagement',
      thing: 'Engagement',
      scope: (e) => ({ productId: e.product_id }),
      id: (e) => e.id,
    });
  }
}
