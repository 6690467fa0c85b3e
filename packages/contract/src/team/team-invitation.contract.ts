import { z } from 'zod';
import { zId, zInstant, zItems, zQueryBool } from '../common/common.contract.ts';
import { ZTeamRole } from './team.contract.ts';
import { INVITATION_MAX_DAYS, INVITATION_STATUSES } from './team-values.ts';

// Team invitations (/api/v1/teams/{id}/invitations, /api/v1/team-invitations…).

export const ZInviteRequest = z.object({
  invitee: z.string().trim().min(1).max(254).describe('username, or email address'),
  role: ZTeamRole.default('member'),
  expiresInDays: z.number().int().min(1).max(INVITATION_MAX_DAYS).optional(),
});
export type InviteRequest = z.input<typeof ZInviteRequest>;
export type InviteInput = z.output<typeof ZInviteRequest>;
export const ZMyInvitationsQuery = z.object({ all: zQueryBool() });

export const ZTeamInvitation = z.object({
  id: zId(),
  team: z.object({ id: zId(), name: z.string() }),
  invitee: z
    .union([
      z.object({ id: zId(), username: z.string(), email: z.null() }),
      z.object({ id: z.null(), username: z.null(), email: z.string() }),
    ])
    .describe('an invitation by email waits for its address (id and username null) until a user verifies it'),
  invitedBy: z.object({ id: zId(), username: z.string() }).nullable(),
  role: ZTeamRole,
  status: z.enum(INVITATION_STATUSES),
  createdAt: zInstant(),
  expiresAt: zInstant(),
  respondedAt: zInstant().nullable(),
});
export type TeamInvitation = z.infer<typeof ZTeamInvitation>;
export const ZTeamInvitationList = zItems(ZTeamInvitation);
