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

export const RealtimeContext = createContext<RealtimeLike | null>(null);

export function useRealtime(): RealtimeLike {
  return useContext(RealtimeContext) ?? sharedClient();
}

/** Calls `handler` for each live event (de-duplicated by id; replayed after a reconnect). */
export function useRealtimeEvents(handler: (e: RealtimeEvent) => void): void {
  const realtime = useRealtime();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => realtime.on('event', (e) => ref.current(e)), [realtime]);
}
