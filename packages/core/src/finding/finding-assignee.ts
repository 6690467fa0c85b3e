import type { Repositories } from '@vigil/db';
import { AppError } from '../errors/app-error.ts';
import type { AccessService } from '../access/access.service.ts';
import { actorOf } from '../auth/auth.service.ts';

/**
 * The one assignee rule (single edits, creation and bulk assignment): an active user who can read
 * every product concerned, so nobody is handed work they cannot see. Otherwise a 400 naming the
 * field, whether the id is unknown or the user lacks access.
 */
export async function requireAssignable(
  repos: Repositories,
  access: AccessService,
  assigneeId: number,
  productIds: number[],
): Promise<void> {
  const user = await repos.users.findById(assigneeId);
  if (!user?.is_active)
    throw new AppError('VALIDATION_FAILED', `User ${assigneeId} does not exist or is inactive`, [
      { path: 'assigneeId', message: 'unknown user' },
    ]);
  const assignee = actorOf(user, 'session');
  for (const productId of productIds) {
    if (!(await access.productRole(assignee, productId))) {
      throw new AppError(
        'VALIDATION_FAILED',
        `${user.username} cannot read product ${productId}; give them a role on it first`,
        [{ path: 'assigneeId', message: 'cannot read the product' }],
      );
    }
  }
}
