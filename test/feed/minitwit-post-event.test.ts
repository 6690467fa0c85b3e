import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { FeedService, SYSTEM_ACTOR, UserService } from '@vigil/core';
import { feedPostedEvent } from '../../packages/core/src/feed/feed-events.ts';
import { freshDatabaseOf, type DatabaseKindUnderTest } from '../support/postgres.ts';

// The simulator's tweet writes the post and its event in one statement (FeedRepository.
// insertFeedOnlyPostAnnounced); the event must be exactly the one every other post path publishes.
for (const kind of ['postgres', 'embedded'] as DatabaseKindUnderTest[]) {
  describe(`a tweet's post and event in one statement (${kind})`, () => {
    let db: Awaited<ReturnType<typeof freshDatabaseOf>>;
    before(async () => {
      db = await freshDatabaseOf(kind);
      await new UserService(db.uow).insert(
        { actor: SYSTEM_ACTOR },
        { username: 'Roger Histand', password: 'correct horse battery', feedOnly: true },
      );
      await new UserService(db.uow).insert(
        { actor: SYSTEM_ACTOR },
        { username: 'Workspace Wendy', password: 'correct horse battery' },
      );
    });
    after(() => db.close());

    const lastEvent = async () =>
      (
        await sql<{ type: string; topics: string[]; actor_id: number | null; payload: Record<string, unknown> }>`
        SELECT type, topics, actor_id, payload FROM domain_events ORDER BY id DESC LIMIT 1`.execute(db.handle.db)
      ).rows[0];

    test('stores the event feedPostedEvent builds for the post', async () => {
      const feed = new FeedService(db.uow);
      for (const text of ['hello *world*', 'quotes " and \\\\ and ünïcödé 🎉']) {
        const post = await feed.postAsFeedOnlyUser('roger histand', text);
        assert.ok(post);
        assert.equal(post.author_username, 'Roger Histand');
        const expected = feedPostedEvent(post);
        const stored = await lastEvent();
        assert.equal(stored.type, expected.type);
        assert.deepEqual(stored.topics, expected.topics);
        assert.equal(stored.actor_id, expected.actorId);
        assert.deepEqual(stored.payload, expected.payload);
        const row = await db.handle.db
          .selectFrom('feed_posts')
          .select('feed_only')
          .where('id', '=', post.id)
          .executeTakeFirstOrThrow();
        assert.equal(row.feed_only, true, "the post is marked as a feed-only account's");
      }
    });

    test('an unknown, inactive or workspace user: nothing is written', async () => {
      const feed = new FeedService(db.uow);
      const count = async () =>
        Number(
          (
            await sql<{
              n: string;
            }>`SELECT (SELECT count(*) FROM feed_posts) + (SELECT count(*) FROM domain_events) AS n`.execute(
              db.handle.db,
            )
          ).rows[0].n,
        );
      const before = await count();
      assert.equal(await feed.postAsFeedOnlyUser('nobody', 'hi'), undefined);
      assert.equal(
        await feed.postAsFeedOnlyUser('workspace wendy', 'hi'),
        undefined,
        'the simulator never posts as a workspace user',
      );
      await sql`UPDATE users SET is_active = false WHERE username = 'Roger Histand'`.execute(db.handle.db);
      assert.equal(await feed.postAsFeedOnlyUser('roger histand', 'hi'), undefined);
      assert.equal(await count(), before);
    });
  });
}
