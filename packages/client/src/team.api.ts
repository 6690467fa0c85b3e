import type { HttpClient } from './http-client.ts';

export type TeamRole = 'member' | 'maintainer' | 'owner';
export type InvitationStatus = 'pending' | 'accepted' | 'declined' | 'revoked' | 'expired';

export interface TeamDetail {
  id: number;
  name: string;
  description: string;
  createdAt: string;
  /** The caller's role; null for an administrator who is not a member. */
  role: TeamRole | null;
}

export interface TeamMember {
  userId: number;
  username: string;
  role: TeamRole;
}

export interface TeamInvitation {
  id: number;
  team: { id: number; name: string };
  /** An invitation by email waits for its address (id and username null) until a user verifies it. */
  invitee: { id: number; username: string; email: null } | { id: null; username: null; email: string };
  invitedBy: { id: number; username: string } | null;
  role: TeamRole;
  status: InvitationStatus;
  createdAt: string;
  expiresAt: string;
  respondedAt: string | null;
}

/** One team: details, members and roles, invitations sent, leaving. */
export function teamMembershipApi(http: HttpClient) {
  return {
    get: (id: number) => http.get<TeamDetail>(`/api/v1/teams/${id}`),
    update: (id: number, patch: { name?: string; description?: string }) =>
      http.patch<TeamDetail>(`/api/v1/teams/${id}`, patch),
    delete: (id: number) => http.delete(`/api/v1/teams/${id}`),
    members: (id: number) => http.get<{ items: TeamMember[] }>(`/api/v1/teams/${id}/members`),
    setMember: (id: number, userId: number, role: TeamRole) =>
      http.request<void>('PUT', `/api/v1/teams/${id}/members`, { userId, role }),
    removeMember: (id: number, userId: number) => http.delete(`/api/v1/teams/${id}/members/${userId}`),
    leave: (id: number) => http.post<void>(`/api/v1/teams/${id}/leave`),
    invitations: (id: number) => http.get<{ items: TeamInvitation[] }>(`/api/v1/teams/${id}/invitations`),
    invite: (id: number, invitee: string, role: TeamRole, expiresInDays?: number) =>
      http.post<TeamInvitation>(`/api/v1/teams/${id}/invitations`, { invitee, role, expiresInDays }),
  };
}

/** Invitations the caller received, and answering or revoking one. */
export function teamInvitationApi(http: HttpClient) {
  return {
    mine: (all = false) =>
      http.get<{ items: TeamInvitation[] }>('/api/v1/team-invitations', { all: all ? 'true' : undefined }),
    accept: (id: number) => http.post<TeamInvitation>(`/api/v1/team-invitations/${id}/accept`),
    decline: (id: number) => http.post<TeamInvitation>(`/api/v1/team-invitations/${id}/decline`),
    revoke: (id: number) => http.post<TeamInvitation>(`/api/v1/team-invitations/${id}/revoke`),
  };
}
