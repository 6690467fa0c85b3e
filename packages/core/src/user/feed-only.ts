import type { UserRow } from '@vigil/db';
import { AppError } from '../errors/app-error.ts';

/**
 * Feed-only accounts (registered by the MiniTwit simulator API) never sign in to the workspace and
 * hold no role: no admin right, no product or product-type membership, no team, no invitation,
 * until an administrator promotes them (UserService.promote).
 */
export function feedOnlyHoldsNoRole(username: string, path = 'userId'): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    `User "${username}" is a feed-only account and holds no role; an administrator must promote it first`,
    [{ path, message: 'is a feed-only account' }],
  );
}

/** Refuses (400 naming the user and the field) a feed-only account where a role would be given. */
export function requireWorkspaceAccount(user: Pick<UserRow, 'username' | 'feed_only'>, path = 'userId'): void {
  if (user.feed_only) throw feedOnlyHoldsNoRole(user.username, path);
}
