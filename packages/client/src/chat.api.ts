import type { ChatHistoryQuery, ChatMessage, ChatPage, ChatUnreadCount } from '@vigil/contract';
import type { HttpClient } from './http-client.ts';
import type { ItemList } from './page.ts';

// The chat shapes are the API contract's (packages/contract/src/chat/), imported as types only.
export { CHAT_LIMITS } from '@vigil/contract/values';
export type { ChatHistoryQuery, ChatMessage, ChatPage, ChatUnreadCount } from '@vigil/contract';

/** `team:<id>` or `finding:<id>`. */
export type ChatChannel = `team:${number}` | `finding:${number}`;

const base = (channel: string) => {
  const [kind, id] = channel.split(':');
  return `/api/v1/chat/${kind}s/${id}/messages`;
};

/** Team channels and finding threads: history by anchor, post, edit, delete, react, read, search. */
export function chatApi(http: HttpClient) {
  return {
    history: (channel: string, anchor: ChatHistoryQuery = {}) => http.get<ChatPage>(base(channel), anchor),
    post: (channel: string, body: string) => http.post<ChatMessage>(base(channel), { body }),
    edit: (messageId: number, body: string) => http.patch<ChatMessage>(`/api/v1/chat/messages/${messageId}`, { body }),
    delete: (messageId: number) => http.delete(`/api/v1/chat/messages/${messageId}`),
    react: (messageId: number, emoji: string, on: boolean) =>
      http.request<ChatMessage>(
        on ? 'PUT' : 'DELETE',
        `/api/v1/chat/messages/${messageId}/reactions/${encodeURIComponent(emoji)}`,
      ),
    unread: () => http.get<ItemList<ChatUnreadCount>>('/api/v1/chat/unread'),
    markRead: (channel: string, messageId: number) =>
      http.post<ChatUnreadCount>('/api/v1/chat/read', { channel, messageId }),
    search: (q: string, channel?: string) => http.get<ItemList<ChatMessage>>('/api/v1/chat/search', { q, channel }),
  };
}
