import { io, type Socket } from 'socket.io-client';

/** Many socket.io-client connections that time the arrival of each event by a key. */
export class ClientFleet {
  readonly sockets: Socket[] = [];
  /** key → arrival times (performance.now()) */
  readonly arrivals = new Map<string, number[]>();

  constructor(private readonly keyOf: (event: { id?: number; data?: Record<string, unknown> }) => string | undefined) {}

  /** Connects `count` clients to `url`, `batch` at a time; `auth(i)` gives each one's handshake. */
  async connect(url: string, count: number, auth: (i: number) => Record<string, unknown>, readyOn: 'ready' | 'connect', batch = 100): Promise<void> {
    for (let i = 0; i < count; i += batch) {
      const group: Promise<void>[] = [];
      for (let j = i; j < Math.min(count, i + batch); j++) {
        const s = io(url, { path: '/socket.io', transports: ['websocket'], forceNew: true, reconnection: false, auth: auth(j), timeout: 30_000 });
        this.sockets.push(s);
        s.on('event', (e: { id?: number; data?: Record<string, unknown> }) => {
          const key = this.keyOf(e);
          if (key === undefined) return;
          const at = performance.now();
          const list = this.arrivals.get(key);
          if (list) list.push(at);
          else this.arrivals.set(key, [at]);
        });
        group.push(
          new Promise<void>((resolve, reject) => {
            // Vigil sends `ready` once the rooms are joined; a bare server is ready on connect.
            s.once(readyOn, () => resolve());
            s.once('connect_error', (err) => reject(err));
          }),
        );
      }
      await Promise.all(group);
    }
  }

  /** Waits until `key` reached `expected` clients (or the timeout); returns how many it reached. */
  async waitFor(key: string, expected: number, timeoutMs = 10_000): Promise<number> {
    const end = performance.now() + timeoutMs;
    while ((this.arrivals.get(key)?.length ?? 0) < expected && performance.now() < end) await new Promise((r) => setTimeout(r, 5));
    return this.arrivals.get(key)?.length ?? 0;
  }

  close(): void {
    for (const s of this.sockets) s.close();
  }
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
