import type { ProductRole } from '@vigil/db';
import { atLeast } from './roles.ts';

/**
 * What a role allows, declared once. Services enforce these; presenters return them with each
 * resource so the UI never guesses.
 */
export type Action =
  | 'read'
  | 'update'
  | 'delete'
  | 'manage_members'
  | 'add_product'
  | 'add_engagement'
  | 'add_test'
  | 'add_finding'
  | 'import'
  | 'triage'
  | 'add_note'
  | 'accept_risk';

const REQUIRED_ROLE: Record<
  'product_type' | 'product' | 'engagement' | 'test' | 'finding',
  Partial<Record<Action, ProductRole>>
> = {
  product_type: {
    read: 'Reader',
    update: 'Maintainer',
    delete: 'Owner',
    manage_members: 'Owner',
    add_product: 'Maintainer',
  },
  product: {
    read: 'Reader',
    update: 'Maintainer',
    delete: 'Owner',
    manage_members: 'Owner',
    add_engagement: 'Writer',
    import: 'Writer',
    accept_risk: 'Maintainer',
  },
  engagement: { read: 'Reader', update: 'Writer', delete: 'Maintainer', add_test: 'Writer', import: 'Writer' },
  test: { read: 'Reader', update: 'Writer', delete: 'Maintainer', add_finding: 'Writer', import: 'Writer' },
  finding: {
    read: 'Reader',
    update: 'Writer',
    delete: 'Maintainer',
    triage: 'Writer',
    add_note: 'Writer',
    accept_risk: 'Maintainer',
  },
};

export type ResourceKind = keyof typeof REQUIRED_ROLE;

/** `can(role, 'update', 'finding')`: a global admin passes everything (role 'Owner'). */
export function can(role: ProductRole | null, action: Action, kind: ResourceKind): boolean {
  const required = REQUIRED_ROLE[kind][action];
  return required !== undefined && atLeast(role, required);
}

/** The actions a role allows on a kind of resource, for the API to return. */
export function abilitiesFor(role: ProductRole | null, kind: ResourceKind): Action[] {
  return (Object.keys(REQUIRED_ROLE[kind]) as Action[]).filter((a) => can(role, a, kind));
}
