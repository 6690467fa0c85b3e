import type { Actor } from '../auth/actor.ts';
import { AppError } from '../errors/app-error.ts';

/**
 * Who may do what with the vulnerability database. Advisories are public data: every signed-in
 * user reads them and the sync history. Starting a sync costs downloads and database work for the
 * whole installation, so only administrators may.
 */
const ADVISORY_ACTIONS = {
  read: 'any',
  read_sync_runs: 'any',
  trigger_sync: 'admin',
} as const satisfies Record<string, 'any' | 'admin'>;

export type AdvisoryAction = keyof typeof ADVISORY_ACTIONS;

export const advisoryPolicy = {
  can(actor: Actor, action: AdvisoryAction): boolean {
    return ADVISORY_ACTIONS[action] === 'any' || actor.isAdmin;
  },

  authorize(actor: Actor, action: AdvisoryAction): void {
    if (!advisoryPolicy.can(actor, action))
      throw new AppError('FORBIDDEN', 'Only administrators may start vulnerability database syncs');
  },
};
