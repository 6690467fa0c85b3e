import { z } from 'zod';
import { CHAT_LIMITS } from '@vigil/core';
import { PG_INT_MAX, zIdParam } from '../id.schemas.ts';

export const ZChannel = z
  .string()
  .regex(/^(team|finding):[1-9]\d{0,9}$/, 'must be team:<id> or finding:<id>')
  .refine((v) => Number(v.split(':')[1]) <= PG_INT_MAX, 'the id must be at most 2147483647');
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
export const ZPostChatMessageRequest = z.object({ body: z.string().min(1).max(CHAT_LIMITS.bodyMaxChars) });
export const ZMessageParams = z.object({ id: zIdParam() });
export const ZReactionParams = z.object({
  id: zIdParam(),
  emoji: z
    .string()
    .min(1)
    .max(32)
    .regex(/^[^\s<>&"']+$/, 'must be one emoji or a short name without spaces'),
});
export const ZMarkReadRequest = z.object({ channel: ZChannel, messageId: z.number().int().min(0).max(PG_INT_MAX) });
export const ZChatSearchQuery = z.object({ q: z.string().trim().min(1).max(200), channel: ZChannel.optional() });
