import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { jobDefinitions, notificationRetentionHandlers } from '@vigil/jobs';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';

let db: TestDatabase;
before(async () => {
  db = await freshDatabase();
});
after(async () => {
  await db.drop();
});

test('retention.notifications deletes what is older than the limit, nothing else', async () => {
  const def = jobDefinitions.find((d) => d.name === 'retention.notifications');
  assert.ok(def?.cron, 'a scheduled job');
  for (let i = 1; i <= 3; i++)
    await db.uow.repos.notifications.insertOnce({
      eventId: i,
      type: 'product.added',
      productId: null,
      severity: null,
      title: `n${i}`,
      body: '',
      url: null,
      details: {},
    });
  await sql`UPDATE notifications SET created_at = now() - interval '100 days' WHERE title IN ('n1', 'n2')`.execute(
    db.handle.db,
  );
  const handler = notificationRetentionHandlers(db.uow, 90)['retention.notifications']!;
  await handler({}, { jobId: 'x', retryCount: 0, final: false } as never);
  const left = await db.handle.db.selectFrom('notifications').select('title').execute();
  assert.deepEqual(
    left.map((r) => r.title),
    ['n3'],
  );
  await handler({}, { jobId: 'y', retryCount: 0, final: false } as never);
  assert.equal((await db.handle.db.selectFrom('notifications').select('title').execute()).length, 1, 'idempotent');
});
