import { sql } from 'kysely';
import type { Server } from 'socket.io';
import type { DatabaseHandle } from '@vigil/db';
import type { Logger } from 'pino';
import { createClient } from 'redis';
import { createAdapter as createRedisStreamsAdapter } from '@socket.io/redis-streams-adapter';
import { createAdapter as createPostgresAdapter } from '@socket.io/postgres-adapter';

export type AdapterKind = 'redis-streams' | 'postgres' | 'in-memory';

/**
 * The Socket.IO adapter that carries ephemeral events (typing, presence) and room queries
 * (fetchSockets) between replicas: Redis streams when REDIS_URL is set, else PostgreSQL
 * LISTEN/NOTIFY on the shared database, else (embedded, one process) the in-memory default.
 * Persisted events never go through it: every replica reads them from the event log.
 */
export async function useCrossReplicaAdapter(
  io: Server,
  handle: DatabaseHandle,
  redisUrl: string | undefined,
  logger: Logger | false,
): Promise<{ kind: AdapterKind; close: () => Promise<void> }> {
  if (redisUrl) {
    const client = createClient({ url: redisUrl });
    client.on('error', (err) => {
      if (logger) logger.warn({ err: (err as Error).message }, 'redis adapter connection error');
    });
    await client.connect();
    // One stream per database: installations (and test clusters) sharing a Redis never hear each other.
    const database = await sql<{ name: string }>`SELECT current_database() AS name`
      .execute(handle.db)
      .then((r) => r.rows[0]?.name ?? 'vigil');
    io.adapter(
      createRedisStreamsAdapter(client, {
        streamName: `vigil:${database}:socket.io`,
        heartbeatInterval: 2000,
        heartbeatTimeout: 5000,
      }),
    );
    return { kind: 'redis-streams', close: async () => void (await client.quit().catch(() => undefined)) };
  }
  if (handle.kind === 'postgres' && handle.pool) {
    io.adapter(
      createPostgresAdapter(handle.pool, {
        channelPrefix: 'vigil_sio',
        heartbeatInterval: 2000,
        heartbeatTimeout: 5000,
        errorHandler: (err) => {
          if (logger) logger.warn({ err: err.message }, 'postgres adapter error');
        },
      }),
    );
    return { kind: 'postgres', close: async () => {} };
  }
  return { kind: 'in-memory', close: async () => {} };
}
