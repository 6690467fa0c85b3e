import { Counter, Gauge, type Registry } from 'prom-client';
import type { ReadCache } from './read-cache.ts';
import type { ReadCaches } from './read-caches.ts';

/** Prometheus figures of the read caches, read on scrape: lookups by result, entries, and whether changes are heard. */
export function registerCacheMetrics(registry: Registry, caches: ReadCaches): void {
  const all: Array<[string, ReadCache<unknown>]> = [
    ['responses', caches.responses as ReadCache<unknown>],
    ['auth', caches.auth as ReadCache<unknown>],
  ];
  new Counter({
    name: 'vigil_read_cache_lookups_total',
    help: 'Read cache lookups by cache and result (hit, miss, bypass: caches not live)',
    labelNames: ['cache', 'result'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [cache, c] of all) {
        const s = c.snapshot();
        this.inc({ cache, result: 'hit' }, s.hits);
        this.inc({ cache, result: 'miss' }, s.misses);
        this.inc({ cache, result: 'bypass' }, s.bypasses);
      }
    },
  });
  new Gauge({
    name: 'vigil_read_cache_entries',
    help: 'Entries held by each read cache',
    labelNames: ['cache'],
    registers: [registry],
    collect() {
      for (const [cache, c] of all) this.set({ cache }, c.snapshot().entries);
    },
  });
  new Gauge({
    name: 'vigil_read_cache_live',
    help: '1 while the caches hear change notifications (LISTEN vigil_changes), else 0 (every read computed)',
    registers: [registry],
    collect() {
      this.set(caches.responses.isLive() ? 1 : 0);
    },
  });
}
