import type { FeedPostView } from '@vigil/db';
import { renderPostHtml } from './rendered-posts.ts';

/** A post as the API and pages show it; `html` is the safely rendered markdown of `text`. */
export function presentFeedPost(row: FeedPostView) {
  return {
    id: row.id,
    text: row.text,
    html: renderPostHtml(row.text),
    author: row.author_id !== null ? { id: row.author_id, username: row.author_username ?? '' } : null,
    product: row.product_id !== null ? { id: row.product_id, name: row.product_name ?? '' } : null,
    createdAt: row.created_at.toISOString(),
  };
}

export type FeedPostPresentation = ReturnType<typeof presentFeedPost>;

/** MiniTwit's message shape; pub_date is Unix seconds, as MiniTwit stores it. */
export function presentMinitwitMessage(row: FeedPostView) {
  return { content: row.text, pub_date: Math.floor(row.created_at.getTime() / 1000), user: row.author_username ?? '' };
}
