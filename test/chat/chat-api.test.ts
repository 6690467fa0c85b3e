import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SYSTEM_ACTOR, type RequestContext } from '@vigil/core';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';

let db: TestDatabase;
let h: Harness;
let alice: TestUser;
let bob: TestUser;
let reader: TestUser;
let outsider: TestUser;
let teamId: number;
let findingId: number;
const sys: RequestContext = { actor: SYSTEM_ACTOR };

before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow);
  alice = await h.user('alice');
  bob = await h.user('bob');
  reader = await h.user('rita');
  outsider = await h.user('oscar');
  teamId = (await alice.post('/api/v1/teams', { name: 'Blue' })).json().id;
  await alice.put(`/api/v1/teams/${teamId}/members`, { userId: bob.id, role: 'member' });
  const s = h.services;
  const pt = await s.productTypes.create(sys, { name: 'Web' });
  const product = await s.products.create(sys, { name: 'Shop', productTypeId: pt.id });
  const engagement = await s.engagements.create(sys, {
    productId: product.id,
    name: 'E',
    targetStart: '2026-01-01',
    targetEnd: '2026-12-31',
  });
  const t = await s.tests.create(sys, { engagementId: engagement.id, scanType: 'Manual' });
  findingId = (await s.findings.create(sys, { testId: t.id, title: 'XSS', severity: 'Medium' })).id;
  await s.memberships.grant(sys, { productId: product.id }, { teamId }, 'Writer');
  await s.memberships.grant(sys, { productId: product.id }, { userId: reader.id }, 'Reader');
});
after(async () => {
  await h.close();
  await db.drop();
});

const teamPath = () => `/api/v1/chat/teams/${teamId}/messages`;

test(
  'team channel: members post and page history by anchor; ' + 'markdown is rendered safely; non-members get 404',
  async () => {
    const ids: number[] = [];
    for (let i = 1; i <= 5; i++) {
      const r = await (i % 2 ? alice : bob).post(teamPath(), { body: `message ${i}` });
      assert.equal(r.statusCode, 201, r.body);
      ids.push(r.json().id);
    }
    const latest = (await bob.get(`${teamPath()}?limit=2`)).json();
    assert.deepEqual(
      latest.items.map((m: { id: number }) => m.id),
      ids.slice(3),
      'latest page, oldest first',
    );
    assert.equal(latest.canPost, true);
    assert.deepEqual(
      (await bob.get(`${teamPath()}?before=${ids[3]}&limit=2`)).json().items.map((m: { id: number }) => m.id),
      ids.slice(1, 3),
    );
    assert.deepEqual(
      (await bob.get(`${teamPath()}?after=${ids[1]}&limit=2`)).json().items.map((m: { id: number }) => m.id),
      ids.slice(2, 4),
    );
    assert.equal((await bob.get(`${teamPath()}?after=1&before=3`)).statusCode, 400);

    const xss = (
      await alice.post(teamPath(), { body: '<script>alert(1)</script> **bold** [x](javascript:alert(1))' })
    ).json();
    assert.equal(xss.html, '&lt;script&gt;alert(1)&lt;/script&gt; <strong>bold</strong> [x](javascript:alert(1))');
    assert.equal((await alice.post(teamPath(), { body: '   ' })).statusCode, 400);

    for (const u of [outsider, reader]) {
      assert.equal((await u.get(teamPath())).statusCode, 404, 'non-members cannot read a team channel');
      assert.equal((await u.post(teamPath(), { body: 'let me in' })).statusCode, 404);
    }
  },
);

test('edit and delete by the author only; reactions; mentions publish user.mentioned for readers only', async () => {
  const head = await db.uow.repos.events.head();
  const msg = (await alice.post(teamPath(), { body: 'ping @bob and @oscar' })).json();
  assert.deepEqual(msg.mentions, [bob.id], 'oscar is not in the team: not mentioned');
  assert.match(msg.html, /<span class="mention">@bob<\/span> and @oscar/);
  const events = await db.uow.repos.events.readAfter(head, 10);
  assert.deepEqual(
    events.map((e) => e.type),
    ['chat.message_posted', 'user.mentioned'],
  );
  assert.deepEqual(events[1].topics, [`user:${bob.id}`]);
  assert.equal((events[1].payload as { url: string }).url, `/teams/${teamId}?message=${msg.id}`);

  assert.equal((await bob.patch(`/api/v1/chat/messages/${msg.id}`, { body: 'hijack' })).statusCode, 403);
  assert.equal((await outsider.patch(`/api/v1/chat/messages/${msg.id}`, { body: 'hijack' })).statusCode, 404);
  const edited = (await alice.patch(`/api/v1/chat/messages/${msg.id}`, { body: 'ping @bob (edited)' })).json();
  assert.equal(edited.body, 'ping @bob (edited)');
  assert.ok(edited.editedAt);

  const reacted = (await bob.put(`/api/v1/chat/messages/${msg.id}/reactions/${encodeURIComponent('👍')}`)).json();
  assert.deepEqual(reacted.reactions, [{ emoji: '👍', count: 1, userIds: [bob.id] }]);
  assert.deepEqual(
    (await bob.delete(`/api/v1/chat/messages/${msg.id}/reactions/${encodeURIComponent('👍')}`)).json().reactions,
    [],
  );

  assert.equal((await bob.delete(`/api/v1/chat/messages/${msg.id}`)).statusCode, 403);
  assert.equal((await alice.delete(`/api/v1/chat/messages/${msg.id}`)).statusCode, 204);
  const page = (await bob.get(`${teamPath()}?after=${msg.id - 1}`)).json();
  assert.deepEqual(
    { deleted: page.items[0].deleted, body: page.items[0].body },
    { deleted: true, body: '' },
    'a tombstone keeps the anchor',
  );
  assert.equal((await alice.patch(`/api/v1/chat/messages/${msg.id}`, { body: 'back' })).statusCode, 409);
});

test('finding thread: readers read, writers post; unread markers and search', async () => {
  const thread = `/api/v1/chat/findings/${findingId}/messages`;
  assert.equal((await reader.get(thread)).statusCode, 200);
  assert.equal((await reader.get(thread)).json().canPost, false);
  assert.equal((await reader.post(thread, { body: 'can I?' })).statusCode, 403);
  assert.equal((await outsider.get(thread)).statusCode, 404);
  const first = (await alice.post(thread, { body: 'Reproduced the injection on staging' })).json();
  await alice.post(thread, { body: 'fix merged' });

  // Bob has not opened the thread: it is not followed yet; the team channel is, with unread messages.
  let unread = (await bob.get('/api/v1/chat/unread')).json().items;
  assert.deepEqual(
    unread.map((u: { channel: string }) => u.channel),
    [`team:${teamId}`],
  );
  assert.ok(unread[0].unread > 0);
  const marked = await bob.post('/api/v1/chat/read', { channel: `finding:${findingId}`, messageId: first.id });
  assert.equal(marked.statusCode, 200, marked.body);
  assert.equal(marked.json().unread, 1);
  unread = (await bob.get('/api/v1/chat/unread')).json().items;
  assert.deepEqual(unread.find((u: { channel: string }) => u.channel === `finding:${findingId}`).unread, 1);
  assert.equal((await outsider.post('/api/v1/chat/read', { channel: `team:${teamId}`, messageId: 1 })).statusCode, 404);

  const found = (await bob.get('/api/v1/chat/search?q=injection')).json().items;
  assert.deepEqual(
    found.map((m: { id: number }) => m.id),
    [first.id],
  );
  assert.deepEqual(
    (await outsider.get('/api/v1/chat/search?q=injection')).json().items,
    [],
    'search covers only readable channels',
  );
  assert.equal((await outsider.get(`/api/v1/chat/search?q=injection&channel=finding:${findingId}`)).statusCode, 404);
  assert.equal((await bob.get('/api/v1/chat/search?q=x&channel=bogus:1')).statusCode, 400);
});
