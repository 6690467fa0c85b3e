import pg from 'pg';
import type { PostgresCursor, PostgresQueryResult } from 'kysely';
import { describeHost } from './database-hosts.ts';
import { DatabaseUnavailableError, isFailoverError } from './failover-errors.ts';
import { guardClientErrors } from './client-errors.ts';
import { isSubmittable, type StreamingPool, type StreamingPoolClient } from './streaming-pool.ts';

export type FailoverEvent =
  | { type: 'primary'; host: string }
  | { type: 'lost'; host: string; reason: string }
  | { type: 'searching'; attempt: number; reason: string };

export interface FailoverPoolOptions {
  /** Single-host URLs, tried in order (the last known primary first). */
  hosts: string[];
  poolSize: number;
  /** How long connect() keeps looking for a writable primary before it fails the caller. */
  waitMs?: number;
  /** Per-host connect timeout while searching. */
  probeTimeoutMs?: number;
  onEvent?: (event: FailoverEvent) => void;
}

interface Primary {
  url: string;
  pool: pg.Pool;
}

/**
 * A pool that always points at the writable primary among several hosts. It finds the primary by
 * asking each host `pg_is_in_recovery()`; when a query fails with a read-only, shutdown or
 * connection error it drops the whole pool, backs off and searches again. Callers waiting in
 * connect() during a failover get a connection to the new primary (or a DatabaseUnavailableError
 * after waitMs); the process never crashes. Statements that were running on the old primary fail:
 * only the caller knows whether repeating them is safe.
 */
export class FailoverPool implements StreamingPool {
  private primary: Primary | null = null;
  private searching: Promise<Primary> | null = null;
  private preferred = 0;
  private ended = false;
  private readonly waitMs: number;
  private readonly probeTimeoutMs: number;

  constructor(private readonly opts: FailoverPoolOptions) {
    if (opts.hosts.length === 0) throw new Error('FailoverPool needs at least one host');
    this.waitMs = opts.waitMs ?? 10_000;
    this.probeTimeoutMs = opts.probeTimeoutMs ?? 1_000;
  }

  /** The URL of the primary in use, if one is known (for pg-boss and diagnostics). */
  currentPrimary(): string | undefined {
    return this.primary?.url;
  }

  async connect(): Promise<StreamingPoolClient> {
    const deadline = Date.now() + this.waitMs;
    let backoff = 50;
    let lastError: unknown;
    for (let attempt = 1; ; attempt++) {
      if (this.ended) throw new DatabaseUnavailableError('the database pool is closed');
      try {
        const primary = await this.findPrimary();
        const client = await primary.pool.connect();
        return this.wrap(client, primary);
      } catch (err) {
        if (!isFailoverError(err) && !(err instanceof DatabaseUnavailableError)) throw err;
        lastError = err;
        this.opts.onEvent?.({ type: 'searching', attempt, reason: (err as Error).message });
      }
      if (Date.now() + backoff > deadline) {
        throw new DatabaseUnavailableError(
          `no writable PostgreSQL primary among ${this.opts.hosts.map(describeHost).join(', ')} ` +
            `within ${this.waitMs} ms`,
          lastError,
        );
      }
      await new Promise((r) => setTimeout(r, backoff));
      backoff = Math.min(backoff * 2, 1_000);
    }
  }

  /** Runs one statement on the primary (used by pg-boss through its executeSql hook). */
  async query<R>(text: string, values: unknown[] = []): Promise<PostgresQueryResult<R>> {
    const client = await this.connect();
    try {
      return await client.query<R>(text, values);
    } finally {
      client.release();
    }
  }

  async end(): Promise<void> {
    this.ended = true;
    const current = this.primary;
    this.primary = null;
    if (current) await current.pool.end();
  }

  /** Forgets the primary after an error that says it is gone or read-only. */
  invalidate(primary: Primary, reason: string): void {
    if (this.primary !== primary) return;
    this.primary = null;
    this.opts.onEvent?.({ type: 'lost', host: describeHost(primary.url), reason });
    primary.pool.end().catch(() => {});
  }

  private findPrimary(): Promise<Primary> {
    if (this.primary) return Promise.resolve(this.primary);
    this.searching ??= this.search().finally(() => {
      this.searching = null;
    });
    return this.searching;
  }

  private async search(): Promise<Primary> {
    const n = this.opts.hosts.length;
    const problems: string[] = [];
    for (let i = 0; i < n; i++) {
      const index = (this.preferred + i) % n;
      const url = this.opts.hosts[index];
      const verdict = await this.probe(url);
      if (verdict === 'primary') {
        this.preferred = index;
        const pool = new pg.Pool({
          connectionString: url,
          max: this.opts.poolSize,
          connectionTimeoutMillis: this.probeTimeoutMs * 2,
        });
        const primary: Primary = { url, pool };
        // A client whose server died (idle or checked out): never an uncaught error; a failover error drops the pool.
        guardClientErrors(pool, (err) => {
          if (isFailoverError(err)) this.invalidate(primary, err.message);
        });
        this.primary = primary;
        this.opts.onEvent?.({ type: 'primary', host: describeHost(url) });
        return primary;
      }
      problems.push(`${describeHost(url)}: ${verdict}`);
    }
    throw new DatabaseUnavailableError(`no writable primary (${problems.join('; ')})`);
  }

  private async probe(url: string): Promise<string> {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: this.probeTimeoutMs });
    client.on('error', () => {});
    try {
      await client.connect();
      const r = await client.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby');
      return r.rows[0]?.standby ? 'standby (in recovery)' : 'primary';
    } catch (err) {
      return `unreachable (${(err as Error).message})`;
    } finally {
      client.end().catch(() => {});
    }
  }

  private wrap(client: StreamingPoolClient, primary: Primary): StreamingPoolClient {
    return new FailoverClient(client, (err) => this.invalidate(primary, err.message));
  }
}

/** A primary's client that reports a failover error to its pool and is then destroyed, never reused. */
class FailoverClient implements StreamingPoolClient {
  private broken: Error | undefined;

  constructor(
    private readonly client: StreamingPoolClient,
    private readonly onFailover: (err: Error) => void,
  ) {}

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<T extends pg.Submittable>(stream: T): T;
  query<R>(
    statement: string | PostgresCursor<R> | pg.Submittable,
    parameters: ReadonlyArray<unknown> = [],
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> | pg.Submittable {
    if (typeof statement !== 'string') {
      // Streams and cursors report their errors to their reader, which ends the transaction.
      return isSubmittable(statement) ? this.client.query(statement) : this.client.query(statement);
    }
    return this.client.query<R>(statement, parameters).catch((err: unknown) => {
      if (isFailoverError(err) && err instanceof Error) {
        this.broken = err;
        this.onFailover(err);
      }
      throw err;
    });
  }

  release(): void {
    this.client.release(this.broken);
  }
}
