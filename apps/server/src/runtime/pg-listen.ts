import pg from 'pg';
import type { DatabaseHandle } from '@vigil/db';
import type { Logger } from 'pino';

export interface ListenHandlers {
  /** A notification on the channel, with its payload. */
  onNotify(payload: string): void;
  /** The LISTEN is in place (first time and after every reconnect): notifications may have been missed before. */
  onUp?(): void;
  /** The LISTEN connection is lost: notifications are missed until onUp. */
  onDown?(): void;
}

/**
 * LISTEN on one channel: a dedicated PostgreSQL connection (on whichever host is the primary now,
 * for a multi-host DATABASE_URL) that reconnects every second after a loss, or PGlite's in-process
 * listen in embedded mode. Returns the function that stops listening.
 */
export async function listenChannel(
  handle: DatabaseHandle,
  databaseUrl: string | undefined,
  channel: string,
  handlers: ListenHandlers,
  logger: Logger | false,
): Promise<() => Promise<void>> {
  if (handle.kind === 'embedded' && handle.pglite) {
    const unlisten = await handle.pglite.listen(channel, (payload) => handlers.onNotify(payload));
    handlers.onUp?.();
    return async () => {
      handlers.onDown?.();
      await unlisten();
    };
  }
  if (!databaseUrl) return async () => {};
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    if (closed) return;
    const url = handle.failover ? handle.failover.currentPrimary() : databaseUrl;
    if (!url) return schedule();
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (n) => handlers.onNotify(n.payload ?? ''));
    c.on('error', (err) => {
      if (logger) logger.warn({ err: err.message, channel }, 'LISTEN connection lost; reconnecting');
      void c.end().catch(() => undefined);
      if (client === c) {
        handlers.onDown?.();
        schedule();
      }
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      if (closed) {
        await c.end().catch(() => undefined);
        return;
      }
      client = c;
      handlers.onUp?.();
    } catch (err) {
      if (logger) logger.warn({ err: (err as Error).message, channel }, 'cannot LISTEN yet; retrying');
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
    const c = client;
    client = undefined;
    if (c) handlers.onDown?.();
    await c?.end().catch(() => undefined);
  };
}
