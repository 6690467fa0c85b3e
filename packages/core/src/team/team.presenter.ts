import type { Team, TeamMember } from '@vigil/contract';
import type { TeamRole, TeamRow } from '@vigil/db';

export function presentTeam(t: TeamRow): Team {
  return { id: t.id, name: t.name, description: t.description, createdAt: t.created_at.toISOString() };
}

export function presentTeamMember(m: { user_id: number; username: string; role: TeamRole }): TeamMember {
  return { userId: m.user_id, username: m.username, role: m.role };
}
