/**
 * A per-process cache of read results that is never staler than the change notifications
 * (docs/read-cache.md). Each entry depends on topics ('findings', 'access', 'auth', 'feed'); a committed
 * write to a topic's tables, anywhere, invalidates its entries through `invalidate(topic)`
 * (read-caches.ts), and a write request of this process invalidates everything when it has been
 * answered (read-your-writes without waiting for the notification).
 *
 * Rules that keep it correct:
 *  - no listener, no cache: until `setLive(true)` and after `setLive(false)` every read is computed;
 *  - an entry carries the generations of its topics from before its computation started, so a
 *    read that raced a write (its notification, or the end of a write request here) is never
 *    served again;
 *  - every entry also expires after `ttlMs`, a bound for what no notification covers (the clock in
 *    presented fields, replica lag);
 *  - concurrent misses of one key share one computation.
 */
export interface ReadCacheOptions {
  /** Entries older than this are recomputed (ms). */
  ttlMs: number;
  /** Total size of the entries kept (the sizes `sizeOf` gives), least recently used evicted first. */
  maxSize: number;
  sizeOf: (value: unknown) => number;
  clock?: () => number;
}

interface Entry<T> {
  value: T;
  stamp: number;
  expires: number;
  size: number;
}

export interface ReadCacheStats {
  hits: number;
  misses: number;
  bypasses: number;
  entries: number;
  size: number;
}

export class ReadCache<T> {
  private readonly generations = new Map<string, number>();
  /** Bumped by invalidateAll: part of every stamp. */
  private epoch = 0;
  private live = false;
  private readonly entries = new Map<string, Entry<T>>();
  private readonly pending = new Map<string, { stamp: number; value: Promise<T> }>();
  private size = 0;
  private readonly clock: () => number;
  readonly stats = { hits: 0, misses: 0, bypasses: 0 };

  constructor(private readonly opts: ReadCacheOptions) {
    this.clock = opts.clock ?? Date.now;
  }

  /** Whether changes are being heard; every change of state drops what is cached. */
  setLive(live: boolean): void {
    this.live = live;
    this.invalidateAll();
  }

  isLive(): boolean {
    return this.live;
  }

  invalidate(topic: string): void {
    this.generations.set(topic, (this.generations.get(topic) ?? 0) + 1);
  }

  invalidateAll(): void {
    this.epoch++;
    this.entries.clear();
    this.size = 0;
  }

  /** The cached value of `key`, or `compute()`'s (stored when nothing it depends on changed meanwhile). */
  async get(key: string, topics: readonly string[], compute: () => Promise<T>): Promise<T> {
    if (!this.live) {
      this.stats.bypasses++;
      return compute();
    }
    const stamp = this.stampOf(topics);
    const entry = this.entries.get(key);
    if (entry && entry.stamp === stamp && entry.expires > this.clock()) {
      this.stats.hits++;
      this.entries.delete(key); // most recently used last
      this.entries.set(key, entry);
      return entry.value;
    }
    if (entry) this.drop(key, entry);
    const shared = this.pending.get(key);
    if (shared && shared.stamp === stamp) {
      this.stats.hits++;
      return shared.value;
    }
    this.stats.misses++;
    const value = compute();
    this.pending.set(key, { stamp, value });
    try {
      const result = await value;
      if (this.live && this.stampOf(topics) === stamp) this.store(key, result, stamp);
      return result;
    } finally {
      if (this.pending.get(key)?.value === value) this.pending.delete(key);
    }
  }

  snapshot(): ReadCacheStats {
    return { ...this.stats, entries: this.entries.size, size: this.size };
  }

  /** Generations only grow, so their sum with the epoch changes whenever any of them does. */
  private stampOf(topics: readonly string[]): number {
    let stamp = this.epoch;
    for (const t of topics) stamp += this.generations.get(t) ?? 0;
    return stamp;
  }

  private store(key: string, value: T, stamp: number): void {
    const size = this.opts.sizeOf(value);
    if (size > this.opts.maxSize / 8) return; // one entry never takes over the cache
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    this.entries.set(key, { value, stamp, expires: this.clock() + this.opts.ttlMs, size });
    this.size += size;
    for (const [oldKey, old] of this.entries) {
      if (this.size <= this.opts.maxSize) break;
      this.drop(oldKey, old);
    }
  }

  private drop(key: string, entry: Entry<T>): void {
    this.entries.delete(key);
    this.size -= entry.size;
  }
}
