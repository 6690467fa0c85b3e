import type { TeamInvitation } from '@vigil/contract';
import type { TeamInvitationView } from '@vigil/db';

/** An invitation as the API and the real-time events show it; expiry is applied on read. */
export function presentTeamInvitation(i: TeamInvitationView, now: Date = new Date()): TeamInvitation {
  const expired = i.status === 'pending' && i.expires_at.getTime() <= now.getTime();
  return {
    id: i.id,
    team: { id: i.team_id, name: i.team_name },
    // An invitation waiting for an address shows that address; once a user holds it, only the user.
    invitee:
      i.invitee_id !== null
        ? { id: i.invitee_id, username: i.invitee_username, email: null }
        : { id: null, username: null, email: i.invitee_email },
    invitedBy: i.invited_by !== null ? { id: i.invited_by, username: i.invited_by_username } : null,
    role: i.role,
    status: expired ? ('expired' as const) : i.status,
    createdAt: i.created_at.toISOString(),
    expiresAt: i.expires_at.toISOString(),
    respondedAt: i.responded_at?.toISOString() ?? null,
  };
}
