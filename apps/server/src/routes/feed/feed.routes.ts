import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentFeedPost } from '@vigil/core';
import {
  ZCreatePostRequest,
  ZFeedFollowing,
  ZFeedPost,
  ZFeedPostPage,
  ZIdParams,
  ZNoContent,
  ZTimelineQuery,
  ZUsernameParams,
} from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import { pageOf } from '../common.schemas.ts';
import { sendCachedJson } from '../../cache/cached-json.ts';

/** The team feed: timelines, posts, follows. Any signed-in user may use it. */
export function feedRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['feed'];
  // Timelines are served from the response cache while no post, follow, user or role changes. The
  // cached bytes bypass the serializer: the schema documents them, presentFeedPost's type checks them.
  const topics = ['feed', 'access'] as const;
  const timeline = { 200: ZFeedPostPage };
  const noContent = { 204: ZNoContent };
  r.get(
    '/api/v1/feed/public',
    { schema: { tags, querystring: ZTimelineQuery, response: timeline } },
    async (req, reply) => {
      ctx(req);
      return sendCachedJson(req, reply, topics, async () =>
        pageOf(await s.feed.publicTimeline(req.query), presentFeedPost),
      );
    },
  );
  r.get(
    '/api/v1/feed/timeline',
    { schema: { tags, querystring: ZTimelineQuery, response: timeline } },
    async (req, reply) =>
      sendCachedJson(req, reply, topics, async () =>
        pageOf(await s.feed.personalTimeline(ctx(req), req.query), presentFeedPost),
      ),
  );
  r.get(
    '/api/v1/feed/users/:username',
    { schema: { tags, params: ZUsernameParams, querystring: ZTimelineQuery, response: timeline } },
    async (req, reply) => {
      ctx(req);
      return sendCachedJson(req, reply, topics, async () =>
        pageOf((await s.feed.userTimeline(req.params.username, req.query)).page, presentFeedPost),
      );
    },
  );
  r.get(
    '/api/v1/feed/products/:id',
    { schema: { tags, params: ZIdParams, querystring: ZTimelineQuery, response: timeline } },
    async (req, reply) =>
      sendCachedJson(req, reply, topics, async () =>
        pageOf(await s.feed.productTimeline(ctx(req), req.params.id, req.query), presentFeedPost),
      ),
  );
  r.post(
    '/api/v1/feed/posts',
    { schema: { tags, body: ZCreatePostRequest, response: { 201: ZFeedPost } } },
    async (req, reply) => reply.status(201).send(presentFeedPost(await s.feed.post(ctx(req), req.body.text))),
  );
  r.delete(
    '/api/v1/feed/posts/:id',
    { schema: { tags, params: ZIdParams, response: noContent } },
    async (req, reply) => {
      await s.feed.delete(ctx(req), req.params.id);
      return reply.status(204).send();
    },
  );
  r.get('/api/v1/feed/following', { schema: { tags, response: { 200: ZFeedFollowing } } }, async (req) =>
    s.feed.following(ctx(req)),
  );
  r.put(
    '/api/v1/feed/following/users/:username',
    { schema: { tags, params: ZUsernameParams, response: noContent } },
    async (req, reply) => {
      await s.feed.followUser(ctx(req), req.params.username);
      return reply.status(204).send();
    },
  );
  r.delete(
    '/api/v1/feed/following/users/:username',
    { schema: { tags, params: ZUsernameParams, response: noContent } },
    async (req, reply) => {
      await s.feed.unfollowUser(ctx(req), req.params.username);
      return reply.status(204).send();
    },
  );
  r.put(
    '/api/v1/feed/following/products/:id',
    { schema: { tags, params: ZIdParams, response: noContent } },
    async (req, reply) => {
      await s.feed.followProduct(ctx(req), req.params.id);
      return reply.status(204).send();
    },
  );
  r.delete(
    '/api/v1/feed/following/products/:id',
    { schema: { tags, params: ZIdParams, response: noContent } },
    async (req, reply) => {
      await s.feed.unfollowProduct(ctx(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
