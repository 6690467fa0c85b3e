import { createContext, useContext, useEffect, useRef } from 'react';
import { RealtimeClient, type RealtimeEvent } from '@vigil/client/realtime-client.ts';

/** The part of the real-time client the UI uses (a fake in component tests). */
export type RealtimeLike = Pick<RealtimeClient, 'on' | 'typing' | 'subscribeFinding' | 'unsubscribeFinding'>;

let shared: RealtimeClient | null = null;
/** One connection per tab, to the page's own origin (the load balancer picks the replica), cookie-authenticated. */
function sharedClient(): RealtimeClient {
  shared ??= new RealtimeClient({ urls: [''] }).connect();
  return shared;
}

/** Component tests run without a server: no connection unless the test provides a client. */
const OFFLINE: RealtimeLike = {
  on: () => () => {},
  typing: () => {},
  subscribeFinding: async () => false,
  unsubscribeFinding: () => {},
};

export const RealtimeContext = createContext<RealtimeLike | null>(null);

export function useRealtime(): RealtimeLike {
  const provided = useContext(RealtimeContext);
  if (provided) return provided;
  return import.meta.env.MODE === 'test' ? OFFLINE : sharedClient();
}

/** Calls `handler` for each live event (de-duplicated by id; replayed after a reconnect). */
export function useRealtimeEvents(handler: (e: RealtimeEvent) => void): void {
  const realtime = useRealtime();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => realtime.on('event', (e) => ref.current(e)), [realtime]);
}
