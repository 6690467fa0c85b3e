import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { NOTIFICATIONS_CONSUMER, publish, topic } from '@vigil/core';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { dispatchAll, importFindings, notificationsFor, sys, world, type World } from './support.ts';

let db: TestDatabase;
let h: Harness;
let w: World;
let n: ReturnType<typeof notificationsFor>;

before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow);
  w = await world(h, 'd');
  n = notificationsFor(db.uow, {
    smtp: { host: '127.0.0.1', port: 2, secure: false, requireTls: false, from: 'vigil@example.test' },
  });
});
after(async () => {
  await h.close();
  await db.drop();
});

const count = async (table: string, where = sql`true`) =>
  Number(
    (await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE ${where}`.execute(db.handle.db))
      .rows[0].n,
  );

test('an import of 1,000 High findings makes one digest per subscriber per channel', async () => {
  // Everyone who may read the product gets an in-app alert for High and above; the reader also wants email.
  await h.services.notificationDefaults.save(sys, {
    eventType: 'findings.new',
    channel: 'alert',
    enabled: true,
    minSeverity: 'High',
  });
  await h.services.notifications.saveSubscription(
    { actor: { userId: w.reader.id, username: 'd_reader', isAdmin: false, via: 'token' } },
    { eventType: 'findings.new', channel: 'email', enabled: true },
  );
  const hook = await db.uow.repos.notificationChannels.insert({
    name: 'siem hook',
    kind: 'webhook',
    settings: {},
    secretCiphertext: null,
    secretHint: '',
    maxFailures: 5,
    enabled: true,
  });
  await h.services.notificationDefaults.save(sys, {
    eventType: 'findings.new',
    channel: 'target',
    channelId: hook.id,
    enabled: true,
  });
  await dispatchAll(n.dispatcher, db); // what came before (product added …) is not under test

  const result = await importFindings(h, w.engagementId, 1000, 'High', 'big');
  assert.equal(result.statistics.created.total, 1000);
  const r = await dispatchAll(n.dispatcher, db);
  assert.ok(r.events >= 1);

  const digests = await db.handle.db
    .selectFrom('notifications')
    .selectAll()
    .where('type', '=', 'findings.new')
    .execute();
  assert.equal(digests.length, 1, 'one digest for the import');
  const digest = digests[0];
  assert.deepEqual(digest.details.counts, { High: 1000 });
  assert.match(digest.title, /^1000 new findings in d Product$/);
  assert.match(digest.body, /1000 High/);
  assert.match(digest.body, /…and 990 more\./);

  const alerts = await db.handle.db
    .selectFrom('notification_alerts')
    .select('user_id')
    .where('notification_id', '=', digest.id)
    .orderBy('user_id')
    .execute();
  // The admin and the reader (both may read the product); the outsider and the other users may not.
  const admins = (await db.handle.db.selectFrom('users').select('id').where('is_admin', '=', true).execute()).map(
    (u) => u.id,
  );
  assert.deepEqual(
    alerts.map((a) => a.user_id),
    [...new Set([...admins, w.reader.id])].sort((a, b) => a - b),
  );
  assert.ok(!alerts.some((a) => a.user_id === w.outsider.id));

  const deliveries = await db.handle.db
    .selectFrom('notification_deliveries')
    .selectAll()
    .where('notification_id', '=', digest.id)
    .orderBy('id')
    .execute();
  assert.deepEqual(
    deliveries.map((d) => [d.channel, d.user_id, d.channel_id]),
    [
      ['email', w.reader.id, null],
      ['target', null, hook.id],
    ],
  );
  assert.equal(deliveries[0].idempotency_key, `n${digest.id}:email:u${w.reader.id}`);

  // Live push: one notification.created event per alert, on the user's topic.
  const pushed = await db.handle.db
    .selectFrom('domain_events')
    .select(['topics', 'payload'])
    .where('type', '=', 'notification.created')
    .execute();
  const forDigest = pushed.filter((e) => (e.payload as { notificationId: number }).notificationId === digest.id);
  assert.deepEqual(forDigest.map((e) => e.topics[0]).sort(), alerts.map((a) => topic.user(a.user_id)).sort());

  // The import itself: one scan.imported notification with its counts.
  const imported = await db.handle.db
    .selectFrom('notifications')
    .selectAll()
    .where('type', '=', 'scan.imported')
    .execute();
  assert.equal(imported.length, 1);
  assert.equal(imported[0].details.created, 1000);
  assert.match(imported[0].body, /1000 new/);
  // Links open the import's findings in the web app.
  assert.equal(imported[0].url, `/findings?testId=${result.testId}`);
  assert.equal(digest.url, `/findings?testId=${result.testId}`);
});

test('running the dispatcher again makes nothing new (position saved with the notifications)', async () => {
  const before = await count('notifications');
  const r = await n.dispatcher.drain();
  assert.equal(r.notifications, 0);
  assert.equal(await count('notifications'), before);
  const pos = await db.uow.repos.events.consumerPosition(NOTIFICATIONS_CONSUMER);
  assert.ok(pos.eventId > 0);
});

test('only one dispatcher consumes at a time', async () => {
  await importFindings(h, w.engagementId, 3, 'Critical', 'lock');
  let inner: Awaited<ReturnType<typeof n.dispatcher.dispatchBatch>> | undefined;
  await db.uow.transaction(async (repos) => {
    assert.ok(await repos.events.lockConsumer(NOTIFICATIONS_CONSUMER));
    inner = await n.dispatcher.dispatchBatch();
  });
  assert.equal(inner?.locked, false);
  const r = await dispatchAll(n.dispatcher, db);
  assert.equal(r.locked, true);
  assert.ok(r.notifications >= 2);
});

test('minimum severity, opt-out rows and product access decide who receives', async () => {
  const readerCtx = { actor: { userId: w.reader.id, username: 'd_reader', isAdmin: false, via: 'token' as const } };
  // The reader raises their bar to Critical for this product: a Medium import does not reach them.
  await h.services.notifications.saveSubscription(readerCtx, {
    productId: w.productId,
    eventType: 'findings.new',
    channel: 'alert',
    enabled: true,
    minSeverity: 'Critical',
  });
  await h.services.notificationDefaults.save(sys, {
    eventType: 'findings.new',
    channel: 'alert',
    enabled: true,
    minSeverity: 'Low',
  });
  await importFindings(h, w.engagementId, 5, 'Medium', 'med');
  await dispatchAll(n.dispatcher, db);
  const digest = await db.handle.db
    .selectFrom('notifications')
    .selectAll()
    .where('type', '=', 'findings.new')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  assert.deepEqual(digest.details.counts, { Medium: 5 });
  const users = (
    await db.handle.db
      .selectFrom('notification_alerts')
      .select('user_id')
      .where('notification_id', '=', digest.id)
      .execute()
  ).map((a) => a.user_id);
  assert.ok(!users.includes(w.reader.id), 'reader asked for Critical only');
  assert.ok(users.includes(w.admin.id));
  assert.ok(!users.includes(w.outsider.id));

  // The outsider subscribes globally, but still cannot read the product: nothing reaches them.
  const outsiderCtx = {
    actor: { userId: w.outsider.id, username: 'd_outsider', isAdmin: false, via: 'token' as const },
  };
  await h.services.notifications.saveSubscription(outsiderCtx, {
    eventType: 'scan.imported',
    channel: 'alert',
    enabled: true,
  });
  await importFindings(h, w.engagementId, 1, 'Low', 'low');
  await dispatchAll(n.dispatcher, db);
  assert.equal(await count('notification_alerts', sql`user_id = ${w.outsider.id}`), 0);
});

test('personal notifications go only to the named user, if they can read the product', async () => {
  await h.services.notificationDefaults.save(sys, { eventType: 'finding.assigned', channel: 'alert', enabled: true });
  await h.services.notificationDefaults.save(sys, { eventType: 'user.mentioned', channel: 'alert', enabled: true });
  await db.uow.transaction((repos) =>
    publish(repos, [
      {
        type: 'finding.assigned',
        topics: [topic.user(w.reader.id)],
        payload: { findingId: 1, productId: w.productId, title: 'SQLi', severity: 'High', assigneeId: w.reader.id },
      },
      {
        type: 'finding.assigned',
        topics: [topic.user(w.outsider.id)],
        payload: { findingId: 1, productId: w.productId, title: 'SQLi', severity: 'High', assigneeId: w.outsider.id },
      },
      {
        type: 'user.mentioned',
        topics: [topic.user(w.outsider.id)],
        payload: {
          mentionedUserIds: [w.outsider.id],
          context: 'team chat',
          excerpt: '@d_outsider look',
          url: '/teams/1',
          productId: null,
        },
      },
    ]),
  );
  await dispatchAll(n.dispatcher, db);
  const rows = await db.handle.db
    .selectFrom('notification_alerts as a')
    .innerJoin('notifications as n', 'n.id', 'a.notification_id')
    .select(['n.type', 'a.user_id'])
    .where('n.type', 'in', ['finding.assigned', 'user.mentioned'])
    .orderBy('n.id')
    .execute();
  assert.deepEqual(rows, [
    { type: 'finding.assigned', user_id: w.reader.id },
    { type: 'user.mentioned', user_id: w.outsider.id },
  ]);
});

test('job.failed reaches administrators only; a user opt-out overrides the default', async () => {
  await h.services.notificationDefaults.save(sys, { eventType: 'job.failed', channel: 'alert', enabled: true });
  const other = await h.user('d_admin2', { admin: true });
  await h.services.notifications.saveSubscription(
    { actor: { userId: other.id, username: 'd_admin2', isAdmin: true, via: 'token' } },
    { eventType: 'job.failed', channel: 'alert', enabled: false },
  );
  await db.uow.transaction((repos) =>
    publish(repos, { type: 'job.failed', topics: [], payload: { job: 'import.scan', jobId: 'j1', error: 'boom' } }),
  );
  await dispatchAll(n.dispatcher, db);
  const note = await db.handle.db
    .selectFrom('notifications')
    .selectAll()
    .where('type', '=', 'job.failed')
    .executeTakeFirstOrThrow();
  const users = (
    await db.handle.db
      .selectFrom('notification_alerts')
      .select('user_id')
      .where('notification_id', '=', note.id)
      .execute()
  ).map((a) => a.user_id);
  assert.ok(users.includes(w.admin.id));
  assert.ok(!users.includes(other.id));
  assert.ok(!users.includes(w.reader.id));
});

test('retention deletes old notifications in chunks, with their alerts and deliveries', async () => {
  const total = await count('notifications');
  assert.ok(total > 3);
  assert.equal(
    await db.uow.repos.notifications.deleteOlderThan(new Date(Date.now() - 86_400_000)),
    0,
    'nothing is a day old',
  );
  assert.equal(await db.uow.repos.notifications.deleteOlderThan(new Date(Date.now() + 60_000), 2), 2);
  let left = total - 2;
  while (left > 0) left -= await db.uow.repos.notifications.deleteOlderThan(new Date(Date.now() + 60_000), 1000);
  assert.equal(await count('notifications'), 0);
  assert.equal(await count('notification_alerts'), 0);
  assert.equal(await count('notification_deliveries'), 0);
});
