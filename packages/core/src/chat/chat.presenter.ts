import type { ChatMessage } from '@vigil/contract';
import type { ChatMessageView } from '@vigil/db';
import { renderPostMarkdown } from '../feed/markdown.ts';
import { highlightMentions } from './mentions.ts';

/**
 * A chat message for the API and the socket events. `html` is the safe rendering of the markdown
 * (feed/markdown.ts escapes first), with mentions of real users highlighted.
 */
export function presentChatMessage(m: ChatMessageView): ChatMessage {
  const deleted = m.deleted_at !== null;
  return {
    id: m.id,
    channel: m.channel,
    teamId: m.team_id,
    findingId: m.finding_id,
    author: m.author_id ? { id: m.author_id, username: m.author_username ?? '' } : null,
    body: deleted ? '' : m.body,
    html: deleted ? '' : highlightMentions(renderPostMarkdown(m.body), m.mention_names),
    mentions: m.mentions,
    reactions: m.reactions.map((r) => ({ emoji: r.emoji, count: r.userIds.length, userIds: r.userIds })),
    createdAt: m.created_at.toISOString(),
    editedAt: m.edited_at?.toISOString() ?? null,
    deleted,
  };
}
