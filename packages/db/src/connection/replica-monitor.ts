import pg from 'pg';
import { describeHost } from './database-hosts.ts';
import { guardClientErrors } from './client-errors.ts';

export interface ReplicaState {
  url: string;
  pool: pg.Pool;
  /** Replayed everything the primary had written one check earlier. */
  fresh: boolean;
  lastError?: string;
}

/** '16/B374D848' → a comparable number. */
export function parseLsn(lsn: string | null | undefined): bigint | null {
  if (!lsn) return null;
  const [hi, lo] = lsn.split('/');
  if (hi === undefined || lo === undefined) return null;
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

export interface ReplicaMonitorOptions {
  urls: string[];
  poolSize: number;
  /** How often freshness is checked; a replica in use is at most ~2 intervals behind. */
  intervalMs: number;
  /** The primary's current WAL position (null when the primary is unreachable). */
  primaryLsn: () => Promise<bigint | null>;
}

/**
 * Decides which replicas may serve reads. At every tick it records the primary's WAL position and
 * marks a replica fresh only if it has replayed the position recorded at the previous tick, so a
 * replica in use lags by less than about two intervals; a lagging or unreachable one is skipped
 * and its reads go to the primary.
 */
export class ReplicaMonitor {
  readonly replicas: ReplicaState[];
  private timer: NodeJS.Timeout | undefined;
  private previousPrimaryLsn: bigint | null = null;
  private next = 0;
  private ticking: Promise<void> | null = null;

  constructor(private readonly opts: ReplicaMonitorOptions) {
    this.replicas = opts.urls.map((url) => {
      const pool = new pg.Pool({ connectionString: url, max: opts.poolSize, connectionTimeoutMillis: 1_000 });
      guardClientErrors(pool);
      return { url, pool, fresh: false };
    });
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.opts.intervalMs);
    this.timer.unref();
  }

  /** One freshness check of every replica (also callable directly, e.g. by tests). */
  tick(): Promise<void> {
    this.ticking ??= this.check().finally(() => {
      this.ticking = null;
    });
    return this.ticking;
  }

  /** A fresh replica, round robin; undefined = read from the primary. */
  pick(): ReplicaState | undefined {
    const n = this.replicas.length;
    for (let i = 0; i < n; i++) {
      const r = this.replicas[(this.next + i) % n];
      if (r.fresh) {
        this.next = (this.next + i + 1) % n;
        return r;
      }
    }
    return undefined;
  }

  /** A read failed on this replica: stop using it until the next check says otherwise. */
  markFailed(replica: ReplicaState, err: unknown): void {
    replica.fresh = false;
    replica.lastError = (err as Error)?.message ?? String(err);
  }

  status(): Array<{ host: string; fresh: boolean; lastError?: string }> {
    return this.replicas.map((r) => ({ host: describeHost(r.url), fresh: r.fresh, lastError: r.lastError }));
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking?.catch(() => {});
    await Promise.all(this.replicas.map((r) => r.pool.end().catch(() => {})));
  }

  private async check(): Promise<void> {
    const required = this.previousPrimaryLsn;
    const current = await this.opts.primaryLsn().catch(() => null);
    await Promise.all(
      this.replicas.map(async (r) => {
        try {
          const res = await r.pool.query<{ lsn: string | null }>(
            `SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END::text ` +
              `AS lsn`,
          );
          const replayed = parseLsn(res.rows[0]?.lsn);
          r.fresh = required !== null && replayed !== null && replayed >= required;
          r.lastError = r.fresh ? undefined : 'behind the primary (or no primary position known yet)';
        } catch (err) {
          this.markFailed(r, err);
        }
      }),
    );
    this.previousPrimaryLsn = current;
  }
}
