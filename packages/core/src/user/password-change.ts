import type { UserRow } from '@vigil/db';
import { AppError } from '../errors/app-error.ts';
import type { RequestContext } from '../context/request-context.ts';
import { checkPasswordPolicy } from '../auth/password-policy.ts';
import { verifyPassword } from '../auth/password.ts';
import { digest } from '../auth/secret-token.ts';

/** Who the password belongs to: the estimator counts these as words an attacker would try first. */
export interface PasswordOwner {
  username?: string;
  email?: string;
  firstName?: string;
  lastName?: string;
}

/** 400 VALIDATION_FAILED on `password` (with the estimator's warning and suggestions) when it is too weak. */
export function checkPassword(password: string, owner: PasswordOwner = {}): void {
  checkPasswordPolicy(password, [owner.username ?? '', owner.email ?? '', owner.firstName ?? '', owner.lastName ?? '']);
}

/**
 * Verifies the current password given for one's own password change. The server passes the login
 * throttle's (AuthService.verifyCurrentPassword: wrong ones count as failed logins, 429 past the
 * limit); without one the password is only verified.
 */
export type CurrentPasswordCheck = (user: UserRow, password: string) => Promise<boolean>;

/**
 * Checks a password change of `user` and says which session survives it. Changing one's OWN password
 * needs the current one (400 when missing, 403 when wrong) and keeps only the session making the
 * request; an administrator (or the CLI) setting someone else's ends all of that user's sessions.
 * API tokens are not touched in either case.
 */
export async function authorizePasswordChange(
  ctx: RequestContext,
  user: UserRow,
  change: { password: string; currentPassword?: string } & PasswordOwner,
  currentSessionToken?: string,
  checkCurrent: CurrentPasswordCheck = (u, p) => verifyPassword(u.password_hash, p),
): Promise<{ keepSessionId?: string }> {
  const own = ctx.actor.via !== 'system' && ctx.actor.userId === user.id;
  if (own) {
    if (!change.currentPassword) {
      throw new AppError(
        'VALIDATION_FAILED',
        'Changing your own password needs your current password in currentPassword',
        [{ path: 'currentPassword', message: 'is required to change your own password' }],
      );
    }
    if (!(await checkCurrent(user, change.currentPassword))) {
      throw new AppError('FORBIDDEN', 'The current password is wrong', [
        { path: 'currentPassword', message: 'is wrong' },
      ]);
    }
  }
  checkPassword(change.password, {
    username: change.username ?? user.username,
    email: change.email ?? user.email,
    firstName: change.firstName ?? user.first_name,
    lastName: change.lastName ?? user.last_name,
  });
  return {
    keepSessionId: own && ctx.actor.via === 'session' && currentSessionToken ? digest(currentSessionToken) : undefined,
  };
}
