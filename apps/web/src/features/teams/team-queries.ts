/** Query keys of the teams feature (invalidated together after a change). */
export const TEAMS_KEY = ['teams'] as const;
export const MY_INVITATIONS_KEY = ['team-invitations', 'mine'] as const;
export const teamKey = (id: number) => ['teams', id] as const;
