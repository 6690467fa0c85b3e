import { z } from 'zod';
import { PG_INT_MAX, zId, zIdParam, zInstant, zItems } from '../common/common.contract.ts';
import { CHAT_LIMITS } from './chat-values.ts';

// The chat routes' contract: team channels (/chat/teams/{id}), finding threads
// (/chat/findings/{id}), messages, reactions, read markers and search.

/** `team:<id>` or `finding:<id>`. */
export const ZChatChannel = z
  .string()
  .regex(/^(team|finding):[1-9]\d{0,9}$/, 'must be team:<id> or finding:<id>')
  .refine((v) => Number(v.split(':')[1]) <= PG_INT_MAX, 'the id must be at most 2147483647');

// ---- requests

export const ZChatHistoryQuery = z
  .object({
    before: zIdParam().optional(),
    after: z.coerce.number().int().min(0).max(PG_INT_MAX).optional(),
    limit: z.coerce.number().int().min(1).max(CHAT_LIMITS.pageMax).default(50),
  })
  .refine((q) => q.before === undefined || q.after === undefined, {
    message: 'give before or after, not both',
    path: ['before'],
  });
/** The anchor as a client sends it: before or after a message id, or the latest page. */
export type ChatHistoryQuery = Partial<z.output<typeof ZChatHistoryQuery>>;

export const ZPostChatMessageRequest = z.object({ body: z.string().min(1).max(CHAT_LIMITS.bodyMaxChars) });
export const ZChatMessageParams = z.object({ id: zIdParam() });
export const ZChatReactionParams = z.object({
  id: zIdParam(),
  emoji: z
    .string()
    .min(1)
    .max(32)
    .regex(/^[^\s<>&"']+$/, 'must be one emoji or a short name without spaces'),
});
export const ZMarkChatReadRequest = z.object({
  channel: ZChatChannel,
  messageId: z.number().int().min(0).max(PG_INT_MAX),
});
export const ZChatSearchQuery = z.object({ q: z.string().trim().min(1).max(200), channel: ZChatChannel.optional() });

// ---- responses

/** A chat message for the API and the socket events. */
export const ZChatMessage = z.object({
  id: zId(),
  channel: z.string(),
  teamId: zId().nullable(),
  findingId: zId().nullable(),
  author: z.object({ id: zId(), username: z.string() }).nullable(),
  body: z.string().describe("the markdown source ('' once deleted)"),
  html: z.string().describe('safe HTML rendering of the markdown (server-side; mentions highlighted)'),
  mentions: z.array(zId()),
  reactions: z.array(z.object({ emoji: z.string(), count: z.number().int(), userIds: z.array(zId()) })),
  createdAt: zInstant(),
  editedAt: zInstant().nullable(),
  deleted: z.boolean(),
});
export type ChatMessage = z.infer<typeof ZChatMessage>;
export const ZChatMessageList = zItems(ZChatMessage);

/** One page of a channel's history, oldest first, with what the caller may do there. */
export const ZChatPage = z.object({
  channel: z.string(),
  title: z.string(),
  canPost: z.boolean(),
  items: z.array(ZChatMessage),
});
export type ChatPage = z.infer<typeof ZChatPage>;

/** The caller's unread messages in one channel they follow. */
export const ZChatUnreadCount = z.object({
  channel: z.string(),
  title: z.string(),
  unread: z.number().int(),
  lastReadId: z.number().int(),
});
export type ChatUnreadCount = z.infer<typeof ZChatUnreadCount>;
export const ZChatUnreadList = zItems(ZChatUnreadCount);
