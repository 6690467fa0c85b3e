import { randomBytes } from 'node:crypto';
import type { UnitOfWork } from '@vigil/db';
import { AppError, SYSTEM_ACTOR, UserService, passwordProblem } from '@vigil/core';

/**
 * On first start (no users at all) creates the first administrator. The password is
 * VIGIL_ADMIN_PASSWORD, or generated and returned so the caller prints it once. A given password must
 * meet the password rules (length and strength): start-up fails with an error naming the variable.
 */
export async function bootstrapAdmin(
  uow: UnitOfWork,
  username: string,
  password?: string,
): Promise<{ username: string; password?: string } | undefined> {
  if ((await uow.repos.users.count()) > 0) return undefined;
  const problem = password === undefined ? undefined : passwordProblem(password, [username]);
  if (problem) throw new Error(`VIGIL_ADMIN_PASSWORD ${problem}`);
  const generated = password ? undefined : randomBytes(12).toString('base64url');
  try {
    await new UserService(uow).insert(
      { actor: SYSTEM_ACTOR },
      { username, password: password ?? generated, isAdmin: true },
    );
  } catch (err) {
    // Several servers starting at once (a cluster, a rollout): another one created the admin first.
    if (err instanceof AppError && err.code === 'CONFLICT' && (await uow.repos.users.count()) > 0) return undefined;
    throw err;
  }
  return { username, password: generated };
}
