import { io, type Socket } from 'socket.io-client';

/**
 * One arrival of an event at a client: when (performance.now()), which group (server) it came through, for which user.
 */
export interface Arrival {
  at: number;
  group: number;
  user: number;
}

/** Many socket.io-client connections that time the arrival of each event by a key. */
export class ClientFleet {
  readonly sockets: Socket[] = [];
  /** user → the id of the last event their socket received (what a reconnecting client sends). */
  readonly lastEventId = new Map<number, number>();
  /** key → arrivals, in the order the clients' handlers ran */
  readonly arrivals = new Map<string, Arrival[]>();
  private groups = 0;
  /** Presence notices received (one per user listed in a `presence` event, per client) and when the last came. */
  presenceNotices = 0;
  lastPresenceAt = 0;
  private connectedAt = 0;

  constructor(private readonly keyOf: (event: { id?: number; data?: Record<string, unknown> }) => string | undefined) {}

  /**
   * Connects `count` clients to `url`, `batch` at a time; `auth(i)` gives each one's handshake.
   * Every call is one group (e.g. one server), so arrivals can be split by server; `userOf(i)`
   * names the user of each client (by default its index in the call).
   */
  async connect(
    url: string,
    count: number,
    auth: (i: number) => Record<string, unknown>,
    readyOn: 'ready' | 'connect',
    batch = 100,
    userOf = (i: number) => i,
  ): Promise<void> {
    const group = this.groups++;
    for (let i = 0; i < count; i += batch) {
      const pending: Promise<void>[] = [];
      for (let j = i; j < Math.min(count, i + batch); j++) {
        const s = io(url, {
          path: '/socket.io',
          transports: ['websocket'],
          forceNew: true,
          reconnection: false,
          auth: auth(j),
          timeout: 30_000,
        });
        this.sockets.push(s);
        const user = userOf(j);
        s.on('event', (e: { id?: number; data?: Record<string, unknown> }) => {
          // Stamped first thing in the handler, on the same monotonic clock as the send time.
          const at = performance.now();
          if (typeof e.id === 'number') this.lastEventId.set(user, e.id);
          const key = this.keyOf(e);
          if (key === undefined) return;
          const arrival = { at, group, user };
          const list = this.arrivals.get(key);
          if (list) list.push(arrival);
          else this.arrivals.set(key, [arrival]);
        });
        s.on('presence', (e: { users?: unknown[] }) => {
          this.presenceNotices += e.users?.length ?? 0;
          this.lastPresenceAt = performance.now();
        });
        pending.push(
          new Promise<void>((resolve, reject) => {
            // Vigil sends `ready` once the rooms are joined; a bare server is ready on connect.
            s.once(readyOn, () => resolve());
            s.once('connect_error', (err) => reject(err));
          }),
        );
      }
      await Promise.all(pending);
    }
    this.connectedAt = performance.now();
  }

  /** Waits until `key` reached `expected` clients (or the timeout); returns how many it reached. */
  async waitFor(key: string, expected: number, timeoutMs = 10_000): Promise<number> {
    const end = performance.now() + timeoutMs;
    while ((this.arrivals.get(key)?.length ?? 0) < expected && performance.now() < end)
      await new Promise((r) => setTimeout(r, 5));
    return this.arrivals.get(key)?.length ?? 0;
  }

  /**
   * Waits until no presence event has arrived for `quietMs`: the servers batch presence once a
   * second, so the notices for a burst of connections arrive up to a second after the last one.
   */
  async settle(quietMs = 1500, timeoutMs = 30_000): Promise<void> {
    const end = performance.now() + timeoutMs;
    while (performance.now() - Math.max(this.lastPresenceAt, this.connectedAt) < quietMs && performance.now() < end)
      await new Promise((r) => setTimeout(r, 50));
  }

  close(): void {
    for (const s of this.sockets) s.close();
  }
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
