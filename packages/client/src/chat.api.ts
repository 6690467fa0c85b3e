import type { HttpClient } from './http-client.ts';

/** `team:<id>` or `finding:<id>`. */
export type ChatChannel = `team:${number}` | `finding:${number}`;

export interface ChatMessage {
  id: number;
  channel: string;
  teamId: number | null;
  findingId: number | null;
  author: { id: number; username: string } | null;
  /** Markdown source ('' once deleted). */
  body: string;
  /** Safe HTML rendering of the markdown (server-side; mentions highlighted). */
  html: string;
  mentions: number[];
  reactions: { emoji: string; count: number; userIds: number[] }[];
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
}

export interface ChatPage {
  channel: string;
  title: string;
  canPost: boolean;
  /** Oldest first. */
  items: ChatMessage[];
}

export interface UnreadCount {
  channel: string;
  title: string;
  unread: number;
  lastReadId: number;
}

const base = (channel: string) => {
  const [kind, id] = channel.split(':');
  return `/api/v1/chat/${kind}s/${id}/messages`;
};

/** Team channels and finding threads: history by anchor, post, edit, delete, react, read, search. */
export function chatApi(http: HttpClient) {
  return {
    history: (channel: string, anchor: { before?: number; after?: number; limit?: number } = {}) =>
      http.get<ChatPage>(base(channel), anchor),
    post: (channel: string, body: string) => http.post<ChatMessage>(base(channel), { body }),
    edit: (messageId: number, body: string) => http.patch<ChatMessage>(`/api/v1/chat/messages/${messageId}`, { body }),
    delete: (messageId: number) => http.delete(`/api/v1/chat/messages/${messageId}`),
    react: (messageId: number, emoji: string, on: boolean) =>
      http.request<ChatMessage>(
        on ? 'PUT' : 'DELETE',
        `/api/v1/chat/messages/${messageId}/reactions/${encodeURIComponent(emoji)}`,
      ),
    unread: () => http.get<{ items: UnreadCount[] }>('/api/v1/chat/unread'),
    markRead: (channel: string, messageId: number) =>
      http.post<UnreadCount>('/api/v1/chat/read', { channel, messageId }),
    search: (q: string, channel?: string) => http.get<{ items: ChatMessage[] }>('/api/v1/chat/search', { q, channel }),
  };
}
