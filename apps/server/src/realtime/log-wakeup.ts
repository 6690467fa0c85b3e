import pg from 'pg';
import type { DatabaseHandle } from '@vigil/db';
import type { Logger } from 'pino';

export const EVENTS_CHANNEL = 'vigil_events';

/**
 * Calls `wake` whenever a transaction that appended domain events commits: LISTEN on a dedicated
 * PostgreSQL connection (NOTIFY is sent by a trigger and delivered at commit), or PGlite's
 * in-process listen in embedded mode. The tailer also polls, so a lost connection only slows
 * delivery to the poll interval until it is re-established.
 */
export async function listenForEvents(handle: DatabaseHandle, databaseUrl: string | undefined, wake: () => void, logger: Logger | false): Promise<() => Promise<void>> {
  if (handle.kind === 'embedded' && handle.pglite) {
    const unlisten = await handle.pglite.listen(EVENTS_CHANNEL, () => wake());
    return unlisten;
  }
  if (!databaseUrl) return async () => {};
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    if (closed) return;
    // A multi-host DATABASE_URL (failover): LISTEN on whichever host is the primary now.
    const url = handle.failover ? handle.failover.currentPrimary() : databaseUrl;
    if (!url) return schedule();
    const c = new pg.Client({ connectionString: url });
    c.on('notification', () => wake());
    c.on('error', (err) => {
      if (logger) logger.warn({ err: err.message }, 'event log LISTEN connection lost; reconnecting');
      void c.end().catch(() => undefined);
      if (client === c) schedule();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${EVENTS_CHANNEL}`);
      client = c;
      wake();
    } catch (err) {
      if (logger) logger.warn({ err: (err as Error).message }, 'cannot LISTEN for events yet; polling meanwhile');
      void c.end().catch(() => undefined);
      schedule();
    }
  };
  const schedule = () => {
    client = undefined;
    if (!closed) retry = setTimeout(() => void connect(), 1000).unref();
  };
  await connect();
  return async () => {
    closed = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => undefined);
  };
}
