import { z } from 'zod';
import { zId, zInstant, zPage } from '../common/common.contract.ts';
import { DEFAULT_TIMELINE_PAGE, MAX_POST_LENGTH, MAX_TIMELINE_PAGE } from './feed-values.ts';

// The team feed's JSON API (/api/v1/feed/…, docs/feed.md): timelines, posts, follows. Any
// signed-in user may use it.

export const ZTimelineQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_TIMELINE_PAGE).default(DEFAULT_TIMELINE_PAGE),
  cursor: z.string().max(500).optional(),
});
/** A timeline page as the server reads it (after query-string parsing). */
export type TimelineQuery = z.output<typeof ZTimelineQuery>;
export const ZCreatePostRequest = z.object({ text: z.string().max(MAX_POST_LENGTH) });
export type CreatePostRequest = z.input<typeof ZCreatePostRequest>;
export const ZUsernameParams = z.object({ username: z.string().min(1).max(150) });

/** A post as the API and the feed pages show it; `html` is the safely rendered markdown of `text`. */
export const ZFeedPost = z.object({
  id: zId(),
  text: z.string(),
  html: z.string(),
  author: z.object({ id: zId(), username: z.string() }).nullable().describe('null: an automatic post'),
  product: z.object({ id: zId(), name: z.string() }).nullable().describe('the product an automatic post is about'),
  createdAt: zInstant(),
});
export type FeedPost = z.infer<typeof ZFeedPost>;
export const ZFeedPostPage = zPage(ZFeedPost);

/** Whom and what the caller follows. */
export const ZFeedFollowing = z.object({
  users: z.array(z.string()).describe('usernames'),
  products: z.array(z.object({ id: zId(), name: z.string() })),
});
export type FeedFollowing = z.infer<typeof ZFeedFollowing>;
