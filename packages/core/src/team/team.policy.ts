import type { Repositories, TeamRole } from '@vigil/db';
import { AppError, notFound } from '../errors/app-error.ts';
import type { Actor } from '../auth/actor.ts';

/** What a team role allows, declared once (teams have their own roles, not the product role table). */
const REQUIRED_TEAM_ROLE = {
  read: 'member',
  /** Rename, add and remove members, invite as member or maintainer. */
  manage: 'maintainer',
  /** Make someone an owner (by invitation or membership), or remove another owner. */
  manage_owners: 'owner',
  delete: 'owner',
  manage_subscriptions: 'maintainer',
} as const satisfies Record<string, TeamRole>;

export type TeamAction = keyof typeof REQUIRED_TEAM_ROLE;

const TEAM_RANK: Record<TeamRole, number> = { member: 1, maintainer: 2, owner: 3 };

const FORBIDDEN_MESSAGE: Partial<Record<TeamAction, string>> = {
  manage_subscriptions: 'Only team maintainers and owners change team subscriptions',
};

/** `canOnTeam(role, 'manage')`; a global admin passes everything. */
export function canOnTeam(role: TeamRole | null | undefined, action: TeamAction, isAdmin = false): boolean {
  return isAdmin || (!!role && TEAM_RANK[role] >= TEAM_RANK[REQUIRED_TEAM_ROLE[action]]);
}

/**
 * Who may do what with a team: its members read it (admins too), maintainers manage it, owners
 * make owners. A team the caller is not in answers TEAM_NOT_FOUND, exactly as a missing one.
 */
export class TeamPolicy {
  constructor(private readonly repos: Pick<Repositories, 'teams'>) {}

  /** The caller's role in the team, or null (an admin outside the team: null too). */
  async role(actor: Actor, team: { id: number }): Promise<TeamRole | null> {
    return (await this.repos.teams.roleOf(team.id, actor.userId)) ?? null;
  }

  /** Whose teams a list shows: the caller's, or every team for an administrator (undefined). */
  listedFor(actor: Actor): number | undefined {
    return actor.isAdmin ? undefined : actor.userId;
  }

  async can(actor: Actor, action: TeamAction, team: { id: number }): Promise<boolean> {
    return canOnTeam(await this.role(actor, team), action, actor.isAdmin);
  }

  /**
   * The caller's role; TEAM_NOT_FOUND when it may not read the team (`team` undefined: it does not exist), FORBIDDEN
   * below the action.
   */
  async authorize(
    actor: Actor,
    action: TeamAction,
    team: { id: number } | undefined,
    id = team?.id,
  ): Promise<TeamRole | null> {
    const role = team ? await this.role(actor, team) : null;
    if (!team || !canOnTeam(role, 'read', actor.isAdmin)) throw notFound('Team', id ?? '');
    if (!canOnTeam(role, action, actor.isAdmin)) {
      throw new AppError(
        'FORBIDDEN',
        FORBIDDEN_MESSAGE[action] ?? `This needs the team role "${REQUIRED_TEAM_ROLE[action]}"`,
      );
    }
    return role;
  }
}
