import type { Repositories } from '@vigil/db';
import { Policy } from '../access/policy.ts';

export type FindingAction = 'read' | 'update' | 'delete' | 'triage' | 'add_note' | 'accept_risk';

/** A finding, or what is known of it before it is loaded whole (bulk triage). */
export interface FindingSubject {
  id: number;
  product_id: number;
}

/** Who may do what with a finding: the role on its product, "finding" row of the role table. */
export class FindingPolicy extends Policy<FindingSubject, FindingAction> {
  constructor(repos: Pick<Repositories, 'access'>) {
    super(repos, { kind: 'finding', thing: 'Finding', scope: (f) => ({ productId: f.product_id }), id: (f) => f.id });
  }
}
