import { useCallback, useEffect, useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { ChatMessage, ChatPage } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { useRealtime, useRealtimeEvents } from '../../realtime/realtime-context';
import { queryKeys } from '../../app/query-keys';

const PAGE = 30;

/** Merges pages (oldest first) with live changes, by message id. */
export function mergeMessages(pages: ChatMessage[][], live: Map<number, ChatMessage>): ChatMessage[] {
  const byId = new Map<number, ChatMessage>();
  for (const page of pages) for (const m of page) byId.set(m.id, m);
  for (const [id, m] of live) byId.set(id, m);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/**
 * A channel's history, paged backwards by anchor over REST, kept current by real-time events:
 * new, edited and reacted messages replace by id; deleted ones become tombstones.
 */
export function useChatMessages(channel: string) {
  const api = useApi();
  const realtime = useRealtime();
  const [live, setLive] = useState(new Map<number, ChatMessage>());
  const [typing, setTyping] = useState<{ username: string; until: number } | null>(null);
  const history = useInfiniteQuery({
    queryKey: queryKeys.chat.channel(channel),
    queryFn: ({ pageParam }) => api.chat.history(channel, { before: pageParam, limit: PAGE }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last: ChatPage) => (last.items.length < PAGE ? undefined : last.items[0]?.id),
  });
  useEffect(() => setLive(new Map()), [channel]);

  const findingId = channel.startsWith('finding:') ? Number(channel.slice(8)) : undefined;
  useEffect(() => {
    if (findingId === undefined) return;
    void realtime.subscribeFinding(findingId);
    return () => realtime.unsubscribeFinding(findingId);
  }, [realtime, findingId]);

  useRealtimeEvents((e) => {
    const message = e.data.message as ChatMessage | undefined;
    if (message && message.channel === channel) setLive((prev) => new Map(prev).set(message.id, message));
    if (e.type === 'chat.message_deleted' && e.data.channel === channel) {
      const id = Number(e.data.messageId);
      setLive((prev) => {
        const known = prev.get(id) ?? history.data?.pages.flatMap((p) => p.items).find((m) => m.id === id);
        return known ? new Map(prev).set(id, { ...known, body: '', html: '', deleted: true, reactions: [] }) : prev;
      });
    }
  });
  useEffect(
    () =>
      (
        realtime as { on: (n: 'typing', f: (t: { channel: string; user: { username: string } }) => void) => () => void }
      ).on('typing', (t) => {
        if (t.channel === channel) setTyping({ username: t.user.username, until: Date.now() + 3000 });
      }),
    [realtime, channel],
  );
  useEffect(() => {
    if (!typing) return;
    const timer = setTimeout(() => setTyping(null), typing.until - Date.now());
    return () => clearTimeout(timer);
  }, [typing]);

  const pages = history.data ? [...history.data.pages].reverse().map((p) => p.items) : [];
  const messages = mergeMessages(pages, live);
  const upsert = useCallback((m: ChatMessage) => setLive((prev) => new Map(prev).set(m.id, m)), []);
  return { history, messages, first: history.data?.pages[0], typing: typing?.username ?? null, upsert };
}
