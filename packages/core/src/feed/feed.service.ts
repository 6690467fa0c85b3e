import type { FeedPostView, Page, UnitOfWork, UserRow } from '@vigil/db';
import { AppError, notFound } from '../errors/app-error.ts';
import { publish } from '../events/domain-events.ts';
import { feedPostedEvent } from './feed-events.ts';
import { ProductPolicy } from '../product/product.policy.ts';
import { paged } from '../pagination/page.ts';
import type { RequestContext } from '../context/request-context.ts';
import type { FeedFollowing, TimelineQuery } from '@vigil/contract';
import { MAX_POST_LENGTH, MAX_TIMELINE_PAGE } from '@vigil/contract/values';
import { AuthorPolicy } from '../access/author.policy.ts';

/**
 * The team feed: people post short markdown messages, follow people and products, and read the
 * public, personal and per-user timelines. Automatic posts about products come from other services
 * through postSystemMessage.
 */
export class FeedService {
  private readonly products: ProductPolicy;

  constructor(private readonly uow: UnitOfWork) {
    this.products = new ProductPolicy(uow.repos);
  }

  async post(ctx: RequestContext, text: string): Promise<FeedPostView> {
    return this.postAs(ctx.actor.userId, checkText(text));
  }

  /** Posts for an already resolved user. */
  async postAs(authorId: number, text: string): Promise<FeedPostView> {
    return this.uow.transaction(async (repos) => {
      const post = await repos.feed.insertPost({ authorId, text: checkText(text) });
      await publish(repos, feedPostedEvent(post));
      return post;
    });
  }

  /**
   * Posts as the active feed-only account with this name; undefined when there is none, a
   * workspace user included (nothing is written). The post and its event are one statement
   * (FeedRepository.insertFeedOnlyPostAnnounced): this is the simulator's hottest write.
   */
  async postAsFeedOnlyUser(username: string, text: string): Promise<FeedPostView | undefined> {
    return this.uow.repos.feed.insertFeedOnlyPostAnnounced(username.toLowerCase(), checkText(text));
  }

  /** An automatic post about a product ("imported 42 findings into Web shop"); long text is cut. */
  async postSystemMessage(productId: number, text: string): Promise<FeedPostView> {
    const trimmed = text.trim();
    const cut = trimmed.length > MAX_POST_LENGTH ? `${trimmed.slice(0, MAX_POST_LENGTH - 1)}…` : trimmed;
    if (!cut)
      throw new AppError('VALIDATION_FAILED', 'An automatic post needs text', [{ path: 'text', message: 'empty' }]);
    return this.uow.transaction(async (repos) => {
      const post = await repos.feed.insertPost({ productId, text: cut });
      await publish(repos, feedPostedEvent(post));
      return post;
    });
  }

  /** Authors delete their own posts; administrators may delete any post. */
  async delete(ctx: RequestContext, postId: number): Promise<void> {
    const post = await this.uow.repos.feed.findPost(postId);
    if (!post) throw notFound('Post', postId);
    new AuthorPolicy('feed_post').authorize(ctx.actor, 'delete', post);
    await this.uow.repos.feed.deletePost(postId);
  }

  publicTimeline(q: TimelineQuery): Promise<Page<FeedPostView>> {
    return paged(() => this.uow.repos.feed.publicTimeline(bounded(q)));
  }

  /** Feed-only accounts' posts only: what visitors who are not signed in and the simulator see. */
  feedOnlyPublicTimeline(q: TimelineQuery): Promise<Page<FeedPostView>> {
    return paged(() => this.uow.repos.feed.feedOnlyPublicTimeline(bounded(q)));
  }

  /** A user's timeline for a visitor who is not signed in: feed-only accounts only (404 otherwise). */
  async anonymousUserTimeline(
    username: string,
    q: TimelineQuery,
  ): Promise<{ user: UserRow; page: Page<FeedPostView> }> {
    const user = await this.requireUser(username);
    if (!user.feed_only) throw notFound('User', username, `User "${username}" was not found`);
    return { user, page: await paged(() => this.uow.repos.feed.userTimeline(user.id, bounded(q))) };
  }

  personalTimeline(ctx: RequestContext, q: TimelineQuery): Promise<Page<FeedPostView>> {
    return paged(() => this.uow.repos.feed.personalTimeline(ctx.actor.userId, bounded(q)));
  }

  async userTimeline(username: string, q: TimelineQuery): Promise<{ user: UserRow; page: Page<FeedPostView> }> {
    const user = await this.requireUser(username);
    return { user, page: await paged(() => this.uow.repos.feed.userTimeline(user.id, bounded(q))) };
  }

  async productTimeline(ctx: RequestContext, productId: number, q: TimelineQuery): Promise<Page<FeedPostView>> {
    await this.products.authorize(ctx.actor, 'read', { id: productId });
    return paged(() => this.uow.repos.feed.productTimeline(productId, bounded(q)));
  }

  async followUser(ctx: RequestContext, username: string): Promise<UserRow> {
    const user = await this.requireUser(username);
    if (user.id === ctx.actor.userId)
      throw new AppError('VALIDATION_FAILED', 'You cannot follow yourself', [{ path: 'username', message: 'is you' }]);
    await this.uow.repos.feed.follow(ctx.actor.userId, user.id);
    return user;
  }

  async unfollowUser(ctx: RequestContext, username: string): Promise<UserRow> {
    const user = await this.requireUser(username);
    await this.uow.repos.feed.unfollow(ctx.actor.userId, user.id);
    return user;
  }

  async isFollowing(ctx: RequestContext, userId: number): Promise<boolean> {
    return this.uow.repos.feed.isFollowing(ctx.actor.userId, userId);
  }

  /** Following a product needs read access to it (its automatic posts name its findings). */
  async followProduct(ctx: RequestContext, productId: number): Promise<void> {
    await this.products.authorize(ctx.actor, 'read', { id: productId });
    await this.uow.repos.feed.followProduct(ctx.actor.userId, productId);
  }

  async unfollowProduct(ctx: RequestContext, productId: number): Promise<void> {
    await this.uow.repos.feed.unfollowProduct(ctx.actor.userId, productId);
  }

  async following(ctx: RequestContext): Promise<FeedFollowing> {
    const [users, products] = await Promise.all([
      this.uow.repos.feed.followeeNames(ctx.actor.userId, 1000),
      this.uow.repos.feed.followedProducts(ctx.actor.userId, 1000),
    ]);
    return { users, products };
  }

  private async requireUser(username: string): Promise<UserRow> {
    const user = await this.uow.repos.users.findByUsername(username);
    if (!user?.is_active) throw notFound('User', username, `User "${username}" was not found`);
    return user;
  }
}

function checkText(text: string): string {
  if (text.trim().length === 0)
    throw new AppError('VALIDATION_FAILED', 'A post needs some text', [{ path: 'text', message: 'empty' }]);
  if (text.length > MAX_POST_LENGTH) {
    throw new AppError('VALIDATION_FAILED', `A post has at most ${MAX_POST_LENGTH} characters`, [
      { path: 'text', message: `longer than ${MAX_POST_LENGTH}` },
    ]);
  }
  return text;
}

function bounded(q: TimelineQuery): TimelineQuery {
  return { limit: Math.min(Math.max(1, Math.floor(q.limit)), MAX_TIMELINE_PAGE), cursor: q.cursor };
}
