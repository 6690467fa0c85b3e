import type { ProductRole, Repositories } from '@vigil/db';
import { AppError, notFound, type Thing } from '../errors/app-error.ts';
import type { Actor } from '../auth/actor.ts';
import { can, type Action, type ResourceKind } from './abilities.ts';
import { AccessService } from './access.service.ts';

/** Where the roles that govern a subject are held: its product, or its product type. */
export type RoleScope = { productId: number } | { productTypeId: number };

/** What a concept's policy declares: its row of the role table, what its 404 names, where its roles live. */
export interface PolicyRules<S> {
  /** The row of the role table (abilities.ts) that says which role each action needs. */
  kind: ResourceKind;
  /** What a refused read names: `Finding` → FINDING_NOT_FOUND "Finding 7 was not found". */
  thing: Thing;
  scope(subject: S): RoleScope;
  id(subject: S): number;
}

/**
 * A concept's authorization: `can(actor, action, subject)` over the role table, and `authorize`,
 * which answers a subject the caller cannot read exactly as a missing one (the concept's
 * `<THING>_NOT_FOUND`, same message), and one it can read but not act on with FORBIDDEN.
 * Each concept declares its rules once, in `<concept>/<concept>.policy.ts`.
 */
export class Policy<S, A extends Action = Action> {
  private readonly access: AccessService;

  constructor(
    repos: Pick<Repositories, 'access'>,
    private readonly rules: PolicyRules<S>,
  ) {
    this.access = new AccessService(repos);
  }

  /** The caller's effective role on the subject (a global admin: Owner), or null. */
  async role(actor: Actor, subject: S, action: A | 'read' = 'read'): Promise<ProductRole | null> {
    const scope = this.rules.scope(subject);
    if ('productId' in scope) return this.access.productRole(actor, scope.productId);
    const role = await this.access.productTypeRole(actor, scope.productTypeId);
    // A product type is readable by whoever holds a role on one of its products.
    if (!role && action === 'read' && (await this.access.hasAnyProductInType(actor, scope.productTypeId)))
      return 'Reader';
    return role;
  }

  async can(actor: Actor, action: A, subject: S): Promise<boolean> {
    return can(await this.role(actor, subject, action), action, this.rules.kind);
  }

  /** The caller's role; throws `<THING>_NOT_FOUND` when it cannot read the subject, FORBIDDEN when it cannot act. */
  async authorize(actor: Actor, action: A, subject: S): Promise<ProductRole> {
    const { kind, thing } = this.rules;
    const role = await this.role(actor, subject, action);
    if (!can(role, 'read', kind)) throw notFound(thing, this.rules.id(subject));
    if (!can(role, action, kind))
      throw new AppError(
        'FORBIDDEN',
        `Your role (${role}) does not allow "${action}" on this ${kind.replace('_', ' ')}`,
      );
    return role as ProductRole;
  }
}
