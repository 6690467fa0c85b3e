import { z } from 'zod';
import { CHAT_LIMITS } from '@vigil/core';

export const ZChannel = z.string().regex(/^(team|finding):[1-9]\d{0,9}$/, 'must be team:<id> or finding:<id>');
export const ZChatHistoryQuery = z
  .object({
    before: z.coerce.number().int().positive().optional(),
    after: z.coerce.number().int().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(CHAT_LIMITS.pageMax).default(50),
  })
  .refine((q) => q.before === undefined || q.after === undefined, { message: 'give before or after, not both', path: ['before'] });
export const ZPostChatMessageRequest = z.object({ body: z.string().min(1).max(CHAT_LIMITS.bodyMaxChars) });
export const ZMessageParams = z.object({ id: z.coerce.number().int().positive() });
export const ZReactionParams = z.object({ id: z.coerce.number().int().positive(), emoji: z.string().min(1).max(32).regex(/^[^\s<>&"']+$/, 'must be one emoji or a short name without spaces') });
export const ZMarkReadRequest = z.object({ channel: ZChannel, messageId: z.number().int().min(0) });
export const ZChatSearchQuery = z.object({ q: z.string().trim().min(1).max(200), channel: ZChannel.optional() });
