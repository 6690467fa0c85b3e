import { io, type Socket } from 'socket.io-client';
// Types only (erased at build): zod and the schemas stay out of the web bundle.
import type { RealtimeEnvelope, RealtimeEventOf, RealtimeEventType } from '@vigil/contract';

/** A persisted event as the server pushes it; `id` is its position in the event log (shape: @vigil/contract). */
export type RealtimeEvent = RealtimeEnvelope;
export type { RealtimeEventOf, RealtimeEventType };

/** Narrows a pushed event to one presented type, with its `data` typed by the event catalogue. */
export function isRealtimeEvent<T extends RealtimeEventType>(
  e: RealtimeEvent,
  type: T,
): e is RealtimeEvent & RealtimeEventOf<T> {
  return e.type === type;
}

export interface RealtimeOptions {
  /**
   * Server origins to try in turn (another replica when one dies). A browser behind a load
   * balancer passes its own origin once ('' = the page's origin); every reconnect may land on
   * another replica.
   */
  urls: string[];
  /** API token; without it the session cookie authenticates (browsers, same origin). */
  token?: string;
  /** First reconnect delay; doubles up to `maxDelayMs` while connects keep failing. */
  retryDelayMs?: number;
  maxDelayMs?: number;
  /** Remembered events, for de-duplication across replays. */
  dedupeWindow?: number;
}

type Listener<T> = (value: T) => void;

/**
 * A Socket.IO connection that survives a replica's death: it keeps the id of the last event it
 * received, reconnects (next URL, short backoff) and sends that id so the server replays what it
 * missed before going live; events are de-duplicated by id. `resync` means the gap could not be
 * replayed and the caller should reload over REST.
 */
export class RealtimeClient {
  lastEventId: number | undefined;
  /** Events dropped because they had been received already (replay overlap). */
  duplicates = 0;
  connectedUrl: string | undefined;
  private socket: Socket | undefined;
  private urlIndex = 0;
  private failures = 0;
  private closed = false;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private readonly seen = new Set<number>();
  private readonly order: number[] = [];
  private readonly findings = new Set<number>();
  private readonly listeners = new Map<string, Set<Listener<never>>>();

  constructor(private readonly opts: RealtimeOptions) {
    if (!opts.urls.length) throw new Error('RealtimeClient needs at least one URL');
  }

  connect(): this {
    this.closed = false;
    this.open();
    return this;
  }

  close(): void {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.socket?.close();
    this.socket = undefined;
  }

  get connected(): boolean {
    return !!this.socket?.connected;
  }

  on(name: 'event', fn: Listener<RealtimeEvent>): () => void;
  on(
    name: 'ready' | 'resync' | 'typing' | 'presence' | 'status' | 'rooms:left' | 'session:ended',
    fn: Listener<any>,
  ): () => void;
  on(name: string, fn: Listener<never>): () => void {
    if (!this.listeners.has(name)) this.listeners.set(name, new Set());
    this.listeners.get(name)!.add(fn);
    return () => this.listeners.get(name)?.delete(fn);
  }

  /** Joins a finding thread's room (after the server's read check); kept across reconnects. */
  async subscribeFinding(findingId: number): Promise<boolean> {
    this.findings.add(findingId);
    const res = (await this.socket
      ?.timeout(5000)
      .emitWithAck('subscribe', { findingId })
      .catch(() => undefined)) as { ok?: boolean } | undefined;
    if (!res?.ok) this.findings.delete(findingId);
    return !!res?.ok;
  }

  unsubscribeFinding(findingId: number): void {
    this.findings.delete(findingId);
    this.socket?.emit('unsubscribe', { findingId });
  }

  typing(channel: string): void {
    this.socket?.emit('typing', { channel });
  }

  setPresence(status: 'online' | 'away'): void {
    this.socket?.emit('presence', { status });
  }

  async presence(teamId: number): Promise<{ id: number; username: string; status: string }[]> {
    const res = (await this.socket
      ?.timeout(5000)
      .emitWithAck('presence:list', { teamId })
      .catch(() => undefined)) as { users?: { id: number; username: string; status: string }[] } | undefined;
    return res?.users ?? [];
  }

  /** Re-reads the rooms the user may read (after a role on a product was granted). */
  async refreshRooms(): Promise<void> {
    await this.socket
      ?.timeout(5000)
      .emitWithAck('rooms:refresh', {})
      .catch(() => undefined);
  }

  private emitLocal(name: string, value: unknown): void {
    for (const fn of this.listeners.get(name) ?? []) (fn as Listener<unknown>)(value);
  }

  private open(): void {
    if (this.closed) return;
    const url = this.opts.urls[this.urlIndex % this.opts.urls.length];
    const socket = io(url || undefined, {
      path: '/socket.io',
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      withCredentials: true,
      timeout: 3000,
      // Read on every connect, so a reconnect sends the latest position and subscriptions.
      auth: (cb) => cb({ token: this.opts.token, lastEventId: this.lastEventId, findings: [...this.findings] }),
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.failures = 0;
      this.connectedUrl = url;
      this.emitLocal('status', { connected: true, url });
    });
    socket.on('event', (e: RealtimeEvent) => this.receive(e));
    socket.on('ready', (r: { position: number }) => {
      // Everything up to the server's position has been replayed: resume from there next time.
      this.lastEventId = r.position;
      this.emitLocal('ready', r);
    });
    socket.on('resync', (r: unknown) => this.emitLocal('resync', r));
    // Access was removed: the server took the socket out of these rooms (a finding thread is not asked for again).
    socket.on('rooms:left', (r: { rooms?: string[] }) => {
      for (const room of r?.rooms ?? [])
        if (room.startsWith('finding:')) this.findings.delete(Number(room.slice('finding:'.length)));
      this.emitLocal('rooms:left', r);
    });
    // The session or token stopped authenticating (logged out, revoked, expired, user deactivated).
    socket.on('session:ended', (r: unknown) => this.emitLocal('session:ended', r));
    socket.on('typing', (t: unknown) => this.emitLocal('typing', t));
    socket.on('presence', (p: unknown) => this.emitLocal('presence', p));
    const lost = () => {
      if (this.socket !== socket) return;
      socket.removeAllListeners();
      socket.close();
      this.socket = undefined;
      this.connectedUrl = undefined;
      this.emitLocal('status', { connected: false });
      this.scheduleReconnect();
    };
    socket.on('disconnect', lost);
    socket.on('connect_error', lost);
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    this.urlIndex++;
    const base = this.opts.retryDelayMs ?? 100;
    // The first retry goes at once to the next URL; repeated failures back off.
    const delay = this.failures === 0 ? 0 : Math.min(base * 2 ** (this.failures - 1), this.opts.maxDelayMs ?? 2000);
    this.failures++;
    this.retry = setTimeout(() => this.open(), delay + Math.floor(Math.random() * 50));
  }

  private receive(e: RealtimeEvent): void {
    if (this.seen.has(e.id)) {
      this.duplicates++;
      return;
    }
    this.seen.add(e.id);
    this.order.push(e.id);
    if (this.order.length > (this.opts.dedupeWindow ?? 5000)) this.seen.delete(this.order.shift()!);
    this.lastEventId = e.id;
    this.emitLocal('event', e);
  }
}
