import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { parseChannel, presentChatMessage, type ChannelRef } from '@vigil/core';
import {
  ZChatHistoryQuery,
  ZChatMessage,
  ZChatMessageList,
  ZChatMessageParams,
  ZChatPage,
  ZChatReactionParams,
  ZChatSearchQuery,
  ZChatUnreadCount,
  ZChatUnreadList,
  ZIdParams,
  ZMarkChatReadRequest,
  ZNoContent,
  ZPostChatMessageRequest,
} from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';

const anchorOf = (q: { before?: number; after?: number }) =>
  q.before !== undefined
    ? { before: q.before }
    : q.after !== undefined
      ? { after: q.after }
      : { latest: true as const };

/** Team channels (/chat/teams/:id), finding threads (/chat/findings/:id), messages, reads, search. */
export function chatRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['chat'];
  for (const kind of ['team', 'finding'] as const) {
    const path = `/api/v1/chat/${kind}s/:id/messages`;
    r.get(
      path,
      { schema: { tags, params: ZIdParams, querystring: ZChatHistoryQuery, response: { 200: ZChatPage } } },
      async (req) => {
        const ref: ChannelRef = { kind, id: req.params.id };
        const { scope, messages } = await s.chat.history(ctx(req), ref, anchorOf(req.query), req.query.limit);
        return {
          channel: scope.name,
          title: scope.title,
          canPost: scope.canPost,
          items: messages.map(presentChatMessage),
        };
      },
    );
    r.post(
      path,
      { schema: { tags, params: ZIdParams, body: ZPostChatMessageRequest, response: { 201: ZChatMessage } } },
      async (req, reply) =>
        reply
          .status(201)
          .send(presentChatMessage(await s.chat.post(ctx(req), { kind, id: req.params.id }, req.body.body))),
    );
  }
  r.patch(
    '/api/v1/chat/messages/:id',
    { schema: { tags, params: ZChatMessageParams, body: ZPostChatMessageRequest, response: { 200: ZChatMessage } } },
    async (req) => presentChatMessage(await s.chat.edit(ctx(req), req.params.id, req.body.body)),
  );
  r.delete(
    '/api/v1/chat/messages/:id',
    { schema: { tags, params: ZChatMessageParams, response: { 204: ZNoContent } } },
    async (req, reply) => {
      await s.chat.delete(ctx(req), req.params.id);
      return reply.status(204).send();
    },
  );
  const reaction = { tags, params: ZChatReactionParams, response: { 200: ZChatMessage } };
  r.put('/api/v1/chat/messages/:id/reactions/:emoji', { schema: reaction }, async (req) =>
    presentChatMessage(await s.chat.react(ctx(req), req.params.id, req.params.emoji, true)),
  );
  r.delete('/api/v1/chat/messages/:id/reactions/:emoji', { schema: reaction }, async (req) =>
    presentChatMessage(await s.chat.react(ctx(req), req.params.id, req.params.emoji, false)),
  );
  r.get('/api/v1/chat/unread', { schema: { tags, response: { 200: ZChatUnreadList } } }, async (req) => ({
    items: await s.chat.unread(ctx(req)),
  }));
  r.post(
    '/api/v1/chat/read',
    { schema: { tags, body: ZMarkChatReadRequest, response: { 200: ZChatUnreadCount } } },
    async (req) => s.chat.markRead(ctx(req), parseChannel(req.body.channel), req.body.messageId),
  );
  r.get(
    '/api/v1/chat/search',
    { schema: { tags, querystring: ZChatSearchQuery, response: { 200: ZChatMessageList } } },
    async (req) => ({
      items: (
        await s.chat.search(ctx(req), req.query.q, req.query.channel ? parseChannel(req.query.channel) : undefined)
      ).map(presentChatMessage),
    }),
  );
}
