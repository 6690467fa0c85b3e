import type { Actor } from '../auth/actor.ts';
import { notFound } from '../errors/app-error.ts';
import { adminPolicy, type AdminAction } from '../access/admin.policy.ts';

/** What a user may do with their own account (administrators: with every account). */
const OWN_ACCOUNT_ACTIONS = ['read', 'update', 'manage_tokens'] as const;

export type OwnAccountAction = (typeof OWN_ACCOUNT_ACTIONS)[number];
/** The own-account actions, and the administrators' ones declared in admin.policy.ts. */
export type UserAction = OwnAccountAction | AdminAction<'user'>;

const isOwnAccountAction = (action: UserAction): action is OwnAccountAction =>
  (OWN_ACCOUNT_ACTIONS as readonly string[]).includes(action);

/**
 * Who may do what with a user account: its user reads and edits it and manages its API tokens;
 * administrators do that for every account, and alone list, create, promote and delete accounts,
 * change rights and vouch for addresses. Someone else's account answers USER_NOT_FOUND, exactly
 * as a missing one.
 */
export const userPolicy = {
  can(actor: Actor, action: UserAction, user: { id: number }): boolean {
    if (isOwnAccountAction(action)) return actor.isAdmin || actor.userId === user.id;
    return adminPolicy.can(actor, action, 'user');
  },

  /** USER_NOT_FOUND when the caller may not read the account; FORBIDDEN when it may read but not act. */
  authorize(actor: Actor, action: UserAction, user: { id: number }): void {
    if (!userPolicy.can(actor, 'read', user)) throw notFound('User', user.id);
    if (!isOwnAccountAction(action)) adminPolicy.authorize(actor, action, 'user');
  },
};
