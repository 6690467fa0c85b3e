import type { Repositories } from '@vigil/db';
import { Policy } from '../access/policy.ts';

export type TestAction = 'read' | 'update' | 'delete' | 'add_finding' | 'import';

/** Who may do what with a test: the role on its product. */
export class TestPolicy extends Policy<{ id: number; product_id: number }, TestAction> {
  constructor(repos: Pick<Repositories, 'access'>) {
    super(repos, { kind: 'test', thing: 'Test', scope: (t) => ({ productId: t.product_id }), id: (t) => t.id });
  }
}
