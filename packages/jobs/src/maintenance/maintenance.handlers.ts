import type { Repositories } from '@vigil/db';
import type { JobHandlers } from '../job-definition.ts';

/** Both are idempotent deletes of rows that are already dead. */
export function maintenanceHandlers(
  repos: Pick<Repositories, 'sessions' | 'loginAttempts'>,
  loginWindowSeconds: number,
): JobHandlers {
  return {
    'maintenance.expired-sessions': async () => {
      await repos.sessions.deleteExpired();
    },
    'maintenance.login-attempts': async () => {
      await repos.loginAttempts.deleteStale(loginWindowSeconds);
    },
  };
}
