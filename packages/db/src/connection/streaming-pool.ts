import type pg from 'pg';
import type { PostgresCursor, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/**
 * The pg client the connection layer's pool wrappers pass along: what Kysely asks of a client
 * (statements and cursors) plus pg's streaming query (a `Submittable`), which COPY FROM STDIN
 * needs. `pg.PoolClient` is one; so are the clients FailoverPool hands out.
 */
export interface StreamingPoolClient extends PostgresPoolClient {
  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<T extends pg.Submittable>(stream: T): T;
  /** An error destroys the connection instead of returning it to the pool (pg's semantics). */
  release(err?: Error): void;
}

/** A pool of streaming clients: `pg.Pool`, or FailoverPool. */
export interface StreamingPool {
  connect(): Promise<StreamingPoolClient>;
  end(): Promise<void>;
}

/** Whether a statement given without SQL text is one of pg's streaming queries (a COPY stream, a pg-cursor). */
export function isSubmittable(statement: PostgresCursor<unknown> | pg.Submittable): statement is pg.Submittable {
  return 'submit' in statement && typeof statement.submit === 'function';
}
