import type pg from 'pg';

/**
 * Keeps a dead connection from crashing the process. node-postgres removes the pool's own error
 * listener while a client is checked out, and a client whose server goes away emits 'error' even when
 * a query is running; with no listener that is an uncaught exception. Every client of `pool` gets a
 * permanent listener: the running query still fails with the error, and the client, no longer
 * queryable, fails the next query clearly instead of taking the process down. `onError` sees each
 * error once (the failover pool drops its primary with it).
 */
export function guardClientErrors(pool: pg.Pool, onError: (err: Error) => void = () => {}): void {
  pool.on('error', onError); // idle clients: the pool removes them and reports here
  pool.on('connect', (client) => {
    client.on('error', onError);
  });
}
