import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { dispatchAll, sys, world, type World } from './support.ts';

let db: TestDatabase;
let h: Harness;
let w: World;

before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow);
  w = await world(h, 'a');
  await h.services.notificationDefaults.save(sys, { eventType: 'engagement.added', channel: 'alert', enabled: true });
  for (const name of ['One', 'Two', 'Three'])
    await h.services.engagements.create(sys, {
      productId: w.productId,
      name,
      targetStart: '2026-01-01',
      targetEnd: '2026-02-01',
    });
  await dispatchAll(h.services.notificationDispatcher, db);
});
after(async () => {
  await h.close();
  await db.drop();
});

test('a user lists, counts and marks read only their own alerts', async () => {
  const mine = (await w.reader.get('/api/v1/notifications')).json();
  // The world's own engagement and the three added here, newest first.
  assert.equal(mine.items.length, 4);
  assert.equal(mine.unread, 4);
  assert.ok(
    mine.items.every((a: { title: string; read: boolean }) => a.title === 'Engagement added to a Product' && !a.read),
  );
  assert.deepEqual(
    mine.items.map((a: { body: string }) => /"(\w+)"/.exec(a.body)![1]),
    ['Three', 'Two', 'One', 'E'],
  );
  // The outsider cannot read the product: no alerts at all.
  assert.deepEqual((await w.outsider.get('/api/v1/notifications')).json().items, []);
  const adminAlerts = (await w.admin.get('/api/v1/notifications')).json().items;
  assert.equal(adminAlerts.length, 4);

  // Marking someone else's alert read changes nothing of theirs.
  const res = await w.reader.post('/api/v1/notifications/read', { ids: adminAlerts.map((a: { id: number }) => a.id) });
  assert.deepEqual(res.json(), { updated: 0, unread: 4 });
  assert.equal((await w.admin.get('/api/v1/notifications/unread-count')).json().unread, 4);

  assert.deepEqual((await w.reader.post('/api/v1/notifications/read', { ids: [mine.items[0].id] })).json(), {
    updated: 1,
    unread: 3,
  });
  const unreadOnly = (await w.reader.get('/api/v1/notifications?unread=true')).json();
  assert.equal(unreadOnly.items.length, 3);
  assert.ok(!unreadOnly.items.some((a: { id: number }) => a.id === mine.items[0].id));
  assert.deepEqual((await w.reader.post('/api/v1/notifications/read-all')).json(), { updated: 3, unread: 0 });
  assert.equal((await w.admin.get('/api/v1/notifications/unread-count')).json().unread, 4);
});

test('alerts page by id', async () => {
  const first = (await w.admin.get('/api/v1/notifications?limit=2')).json();
  assert.equal(first.items.length, 2);
  assert.ok(first.nextBefore);
  const second = (await w.admin.get(`/api/v1/notifications?limit=2&before=${first.nextBefore}`)).json();
  assert.equal(second.items.length, 2);
  assert.equal(second.nextBefore, null);
  assert.equal((await w.admin.get('/api/v1/notifications?limit=0')).statusCode, 400);
});

test('subscriptions: own rows, product must be readable, team rows need a team maintainer', async () => {
  const put = await w.reader.put('/api/v1/notification-subscriptions', {
    productId: w.productId,
    eventType: 'findings.new',
    channel: 'email',
    minSeverity: 'Critical',
  });
  assert.equal(put.statusCode, 200, put.body);
  assert.equal(put.json().minSeverity, 'Critical');
  // Same key again updates the row rather than adding one.
  await w.reader.put('/api/v1/notification-subscriptions', {
    productId: w.productId,
    eventType: 'findings.new',
    channel: 'email',
    minSeverity: 'High',
  });
  const list = (await w.reader.get('/api/v1/notification-subscriptions')).json().items;
  assert.equal(list.length, 1);
  assert.equal(list[0].minSeverity, 'High');

  assert.equal(
    (
      await w.outsider.put('/api/v1/notification-subscriptions', {
        productId: w.productId,
        eventType: 'findings.new',
        channel: 'alert',
      })
    ).statusCode,
    404,
  );
  const bad = await w.reader.put('/api/v1/notification-subscriptions', {
    eventType: 'product.added',
    channel: 'alert',
    minSeverity: 'High',
  });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.details[0].path, 'minSeverity');
  assert.equal(
    (await w.reader.put('/api/v1/notification-subscriptions', { eventType: 'nope', channel: 'alert' })).statusCode,
    400,
  );
  assert.equal(
    (await w.reader.put('/api/v1/notification-subscriptions', { eventType: 'product.added', channel: 'slack' }))
      .statusCode,
    400,
  );

  // Someone else's row is not found; own row deletes.
  assert.equal((await w.outsider.delete(`/api/v1/notification-subscriptions/${list[0].id}`)).statusCode, 404);
  assert.equal((await w.reader.delete(`/api/v1/notification-subscriptions/${list[0].id}`)).statusCode, 204);

  const team = await h.services.teams.create(sys, 'Responders');
  await h.services.teams.setMember(sys, team.id, w.reader.id, 'member');
  await h.services.teams.setMember(sys, team.id, w.admin.id, 'owner');
  assert.equal(
    (
      await w.reader.put('/api/v1/notification-subscriptions', {
        teamId: team.id,
        eventType: 'sla.breached',
        channel: 'alert',
      })
    ).statusCode,
    403,
  );
  assert.equal((await w.outsider.get(`/api/v1/notification-subscriptions?teamId=${team.id}`)).statusCode, 404);
  assert.equal(
    (
      await w.admin.put('/api/v1/notification-subscriptions', {
        teamId: team.id,
        eventType: 'sla.breached',
        channel: 'alert',
      })
    ).statusCode,
    200,
  );
  assert.equal((await w.reader.get(`/api/v1/notification-subscriptions?teamId=${team.id}`)).json().items.length, 1);
});

test('channel credentials are write-only: the API shows a hint, never the URL or secret', async () => {
  const url = 'https://93.184.216.34/services/T000/B000/XXXXsecretXXXX';
  const created = await w.admin.post('/api/v1/admin/notification-channels', { name: 'slack', kind: 'slack', url });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id;
  for (const res of [
    created,
    await w.admin.get(`/api/v1/admin/notification-channels/${id}`),
    await w.admin.get('/api/v1/admin/notification-channels'),
  ]) {
    assert.ok(!res.body.includes('XXXXsecretXXXX'), res.body);
  }
  assert.equal(created.json().secretHint, 'https://93.184.216.34/…XXXX');
  const stored = await db.uow.repos.notificationChannels.findById(id);
  assert.ok(!JSON.stringify(stored).includes('XXXXsecretXXXX'));
  // The audit trail records the change without the credential.
  const audit = await db.handle.db
    .selectFrom('audit_log')
    .select(['after'])
    .where('entity_type', '=', 'notification_channel')
    .execute();
  assert.ok(audit.length >= 1 && !JSON.stringify(audit).includes('XXXXsecretXXXX'));

  const disabled = await w.admin.patch(`/api/v1/admin/notification-channels/${id}`, { enabled: false });
  assert.equal(disabled.json().enabled, false);
  assert.equal(
    (await w.admin.post('/api/v1/admin/notification-channels', { name: 'slack', kind: 'slack', url })).statusCode,
    409,
  );
  assert.equal(
    (await w.admin.post('/api/v1/admin/notification-channels', { name: 'tg', kind: 'telegram' })).statusCode,
    400,
  );
  assert.equal((await w.reader.get(`/api/v1/admin/notification-channels/${id}`)).statusCode, 403);
  assert.equal((await w.admin.get('/api/v1/admin/notification-channels/999999')).statusCode, 404);
});
