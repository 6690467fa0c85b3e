import type { UserRow } from '@vigil/db';
import { AppError } from '../errors/app-error.ts';
import type { RequestContext } from '../context/request-context.ts';
import { adminPolicy } from '../access/admin.policy.ts';

/**
 * The unique index of migration 0016: one workspace account per address,
 * whatever its case (feed-only accounts excepted).
 */
const EMAIL_UNIQUE_INDEX = 'users_email_lower_unique';

/** A unique violation on users, named by the field it concerns (409 with the field). */
export function userUniqueConflict(err: unknown, input: { username?: string; email?: string }): AppError {
  const constraint = (err as { constraint?: string })?.constraint ?? '';
  const detail = (err as { detail?: string })?.detail ?? '';
  if (constraint === EMAIL_UNIQUE_INDEX || detail.includes('lower(email)')) {
    return new AppError('CONFLICT', `The email address "${input.email ?? ''}" is already used by another account`, [
      { path: 'email', message: 'already used by another account' },
    ]);
  }
  return new AppError('CONFLICT', `The username "${input.username ?? ''}" is already taken`, [
    { path: 'username', message: 'already taken' },
  ]);
}

/** 409 on `email`: promoting this feed-only account would give a workspace account's address a second holder. */
export function promotionEmailConflict(user: UserRow): AppError {
  return new AppError(
    'CONFLICT',
    `The email address "${user.email}" of feed-only account "${user.username}" is already used by a workspace ` +
      `account; change or clear it (PATCH email) before promoting`,
    [{ path: 'email', message: 'already used by a workspace account' }],
  );
}

/** Whether an update gives the user another address (a change of case alone is the same address). */
export function emailChanges(before: UserRow, email: string | undefined): boolean {
  return email !== undefined && email.trim().toLowerCase() !== before.email.trim().toLowerCase();
}

/** Only administrators vouch for an address (`emailVerified`); users prove theirs by the link. */
export function checkEmailVerifiedFlag(
  ctx: RequestContext,
  emailVerified: boolean | undefined,
  email: string | undefined,
): void {
  if (emailVerified === undefined) return;
  adminPolicy.authorize(ctx.actor, 'verify_email', 'user');
  if (emailVerified && email === '')
    throw new AppError('VALIDATION_FAILED', 'An empty email address cannot be verified', [
      { path: 'emailVerified', message: 'the email address is empty' },
    ]);
}
