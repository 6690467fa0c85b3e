import {
  PostgresDialect,
  PostgresDriver,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type PostgresPool,
  type QueryResult,
} from 'kysely';
import { isFailoverError } from './failover-errors.ts';
import { readRouting } from './read-routing.ts';
import type { ReplicaMonitor, ReplicaState } from './replica-monitor.ts';

const LOCKING_READ = /\bfor\s+(update|share|no\s+key\s+update|key\s+share)\b/i;

interface Bound {
  /** Kysely's Driver interface: it takes back the DatabaseConnection it handed out. */
  driver: Driver;
  connection: DatabaseConnection;
  replica?: ReplicaState;
}

/**
 * A connection bound lazily, at its first statement: a plain SELECT, outside any transaction, in
 * a context that allows replica reads, goes to a fresh replica; everything else (BEGIN, writes,
 * raw SQL, locking reads) goes to the primary. A read that fails on a replica is retried once on
 * the primary, which is safe for a SELECT outside a transaction.
 */
class RoutedConnection implements DatabaseConnection {
  private bound: Bound | undefined;

  constructor(private readonly router: RoutingDriver) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const wantsReplica = this.router.replicaEligible(query);
    if (this.bound?.replica && !wantsReplica) await this.release();
    if (!this.bound && wantsReplica) {
      const replica = this.router.monitor?.pick();
      if (replica) {
        const driver = this.router.replicaDriver(replica);
        const connection = await driver.acquireConnection().catch((err: unknown) => {
          this.router.monitor?.markFailed(replica, err);
          return undefined;
        });
        if (connection) {
          try {
            this.bound = { driver, connection, replica };
            return await connection.executeQuery<R>(query);
          } catch (err) {
            if (!isFailoverError(err)) throw err;
            this.router.monitor?.markFailed(replica, err);
            await this.release();
          }
        }
      }
    }
    if (!this.bound)
      this.bound = { driver: this.router.primary, connection: await this.router.primary.acquireConnection() };
    return this.bound.connection.executeQuery<R>(query);
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    if (this.bound?.replica) await this.release();
    if (!this.bound)
      this.bound = { driver: this.router.primary, connection: await this.router.primary.acquireConnection() };
    yield* this.bound.connection.streamQuery<R>(query, chunkSize);
  }

  async release(): Promise<void> {
    const bound = this.bound;
    this.bound = undefined;
    if (bound) await bound.driver.releaseConnection(bound.connection);
  }
}

/** PostgreSQL driver that sends lag-tolerant reads to replicas and the rest to the primary. */
class RoutingDriver extends PostgresDriver implements Driver {
  readonly primary: PostgresDriver;
  private readonly replicaDrivers = new Map<ReplicaState, PostgresDriver>();

  constructor(
    primaryPool: PostgresPool,
    readonly monitor: ReplicaMonitor | undefined,
  ) {
    super({ pool: primaryPool });
    this.primary = new PostgresDriver({ pool: primaryPool });
  }

  override async init(): Promise<void> {
    await this.primary.init();
    for (const replica of this.monitor?.replicas ?? []) {
      const driver = new PostgresDriver({ pool: replica.pool });
      await driver.init();
      this.replicaDrivers.set(replica, driver);
    }
    this.monitor?.start();
  }

  replicaEligible(query: CompiledQuery): boolean {
    return (
      this.monitor !== undefined &&
      readRouting.replicaAllowed() &&
      query.query.kind === 'SelectQueryNode' &&
      !LOCKING_READ.test(query.sql)
    );
  }

  replicaDriver(replica: ReplicaState): PostgresDriver {
    const driver = this.replicaDrivers.get(replica);
    if (!driver) throw new Error('replica driver not initialized');
    return driver;
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutedConnection(this);
  }

  override async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await (connection as RoutedConnection).release();
  }

  override async destroy(): Promise<void> {
    await this.monitor?.stop();
    await this.primary.destroy();
  }
}

export class RoutingPostgresDialect extends PostgresDialect {
  constructor(
    private readonly primaryPool: PostgresPool,
    private readonly monitor: ReplicaMonitor | undefined,
  ) {
    super({ pool: primaryPool });
  }

  override createDriver(): Driver {
    return new RoutingDriver(this.primaryPool, this.monitor);
  }
}
