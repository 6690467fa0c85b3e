import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { FEED_CONSUMER, runConsumerBatch, type EventConsumer } from '@vigil/core';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { importFindings, sys, world, type World } from '../notifications/support.ts';

/** The feed's automatic import post comes from the durable consumer `feed`, once per scan.imported event. */
let db: TestDatabase;
let h: Harness;
let w: World;

before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow);
  w = await world(h, 'fp');
});
after(async () => {
  await h.close();
  await db.drop();
});

async function productPosts(): Promise<string[]> {
  const r = await sql<{
    text: string;
  }>`SELECT text FROM feed_posts WHERE product_id = ${w.productId} ORDER BY id`.execute(db.handle.db);
  return r.rows.map((p) => p.text);
}

test('an import is posted by the feed consumer, after its own transaction, exactly once', async () => {
  await importFindings(h, w.engagementId, 3, 'High', 'one');
  assert.deepEqual(await productPosts(), [], 'the import itself writes no post');
  const r = await h.services.importFeedPosts.drain();
  assert.equal(r.locked, true);
  assert.ok(r.events >= 1);
  assert.deepEqual(await productPosts(), ['Imported 3 findings (3 new) from Generic Findings Import into fp Product']);
  const announced = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM domain_events WHERE type = 'feed.posted'
    AND ${`product:${w.productId}`} = ANY(topics)`.execute(db.handle.db);
  assert.equal(announced.rows[0].n, 1, 'feed.posted to the product room');

  await h.services.importFeedPosts.drain();
  assert.equal((await productPosts()).length, 1, 'a second run posts nothing new');
});

test(
  'a batch that fails after writing its post is rolled ' + 'back with its position and retried without a duplicate',
  async () => {
    const result = await importFindings(h, w.engagementId, 2, 'Low', 'two');
    const poster = h.services.importFeedPosts;
    const crashing: EventConsumer<number> = {
      name: FEED_CONSUMER,
      batchSize: poster.batchSize,
      handle: async (repos, events) => {
        assert.equal(await poster.handle(repos, events), 1, 'the post was written in the batch');
        throw new Error('crash before the position is saved');
      },
    };
    await assert.rejects(runConsumerBatch(db.uow, crashing), /crash before the position/);
    assert.equal((await productPosts()).length, 1, 'the failed batch left no post');

    await poster.drain();
    await poster.drain();
    const posts = await productPosts();
    assert.equal(posts.length, 2);
    assert.equal(posts[1], `Imported 2 findings (2 new) from Generic Findings Import into fp Product`);
    assert.equal(result.statistics.created.total, 2);
  },
);

test('a reimport is posted as one; while another process holds the consumer nothing is posted', async () => {
  const first = await importFindings(h, w.engagementId, 1, 'Medium', 'three');
  await h.services.imports.import(sys, {
    mode: 'reimport',
    scanType: 'Generic Findings Import',
    testId: first.testId,
    report: Buffer.from(
      JSON.stringify({
        findings: [
          { title: 'three finding 0', severity: 'Medium', description: 'three 0', file_path: 'src/three0.ts' },
        ],
      }),
    ),
  });
  await db.uow.transaction(async (repos) => {
    assert.ok(await repos.events.lockConsumer(FEED_CONSUMER));
    const held = await h.services.importFeedPosts.drain();
    assert.equal(held.locked, false);
    assert.equal(held.events, 0);
  });
  assert.equal((await productPosts()).length, 2, 'nothing posted while the consumer was held');
  await h.services.importFeedPosts.drain();
  assert.deepEqual((await productPosts()).slice(2), [
    'Imported 1 findings (1 new) from Generic Findings Import into fp Product',
    'Reimported 1 findings (0 new) from Generic Findings Import into fp Product',
  ]);
});
