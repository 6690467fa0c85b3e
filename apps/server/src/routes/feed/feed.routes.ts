import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MAX_POST_LENGTH, MAX_TIMELINE_PAGE, presentFeedPost } from '@vigil/core';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import { ZIdParams, pageOf } from '../common.schemas.ts';
import { sendCachedJson } from '../../cache/cached-json.ts';

export const ZTimelineQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_TIMELINE_PAGE).default(30),
  cursor: z.string().max(500).optional(),
});
export const ZCreatePostRequest = z.object({ text: z.string().max(MAX_POST_LENGTH) });
export const ZUsernameParams = z.object({ username: z.string().min(1).max(150) });

/** The team feed: timelines, posts, follows. Any signed-in user may use it. */
export function feedRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['feed'];
  // Timelines are served from the response cache while no post, follow, user or role changes.
  const topics = ['feed', 'access'] as const;
  r.get('/api/v1/feed/public', { schema: { tags, querystring: ZTimelineQuery } }, async (req, reply) => {
    ctx(req);
    return sendCachedJson(req, reply, topics, async () =>
      pageOf(await s.feed.publicTimeline(req.query), presentFeedPost),
    );
  });
  r.get('/api/v1/feed/timeline', { schema: { tags, querystring: ZTimelineQuery } }, async (req, reply) =>
    sendCachedJson(req, reply, topics, async () =>
      pageOf(await s.feed.personalTimeline(ctx(req), req.query), presentFeedPost),
    ),
  );
  r.get(
    '/api/v1/feed/users/:username',
    { schema: { tags, params: ZUsernameParams, querystring: ZTimelineQuery } },
    async (req, reply) => {
      ctx(req);
      return sendCachedJson(req, reply, topics, async () =>
        pageOf((await s.feed.userTimeline(req.params.username, req.query)).page, presentFeedPost),
      );
    },
  );
  r.get(
    '/api/v1/feed/products/:id',
    { schema: { tags, params: ZIdParams, querystring: ZTimelineQuery } },
    async (req, reply) =>
      sendCachedJson(req, reply, topics, async () =>
        pageOf(await s.feed.productTimeline(ctx(req), req.params.id, req.query), presentFeedPost),
      ),
  );
  r.post('/api/v1/feed/posts', { schema: { tags, body: ZCreatePostRequest } }, async (req, reply) =>
    reply.status(201).send(presentFeedPost(await s.feed.post(ctx(req), req.body.text))),
  );
  r.delete('/api/v1/feed/posts/:id', { schema: { tags, params: ZIdParams } }, async (req, reply) => {
    await s.feed.delete(ctx(req), req.params.id);
    return reply.status(204).send();
  });
  r.get('/api/v1/feed/following', { schema: { tags } }, async (req) => s.feed.following(ctx(req)));
  r.put('/api/v1/feed/following/users/:username', { schema: { tags, params: ZUsernameParams } }, async (req, reply) => {
    await s.feed.followUser(ctx(req), req.params.username);
    return reply.status(204).send();
  });
  r.delete(
    '/api/v1/feed/following/users/:username',
    { schema: { tags, params: ZUsernameParams } },
    async (req, reply) => {
      await s.feed.unfollowUser(ctx(req), req.params.username);
      return reply.status(204).send();
    },
  );
  r.put('/api/v1/feed/following/products/:id', { schema: { tags, params: ZIdParams } }, async (req, reply) => {
    await s.feed.followProduct(ctx(req), req.params.id);
    return reply.status(204).send();
  });
  r.delete('/api/v1/feed/following/products/:id', { schema: { tags, params: ZIdParams } }, async (req, reply) => {
    await s.feed.unfollowProduct(ctx(req), req.params.id);
    return reply.status(204).send();
  });
}
