import { z } from 'zod';
import { zId, zIdParam, zIdValue, zInstant, zItems } from '../common/common.contract.ts';
import { TEAM_ROLES } from './team-values.ts';

// The team routes' contract (/api/v1/teams…); invitations: team-invitation.contract.ts.

export const ZTeamRole = z.enum(TEAM_ROLES);

export const ZCreateTeamRequest = z.object({
  name: z.string().trim().min(1).max(150),
  description: z.string().max(5000).optional(),
});
export type CreateTeamRequest = z.input<typeof ZCreateTeamRequest>;
export const ZUpdateTeamRequest = ZCreateTeamRequest.partial();
export type UpdateTeamRequest = z.input<typeof ZUpdateTeamRequest>;
export const ZSetTeamMemberRequest = z.object({ userId: zIdValue(), role: ZTeamRole });
export const ZTeamMemberParams = z.object({ id: zIdParam(), userId: zIdParam() });

export const ZTeam = z.object({
  id: zId(),
  name: z.string(),
  description: z.string(),
  createdAt: zInstant(),
});
export type Team = z.infer<typeof ZTeam>;
export const ZTeamList = zItems(ZTeam);

/** GET /api/v1/teams/{id}: the team and the caller's role in it. */
export const ZTeamDetail = ZTeam.extend({
  role: ZTeamRole.nullable().describe("the caller's role; null for an administrator who is not a member"),
});
export type TeamDetail = z.infer<typeof ZTeamDetail>;

export const ZTeamMember = z.object({ userId: zId(), username: z.string(), role: ZTeamRole });
export type TeamMember = z.infer<typeof ZTeamMember>;
export const ZTeamMemberList = zItems(ZTeamMember);
