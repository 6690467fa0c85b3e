import type {
  EngagementAbility,
  FindingAbility,
  ProductAbility,
  ProductRole,
  ProductTypeAbility,
  TestAbility,
} from '@vigil/contract/values';
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

/**
 * The role each action needs, per kind of resource. Each row names exactly the abilities the API
 * contract lists for that kind (@vigil/contract/values), so the two cannot drift apart.
 */
interface RoleTable {
  product_type: Record<ProductTypeAbility, ProductRole>;
  product: Record<ProductAbility, ProductRole>;
  engagement: Record<EngagementAbility, ProductRole>;
  test: Record<TestAbility, ProductRole>;
  finding: Record<FindingAbility, ProductRole>;
}

const REQUIRED_ROLE: RoleTable = {
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

export type ResourceKind = keyof RoleTable;
/** The abilities of a kind of resource, as the API contract lists them. */
export type AbilityOf<K extends ResourceKind> = Extract<keyof RoleTable[K], Action>;

/** `can(role, 'update', 'finding')`: a global admin passes everything (role 'Owner'). */
export function can(role: ProductRole | null, action: Action, kind: ResourceKind): boolean {
  const row: Partial<Record<Action, ProductRole>> = REQUIRED_ROLE[kind];
  const required = row[action];
  return required !== undefined && atLeast(role, required);
}

/** The actions a role allows on a kind of resource, for the API to return. */
export function abilitiesFor<K extends ResourceKind>(role: ProductRole | null, kind: K): AbilityOf<K>[] {
  // The row's keys are exactly the kind's abilities (RoleTable).
  return (Object.keys(REQUIRED_ROLE[kind]) as AbilityOf<K>[]).filter((a) => can(role, a, kind));
}
