import type { FeedPost, MinitwitMessage } from '@vigil/contract';
import type { FeedPostView } from '@vigil/db';
import { renderPostHtml } from './rendered-posts.ts';

/** A post as the API and pages show it; `html` is the safely rendered markdown of `text`. */
export function presentFeedPost(row: FeedPostView): FeedPost {
  return {
    id: row.id,
    text: row.text,
    html: renderPostHtml(row.text),
    author: row.author_id !== null ? { id: row.author_id, username: row.author_username ?? '' } : null,
    product: row.product_id !== null ? { id: row.product_id, name: row.product_name ?? '' } : null,
    createdAt: row.created_at.toISOString(),
  };
}

/** The feed pages' name for a presented post. */
export type FeedPostPresentation = FeedPost;

/** MiniTwit's message shape; pub_date is Unix seconds, as MiniTwit stores it. */
export function presentMinitwitMessage(row: FeedPostView): MinitwitMessage {
  return { content: row.text, pub_date: Math.floor(row.created_at.getTime() / 1000), user: row.author_username ?? '' };
}
