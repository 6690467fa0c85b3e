// The team's value lists, without zod (web app: @vigil/contract/values). The database's columns,
// core's team policy and the API's schemas use these.

/** A team's own roles, weakest first (core/src/team/team.policy.ts ranks them). */
export const TEAM_ROLES = ['member', 'maintainer', 'owner'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** `expired` is computed on read from a pending invitation's expiry; the others are stored. */
export const INVITATION_STATUSES = ['pending', 'accepted', 'declined', 'revoked', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** The longest an invitation may stay open, in days. */
export const INVITATION_MAX_DAYS = 90;
