import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt } from './schema-columns.ts';

export interface FeedPostsTable {
  /** bigint identity, read as a number (ids stay far below 2^53). */
  id: ColumnType<number, never, never>;
  author_id: number | null;
  product_id: number | null;
  text: string;
  created_at: CreatedAt;
  /** The author was a feed-only account (migration 0015); cleared when the author is promoted. */
  feed_only: Generated<boolean>;
}
export interface FollowsTable {
  follower_id: number;
  followee_id: number;
  created_at: CreatedAt;
}
export interface ProductFollowsTable {
  user_id: number;
  product_id: number;
  created_at: CreatedAt;
}
export interface MinitwitStateTable {
  singleton: Generated<boolean>;
  latest: ColumnType<number, number | undefined, number>;
}

/** The feed (MiniTwit): posts, follows and the simulator's `latest` counter (migration 0003). */
export interface FeedTables {
  feed_posts: FeedPostsTable;
  follows: FollowsTable;
  product_follows: ProductFollowsTable;
  minitwit_state: MinitwitStateTable;
}
