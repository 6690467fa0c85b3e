import { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { splitHosts } from './database-hosts.ts';
import { FailoverPool, type FailoverEvent } from './failover-pool.ts';
import { parseLsn, ReplicaMonitor } from './replica-monitor.ts';
import { RoutingPostgresDialect } from './routing-dialect.ts';
import { withCopyFromStdin } from './copy-from-stdin.ts';

export interface HighAvailabilityOptions {
  /** DATABASE_URL, possibly with several hosts: postgres://u@h1:5432,h2:5433/db */
  databaseUrl: string;
  /** DATABASE_REPLICA_URLS, parsed. */
  replicaUrls: string[];
  poolSize: number;
  /** How long a caller waits for a writable primary during a failover (default 10 s). */
  failoverWaitMs?: number;
  /** Replica freshness check interval (default 1 s). */
  replicaCheckMs?: number;
  onEvent?: (event: FailoverEvent) => void;
}

/** True when the plain single-pool path is not enough: several hosts, or replicas for reads. */
export function needsHighAvailability(databaseUrl: string, replicaUrls: string[]): boolean {
  return replicaUrls.length > 0 || splitHosts(databaseUrl).length > 1;
}

/** Kysely over a failover-aware primary pool, with lag-tolerant reads routed to replicas. */
export function createHighlyAvailableDatabase(opts: HighAvailabilityOptions): {
  db: Kysely<Database>;
  primary: FailoverPool;
  replicas?: ReplicaMonitor;
} {
  const primary = new FailoverPool({
    hosts: splitHosts(opts.databaseUrl),
    poolSize: opts.poolSize,
    waitMs: opts.failoverWaitMs,
    onEvent: opts.onEvent,
  });
  const replicas = opts.replicaUrls.length
    ? new ReplicaMonitor({
        urls: opts.replicaUrls,
        poolSize: Math.max(2, Math.ceil(opts.poolSize / 2)),
        intervalMs: opts.replicaCheckMs ?? 1_000,
        primaryLsn: async () => {
          const r = await primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
          return parseLsn(r.rows[0]?.lsn);
        },
      })
    : undefined;
  const db = new Kysely<Database>({ dialect: new RoutingPostgresDialect(withCopyFromStdin(primary), replicas) });
  return { db, primary, replicas };
}
