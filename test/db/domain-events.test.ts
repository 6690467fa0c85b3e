import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createDatabase,
  createUnitOfWork,
  LOG_START,
  MigrationRunner,
  type DatabaseHandle,
  type UnitOfWork,
} from '@vigil/db';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { sql } from 'kysely';
import { waitFor } from '../support/wait.ts';

const event = (type: string, n: number) => ({ type, topics: [`product:${n}`], actorId: null, payload: { n } });

describe('domain event log on PostgreSQL', () => {
  let db: TestDatabase;
  before(async () => {
    db = await freshDatabase();
  });
  after(async () => db.drop());

  test(
    'ids follow commit order: an append waits for an earlier ' + 'appender to commit; a rolled-back one never appears',
    async () => {
      const { uow } = db;
      let releaseSlow!: () => void;
      const slowMayCommit = new Promise<void>((r) => (releaseSlow = r));
      let slowAppended!: () => void;
      const slowHasAppended = new Promise<void>((r) => (slowAppended = r));
      const slow = uow.transaction(async (repos) => {
        await repos.events.append([event('test.slow', 1)]);
        slowAppended();
        await slowMayCommit;
      });
      await slowHasAppended;
      const head = await uow.repos.events.head();
      let fastDone = false;
      const fast = uow.repos.events.append([event('test.fast', 2)]).then(() => (fastDone = true));
      // The second appender is seen blocked on a lock (not merely slow), while the first holds its transaction open.
      await waitFor(
        async () => {
          const { rows } = await sql<{
            n: number;
          }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()
          AND wait_event_type = 'Lock'`.execute(db.handle.db);
          return rows[0]!.n > 0 || fastDone;
        },
        { what: 'the second appender to wait on a lock' },
      );
      assert.equal(fastDone, false, 'the second appender waits for the first to finish');
      assert.deepEqual(await uow.repos.events.readAfter(head, 100), [], 'nothing uncommitted is visible');
      releaseSlow();
      await slow;
      await fast;
      await uow
        .transaction(async (repos) => {
          await repos.events.append([event('test.rolled-back', 3)]);
          throw new Error('roll back');
        })
        .catch(() => undefined);
      await uow.repos.events.append([event('test.after', 4)]);
      const all = await uow.repos.events.readAfter(head, 100);
      assert.deepEqual(
        all.map((e) => e.type),
        ['test.slow', 'test.fast', 'test.after'],
      );
      assert.ok(all[0].id < all[1].id && all[1].id < all[2].id);
      assert.deepEqual(all[0].topics, ['product:1']);
      assert.deepEqual(all[1].payload, { n: 2 });
      const position = await uow.repos.events.positionOf(all[0].id);
      assert.deepEqual(
        (await uow.repos.events.readAfter(position!, 100)).map((e) => e.type),
        ['test.fast', 'test.after'],
      );
      assert.deepEqual(await uow.repos.events.readAfter(await uow.repos.events.head(), 100), []);
    },
  );

  test('an unrelated long transaction does not hold back readers', async () => {
    const { uow } = db;
    let release!: () => void;
    const hold = new Promise<void>((r) => (release = r));
    const long = uow.transaction(async (repos) => {
      await repos.productTypes.insert({ name: 'long-running' });
      await hold;
    });
    const head = await uow.repos.events.head();
    await uow.repos.events.append([event('test.while-long', 5)]);
    assert.deepEqual(
      (await uow.repos.events.readAfter(head, 10)).map((e) => e.type),
      ['test.while-long'],
    );
    release();
    await long;
  });

  test('topic filter and durable consumer positions', async () => {
    const { uow } = db;
    await uow.repos.events.append([event('test.a', 7), event('test.b', 8)]);
    const head = await uow.repos.events.head();
    const onlySeven = await uow.repos.events.readAfter(LOG_START, 100, ['product:7']);
    assert.deepEqual(
      onlySeven.map((e) => e.type),
      ['test.a'],
    );
    assert.deepEqual(await uow.repos.events.consumerPosition('notifications'), LOG_START);
    await uow.repos.events.saveConsumerPosition('notifications', head);
    assert.deepEqual(await uow.repos.events.consumerPosition('notifications'), head);
    // A second instance cannot take the consumer while the first holds it.
    await uow.transaction(async (a) => {
      assert.ok(await a.events.lockConsumer('notifications'));
      assert.equal(await uow.repos.events.lockConsumer('notifications'), undefined);
    });
  });
});

describe('domain event log on the embedded database', () => {
  let handle: DatabaseHandle;
  let uow: UnitOfWork;
  before(async () => {
    handle = await createDatabase({ dataDir: 'memory://' });
    await new MigrationRunner(handle.db).up();
    uow = createUnitOfWork(handle.db);
  });
  after(async () => handle.close());

  test('appends and reads in order', async () => {
    await uow.repos.events.append([event('test.one', 1), event('test.two', 2)]);
    const all = await uow.repos.events.readAfter(LOG_START, 10);
    assert.deepEqual(
      all.map((e) => e.type),
      ['test.one', 'test.two'],
    );
    assert.deepEqual(await uow.repos.events.readAfter(await uow.repos.events.head(), 10), []);
  });
});
