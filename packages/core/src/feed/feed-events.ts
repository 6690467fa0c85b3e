import type { FeedPostView } from '@vigil/db';
import { topic, type DomainEventInputOf } from '../events/domain-events.ts';

/**
 * A new post, for the live timelines: a person's post goes to the `public` room (every signed-in
 * connection; the public timeline is readable by all) and the author's room; an automatic post
 * about a product only to the product's readers.
 */
export function feedPostedEvent(post: FeedPostView): DomainEventInputOf<'feed.posted'> {
  return {
    type: 'feed.posted',
    topics: post.author_id !== null ? [topic.public(), topic.user(post.author_id)] : [topic.product(post.product_id!)],
    actorId: post.author_id,
    payload: {
      postId: post.id,
      text: post.text,
      authorId: post.author_id,
      authorUsername: post.author_username,
      productId: post.product_id,
      productName: post.product_name,
      createdAt: post.created_at.toISOString(),
    },
  };
}
