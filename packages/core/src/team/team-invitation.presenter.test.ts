import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ZTeamInvitation } from '@vigil/contract';
import type { TeamInvitationView } from '@vigil/db';
import { presentTeamInvitation } from './team-invitation.presenter.ts';

const now = new Date('2026-06-01T12:00:00Z');
const base = {
  id: 7,
  team_id: 3,
  team_name: 'Platform',
  role: 'member' as const,
  status: 'pending' as const,
  created_at: new Date('2026-05-30T12:00:00Z'),
  expires_at: new Date('2026-06-13T12:00:00Z'),
  responded_at: null,
};
const toUser: TeamInvitationView = {
  ...base,
  invitee_id: 5,
  invitee_username: 'bob',
  invitee_email: 'bob@example.com',
  invited_by: 1,
  invited_by_username: 'alice',
};
const toAddress: TeamInvitationView = {
  ...base,
  invitee_id: null,
  invitee_username: null,
  invitee_email: 'carol@example.com',
  invited_by: null,
  invited_by_username: null,
};

test('a user invitee shows the user, never the address the invitation was sent to', () => {
  const shown = presentTeamInvitation(toUser, now);
  assert.deepEqual(shown.invitee, { id: 5, username: 'bob', email: null });
  assert.deepEqual(shown.invitedBy, { id: 1, username: 'alice' });
  assert.deepEqual(ZTeamInvitation.parse(shown), shown);
});

test('an invitation waiting for an address shows only the address; a deleted inviter is null', () => {
  const shown = presentTeamInvitation(toAddress, now);
  assert.deepEqual(shown.invitee, { id: null, username: null, email: 'carol@example.com' });
  assert.equal(shown.invitedBy, null);
  assert.deepEqual(ZTeamInvitation.parse(shown), shown);
});

test('a pending invitation past its expiry reads as expired; an answered one keeps its status', () => {
  const later = new Date('2026-06-13T12:00:00Z');
  assert.equal(presentTeamInvitation(toUser, later).status, 'expired');
  const accepted = { ...toUser, status: 'accepted' as const, responded_at: now };
  const shown = presentTeamInvitation(accepted, later);
  assert.equal(shown.status, 'accepted');
  assert.equal(shown.respondedAt, '2026-06-01T12:00:00.000Z');
  assert.deepEqual(ZTeamInvitation.parse(shown), shown);
});
