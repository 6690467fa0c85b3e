import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { parseChannel, presentChatMessage, type ChannelRef } from '@vigil/core';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import { ZIdParams } from '../common.schemas.ts';
import {
  ZChatHistoryQuery,
  ZChatSearchQuery,
  ZMarkReadRequest,
  ZMessageParams,
  ZPostChatMessageRequest,
  ZReactionParams,
} from './chat.schemas.ts';

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
    r.get(path, { schema: { tags, params: ZIdParams, querystring: ZChatHistoryQuery } }, async (req) => {
      const ref: ChannelRef = { kind, id: req.params.id };
      const { scope, messages } = await s.chat.history(ctx(req), ref, anchorOf(req.query), req.query.limit);
      return {
        channel: scope.name,
        title: scope.title,
        canPost: scope.canPost,
        items: messages.map(presentChatMessage),
      };
    });
    r.post(path, { schema: { tags, params: ZIdParams, body: ZPostChatMessageRequest } }, async (req, reply) =>
      reply
        .status(201)
        .send(presentChatMessage(await s.chat.post(ctx(req), { kind, id: req.params.id }, req.body.body))),
    );
  }
  r.patch(
    '/api/v1/chat/messages/:id',
    { schema: { tags, params: ZMessageParams, body: ZPostChatMessageRequest } },
    async (req) => presentChatMessage(await s.chat.edit(ctx(req), req.params.id, req.body.body)),
  );
  r.delete('/api/v1/chat/messages/:id', { schema: { tags, params: ZMessageParams } }, async (req, reply) => {
    await s.chat.delete(ctx(req), req.params.id);
    return reply.status(204).send();
  });
  r.put('/api/v1/chat/messages/:id/reactions/:emoji', { schema: { tags, params: ZReactionParams } }, async (req) =>
    presentChatMessage(await s.chat.react(ctx(req), req.params.id, req.params.emoji, true)),
  );
  r.delete('/api/v1/chat/messages/:id/reactions/:emoji', { schema: { tags, params: ZReactionParams } }, async (req) =>
    presentChatMessage(await s.chat.react(ctx(req), req.params.id, req.params.emoji, false)),
  );
  r.get('/api/v1/chat/unread', { schema: { tags } }, async (req) => ({ items: await s.chat.unread(ctx(req)) }));
  r.post('/api/v1/chat/read', { schema: { tags, body: ZMarkReadRequest } }, async (req) =>
    s.chat.markRead(ctx(req), parseChannel(req.body.channel), req.body.messageId),
  );
  r.get('/api/v1/chat/search', { schema: { tags, querystring: ZChatSearchQuery } }, async (req) => ({
    items: (
      await s.chat.search(ctx(req), req.query.q, req.query.channel ? parseChannel(req.query.channel) : undefined)
    ).map(presentChatMessage),
  }));
}
