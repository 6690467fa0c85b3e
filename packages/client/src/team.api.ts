import type { Team, TeamDetail, TeamInvitation, TeamMember, TeamRole, UpdateTeamRequest } from '@vigil/contract';
import type { HttpClient } from './http-client.ts';
import type { ItemList } from './page.ts';

// Teams and invitations are the API contract's shapes (packages/contract/src/team/), imported as
// types only; the role and status lists come from @vigil/contract/values.
export { INVITATION_MAX_DAYS, INVITATION_STATUSES, TEAM_ROLES } from '@vigil/contract/values';
export type { InvitationStatus, Team, TeamDetail, TeamInvitation, TeamMember, TeamRole } from '@vigil/contract';

/** The teams the caller may see, and creating one (its creator owns it). */
export function teamApi(http: HttpClient) {
  return {
    list: () => http.get<ItemList<Team>>('/api/v1/teams'),
    create: (name: string, description?: string) => http.post<Team>('/api/v1/teams', { name, description }),
  };
}

/** One team: details, members and roles, invitations sent, leaving. */
export function teamMembershipApi(http: HttpClient) {
  return {
    get: (id: number) => http.get<TeamDetail>(`/api/v1/teams/${id}`),
    update: (id: number, patch: UpdateTeamRequest) => http.patch<TeamDetail>(`/api/v1/teams/${id}`, patch),
    delete: (id: number) => http.delete(`/api/v1/teams/${id}`),
    members: (id: number) => http.get<ItemList<TeamMember>>(`/api/v1/teams/${id}/members`),
    setMember: (id: number, userId: number, role: TeamRole) =>
      http.request<void>('PUT', `/api/v1/teams/${id}/members`, { userId, role }),
    removeMember: (id: number, userId: number) => http.delete(`/api/v1/teams/${id}/members/${userId}`),
    leave: (id: number) => http.post<void>(`/api/v1/teams/${id}/leave`),
    invitations: (id: number) => http.get<ItemList<TeamInvitation>>(`/api/v1/teams/${id}/invitations`),
    invite: (id: number, invitee: string, role: TeamRole, expiresInDays?: number) =>
      http.post<TeamInvitation>(`/api/v1/teams/${id}/invitations`, { invitee, role, expiresInDays }),
  };
}

/** Invitations the caller received, and answering or revoking one. */
export function teamInvitationApi(http: HttpClient) {
  return {
    mine: (all = false) =>
      http.get<ItemList<TeamInvitation>>('/api/v1/team-invitations', { all: all ? 'true' : undefined }),
    accept: (id: number) => http.post<TeamInvitation>(`/api/v1/team-invitations/${id}/accept`),
    decline: (id: number) => http.post<TeamInvitation>(`/api/v1/team-invitations/${id}/decline`),
    revoke: (id: number) => http.post<TeamInvitation>(`/api/v1/team-invitations/${id}/revoke`),
  };
}
