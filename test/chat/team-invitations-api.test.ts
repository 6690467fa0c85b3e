import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';

let db: TestDatabase;
let h: Harness;
let owner: TestUser;
let maintainer: TestUser;
let invitee: TestUser;
let stranger: TestUser;
let teamId: number;

before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow);
  owner = await h.user('olivia');
  maintainer = await h.user('max');
  invitee = await h.user('ivy');
  stranger = await h.user('sam');
  // Invitations by email reach only a verified address (docs/realtime.md).
  await db.uow.repos.users.update(invitee.id, { email: 'Ivy@Example.com', email_verified_at: new Date() });
  teamId = (await owner.post('/api/v1/teams', { name: 'Red team' })).json().id;
  assert.equal(
    (await owner.put(`/api/v1/teams/${teamId}/members`, { userId: maintainer.id, role: 'maintainer' })).statusCode,
    204,
  );
});
after(async () => {
  await h.close();
  await db.drop();
});

const invite = (by: TestUser, body: unknown) => by.post(`/api/v1/teams/${teamId}/invitations`, body);

test('invite by email, accept: the invitee becomes a member with the role; events go to their user topic', async () => {
  const head = await db.uow.repos.events.head();
  const res = await invite(maintainer, { invitee: 'ivy@example.com', role: 'member' });
  assert.equal(res.statusCode, 201, res.body);
  const inv = res.json();
  assert.equal(inv.status, 'pending');
  assert.equal(inv.invitee.username, 'ivy');
  assert.equal(inv.invitedBy.username, 'max');
  assert.equal(
    (await invite(maintainer, { invitee: 'ivy', role: 'member' })).statusCode,
    409,
    'one pending invitation per person',
  );
  assert.deepEqual(
    (await invitee.get('/api/v1/team-invitations')).json().items.map((i: { id: number }) => i.id),
    [inv.id],
  );
  // Only the invitee answers; anyone else is told it does not exist.
  assert.equal((await stranger.post(`/api/v1/team-invitations/${inv.id}/accept`)).statusCode, 404);
  assert.equal((await maintainer.post(`/api/v1/team-invitations/${inv.id}/accept`)).statusCode, 404);
  const accepted = await invitee.post(`/api/v1/team-invitations/${inv.id}/accept`);
  assert.equal(accepted.statusCode, 200, accepted.body);
  assert.equal(accepted.json().status, 'accepted');
  assert.equal((await invitee.post(`/api/v1/team-invitations/${inv.id}/decline`)).statusCode, 409, 'answered already');
  const members = (await invitee.get(`/api/v1/teams/${teamId}/members`)).json().items;
  assert.deepEqual(members.find((m: { username: string }) => m.username === 'ivy').role, 'member');
  const events = await db.uow.repos.events.readAfter(head, 100);
  assert.deepEqual(
    events.map((e) => e.type),
    ['team.invited', 'team.member_added', 'team.invitation_accepted'],
  );
  assert.ok(events[0].topics.includes(`user:${invitee.id}`) && events[0].topics.includes(`team:${teamId}`));
  assert.equal((await invite(maintainer, { invitee: 'ivy', role: 'member' })).statusCode, 409, 'already a member');
});

test(
  'roles: members cannot invite, maintainers cannot ' + 'invite owners; revoke by maintainers; decline; leave',
  async () => {
    const member = invitee;
    assert.equal((await invite(member, { invitee: 'sam', role: 'member' })).statusCode, 403);
    assert.equal(
      (await invite(stranger, { invitee: 'olivia', role: 'member' })).statusCode,
      404,
      'non-members do not see the team',
    );
    assert.equal((await invite(maintainer, { invitee: 'sam', role: 'owner' })).statusCode, 403);
    const bad = await invite(maintainer, { invitee: 'nobody-here', role: 'member' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.details[0].path, 'invitee');
    const inv = (await invite(maintainer, { invitee: 'sam', role: 'member', expiresInDays: 3 })).json();
    assert.equal(
      (await member.post(`/api/v1/team-invitations/${inv.id}/revoke`)).statusCode,
      403,
      'members cannot revoke',
    );
    assert.equal((await maintainer.post(`/api/v1/team-invitations/${inv.id}/revoke`)).json().status, 'revoked');
    assert.equal((await stranger.post(`/api/v1/team-invitations/${inv.id}/accept`)).statusCode, 409, 'revoked');
    const again = (await invite(owner, { invitee: 'sam', role: 'maintainer' })).json();
    assert.equal((await stranger.post(`/api/v1/team-invitations/${again.id}/decline`)).json().status, 'declined');
    const listed = (await maintainer.get(`/api/v1/teams/${teamId}/invitations`)).json().items;
    assert.deepEqual(
      listed
        .filter((i: { invitee: { username: string } }) => i.invitee.username === 'sam')
        .map((i: { status: string }) => i.status),
      ['declined', 'revoked'],
    );
    // Leave; the last owner cannot.
    assert.equal((await member.post(`/api/v1/teams/${teamId}/leave`)).statusCode, 204);
    assert.equal((await member.get(`/api/v1/teams/${teamId}`)).statusCode, 404);
    assert.equal((await owner.post(`/api/v1/teams/${teamId}/leave`)).statusCode, 409);
    // Maintainers remove members but not owners.
    assert.equal((await maintainer.delete(`/api/v1/teams/${teamId}/members/${owner.id}`)).statusCode, 403);
  },
);

test('an expired invitation reads as expired, cannot be accepted, and does not block a new one', async () => {
  const inv = (await invite(owner, { invitee: 'sam', role: 'member', expiresInDays: 1 })).json();
  await db.handle.db
    .updateTable('team_invitations')
    .set({ expires_at: new Date(Date.now() - 1000) })
    .where('id', '=', inv.id)
    .execute();
  const mine = (await stranger.get('/api/v1/team-invitations?all=true')).json().items;
  assert.equal(mine.find((i: { id: number }) => i.id === inv.id).status, 'expired');
  assert.deepEqual(
    (await stranger.get('/api/v1/team-invitations')).json().items,
    [],
    'pending list hides expired ones',
  );
  const accept = await stranger.post(`/api/v1/team-invitations/${inv.id}/accept`);
  assert.equal(accept.statusCode, 409);
  assert.match(accept.json().error.message, /expired/);
  assert.equal((await invite(owner, { invitee: 'sam', role: 'member' })).statusCode, 201);
  assert.equal((await invite(owner, { invitee: 'ivy', role: 'member', expiresInDays: 500 })).statusCode, 400);
});
