import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from './schema.ts';
import { decodeCursor, toPage, type Page } from './keyset.ts';

/** A post with the names the timelines show: its author (a person) or its product (automatic posts). */
export interface FeedPostView {
  id: number;
  text: string;
  created_at: Date;
  author_id: number | null;
  author_username: string | null;
  product_id: number | null;
  product_name: string | null;
}

export interface TimelineQuery {
  limit: number;
  cursor?: string;
}

const CURSOR_KEY = 'feed';

/**
 * Posts, follows and the simulator's `latest` counter. Every timeline is a keyset page on id desc
 * (limit + 1 rows fetched to know whether a next page exists), served by an index. The public, user
 * and personal pages are PL/pgSQL functions (migration 0013) so their plans are made once per
 * connection; planning cost several times the execution of these index walks (docs/benchmarks.md).
 */
export class FeedRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insertPost(
    post: { authorId: number; text: string } | { productId: number; text: string },
  ): Promise<FeedPostView> {
    const r = await sql<FeedPostView>`
      WITH p AS (
        INSERT INTO feed_posts (author_id, product_id, text, feed_only)
        VALUES (${'authorId' in post ? post.authorId : null}, ${'productId' in post ? post.productId : null},
          ${post.text},
                coalesce((SELECT feed_only FROM users WHERE id = ${'authorId' in post ? post.authorId : null}), false))
        RETURNING id, text, created_at, author_id, product_id
      )
      SELECT p.id, p.text, p.created_at, p.author_id, u.username AS author_username, p.product_id,
        pr.name AS product_name
      FROM p LEFT JOIN users u ON u.id = p.author_id LEFT JOIN products pr ON pr.id = p.product_id`.execute(this.db);
    return r.rows[0];
  }

  /**
   * A post as the active feed-only account with this name (undefined, and nothing written, when
   * there is none: the simulator never posts as a workspace user)
   * and its `feed.posted` event, in one autocommit statement: one round trip
   * instead of four (BEGIN, post, event, COMMIT), and the event log's lock (class 7400, see
   * DomainEventRepository.append) is held only from the event's insert to the commit inside the
   * server, never across a client round trip. The event is the one feedPostedEvent builds
   * (test/feed/minitwit-post-event.test.ts compares them); the simulator's tweets take this path.
   * Must run outside a transaction (the caller's connection must be in autocommit).
   */
  async insertFeedOnlyPostAnnounced(usernameLower: string, text: string): Promise<FeedPostView | undefined> {
    const r = await sql<FeedPostView>`
      WITH a AS (SELECT id, username FROM users WHERE lower(username) = ${usernameLower} AND is_active AND feed_only),
      p AS (INSERT INTO feed_posts (author_id, text, feed_only) SELECT a.id, ${text}, true FROM a
        RETURNING id, text, created_at, author_id),
      e AS (
        INSERT INTO domain_events (type, topics, actor_id, payload)
        SELECT 'feed.posted', ARRAY['public', 'user:' || p.author_id], p.author_id,
               jsonb_build_object('postId', p.id, 'text', p.text, 'authorId', p.author_id, 'authorUsername', a.username,
                                  'productId', NULL, 'productName', NULL,
                                  'createdAt', to_char(p.created_at AT TIME ZONE 'UTC',
                                    'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
        FROM (SELECT pg_advisory_xact_lock(7400, 0)) AS lock
        CROSS JOIN LATERAL (SELECT * FROM p) AS p JOIN a ON a.id = p.author_id
        RETURNING id)
      SELECT p.id, p.text, p.created_at, p.author_id, a.username AS author_username, NULL::int AS product_id,
        NULL::text AS product_name
      FROM p JOIN a ON a.id = p.author_id`.execute(this.db);
    return r.rows[0];
  }

  /** Ids of the active feed-only accounts with these names (lower-cased by the caller), keyed by lower-cased name. */
  async activeFeedOnlyUserIds(usernamesLower: string[]): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('users')
      .select(['id', sql<string>`lower(username)`.as('name')])
      .where(sql`lower(username)`, 'in', usernamesLower)
      .where('is_active', '=', true)
      .where('feed_only', '=', true)
      .execute();
    return new Map(rows.map((r) => [r.name, r.id]));
  }

  async findPost(id: number): Promise<{ id: number; author_id: number | null; product_id: number | null } | undefined> {
    return this.db
      .selectFrom('feed_posts')
      .select(['id', 'author_id', 'product_id'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async deletePost(id: number): Promise<boolean> {
    const r = await this.db.deleteFrom('feed_posts').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** Everyone's posts (people only; automatic product posts reach followers of the product). */
  publicTimeline(q: TimelineQuery): Promise<Page<FeedPostView>> {
    return this.page(
      q,
      (before, n) => sql<FeedPostView>`
      SELECT id, text, created_at, author_id, author_username, NULL::int AS product_id, NULL::text AS product_name
      FROM feed_public_page(${before ?? null}::bigint, ${n}::int)`,
    );
  }

  /**
   * Feed-only accounts' posts only (the MiniTwit /msgs list, and /feed/public for visitors who are
   * not signed in): feed_feed_only_public_page walks the partial index feed_posts_feed_only
   * (migration 0015), so workspace posts are never read, however many there are.
   */
  feedOnlyPublicTimeline(q: TimelineQuery): Promise<Page<FeedPostView>> {
    return this.page(
      q,
      (before, n) => sql<FeedPostView>`
      SELECT id, text, created_at, author_id, author_username, NULL::int AS product_id, NULL::text AS product_name
      FROM feed_feed_only_public_page(${before ?? null}::bigint, ${n}::int)`,
    );
  }

  /** A promoted account's posts become workspace posts (they leave the feed-only lists). */
  async markAuthorPostsWorkspace(authorId: number): Promise<void> {
    await this.db
      .updateTable('feed_posts')
      .set({ feed_only: false })
      .where('author_id', '=', authorId)
      .where('feed_only', '=', true)
      .execute();
  }

  userTimeline(authorId: number, q: TimelineQuery): Promise<Page<FeedPostView>> {
    return this.page(
      q,
      (before, n) => sql<FeedPostView>`
      SELECT id, text, created_at, author_id, author_username, NULL::int AS product_id, NULL::text AS product_name
      FROM feed_user_page(${authorId}::int, ${before ?? null}::bigint, ${n}::int)`,
    );
  }

  productTimeline(productId: number, q: TimelineQuery): Promise<Page<FeedPostView>> {
    return this.page(
      q,
      (before, n) => sql<FeedPostView>`
      SELECT p.id, p.text, p.created_at, p.author_id, NULL::text AS author_username, p.product_id,
        pr.name AS product_name
      FROM feed_posts p JOIN products pr ON pr.id = p.product_id
      WHERE p.product_id = ${productId} ${before ? sql`AND p.id < ${before}` : sql``}
      ORDER BY p.id DESC LIMIT ${n}`,
    );
  }

  /**
   * Me + the people I follow + the products I follow, in one statement (feed_personal_page,
   * migration 0013): the newest n ids of each source come from its (author_id|product_id, id desc)
   * index alone and are merged, then only the n posts kept are read, so the cost is bounded by the
   * number of sources × n index entries, never by the size of the table.
   */
  personalTimeline(userId: number, q: TimelineQuery): Promise<Page<FeedPostView>> {
    return this.page(
      q,
      (before, n) => sql<FeedPostView>`
      SELECT id, text, created_at, author_id, author_username, product_id, product_name
      FROM feed_personal_page(${userId}::int, ${before ?? null}::bigint, ${n}::int)`,
    );
  }

  /** Inserts the follow; false when it already existed. */
  async follow(followerId: number, followeeId: number): Promise<boolean> {
    const r = await this.db
      .insertInto('follows')
      .values({ follower_id: followerId, followee_id: followeeId })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(r?.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async unfollow(followerId: number, followeeId: number): Promise<boolean> {
    const r = await this.db
      .deleteFrom('follows')
      .where('follower_id', '=', followerId)
      .where('followee_id', '=', followeeId)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async isFollowing(followerId: number, followeeId: number): Promise<boolean> {
    const r = await this.db
      .selectFrom('follows')
      .select('followee_id')
      .where('follower_id', '=', followerId)
      .where('followee_id', '=', followeeId)
      .executeTakeFirst();
    return !!r;
  }

  /** Whom the user follows, by name, oldest follow first (MiniTwit's order), at most `limit`. */
  async followeeNames(followerId: number, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('follows as f')
      .innerJoin('users as u', 'u.id', 'f.followee_id')
      .select('u.username')
      .where('f.follower_id', '=', followerId)
      .orderBy('f.created_at')
      .orderBy('f.followee_id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.username);
  }

  async followProduct(userId: number, productId: number): Promise<void> {
    await this.db
      .insertInto('product_follows')
      .values({ user_id: userId, product_id: productId })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  async unfollowProduct(userId: number, productId: number): Promise<void> {
    await this.db
      .deleteFrom('product_follows')
      .where('user_id', '=', userId)
      .where('product_id', '=', productId)
      .execute();
  }

  async followedProducts(userId: number, limit: number): Promise<{ id: number; name: string }[]> {
    return this.db
      .selectFrom('product_follows as f')
      .innerJoin('products as p', 'p.id', 'f.product_id')
      .select(['p.id', 'p.name'])
      .where('f.user_id', '=', userId)
      .orderBy('p.name')
      .limit(limit)
      .execute();
  }

  async latest(): Promise<number> {
    const r = await this.db.selectFrom('minitwit_state').select('latest').executeTakeFirst();
    return r ? Number(r.latest) : -1;
  }

  async setLatest(value: number): Promise<void> {
    await this.db.updateTable('minitwit_state').set({ latest: value }).execute();
  }

  private async page(
    q: TimelineQuery,
    query: (beforeId: number | undefined, fetch: number) => RawBuilder<FeedPostView>,
  ): Promise<Page<FeedPostView>> {
    const before = q.cursor ? decodeCursor(CURSOR_KEY, q.cursor).id : undefined;
    const r = await query(before, q.limit + 1).execute(this.db);
    const rows = r.rows.map((row) => ({ ...row, id: Number(row.id) }));
    return toPage(rows, q.limit, CURSOR_KEY, (row) => row.id);
  }
}
