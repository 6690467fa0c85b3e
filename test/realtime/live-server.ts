import { io as connectSocket, type Socket } from 'socket.io-client';
import { startRealtime, type Realtime } from '../../apps/server/src/realtime/realtime-server.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { freshDatabase, freshDatabaseOf, type DatabaseKindUnderTest } from '../support/postgres.ts';
import { waitFor } from '../support/wait.ts';

/**
 * One real server in this process, listening on a free port, with Socket.IO as `vigil server` and
 * `vigil start` run it: on a fresh PostgreSQL database (LISTEN on its own connection) or on PGlite
 * in memory (embedded mode: PGlite's in-process notifications).
 */
export interface LiveServer {
  url: string;
  h: Harness;
  handle: Parameters<typeof startRealtime>[0]['handle'];
  realtime: Realtime;
  close(): Promise<void>;
}

export async function startLiveServer(kind: DatabaseKindUnderTest): Promise<LiveServer> {
  let db: { handle: Parameters<typeof startRealtime>[0]['handle']; uow: Harness['uow']; close(): Promise<void> };
  let databaseUrl: string | undefined;
  if (kind === 'postgres') {
    const d = await freshDatabase();
    db = { handle: d.handle, uow: d.uow, close: () => d.drop() };
    databaseUrl = d.url;
  } else {
    db = await freshDatabaseOf('embedded');
  }
  const h = await createHarness(db.uow);
  const realtime = await startRealtime({
    httpServer: h.app.server,
    handle: db.handle,
    repos: db.uow.repos,
    services: h.services,
    databaseUrl,
    pollMs: 500,
    replayMax: 1000,
    logger: false,
  });
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  const address = h.app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    h,
    handle: db.handle,
    realtime,
    async close() {
      await realtime.close();
      await h.close();
      await db.close();
    },
  };
}

export interface EventEnvelope {
  id: number;
  type: string;
  data: Record<string, unknown>;
}

/** A raw Socket.IO client that records what it receives. */
export interface TestSocket {
  socket: Socket;
  events: EventEnvelope[];
  left: string[][];
  ended: unknown[];
  disconnected: boolean;
  close(): void;
}

export async function openSocket(
  url: string,
  auth: { token?: string; findings?: number[] },
  headers: Record<string, string> = {},
): Promise<TestSocket> {
  const socket = connectSocket(url, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth,
    extraHeaders: headers,
  });
  const t: TestSocket = { socket, events: [], left: [], ended: [], disconnected: false, close: () => socket.close() };
  socket.on('event', (e: EventEnvelope) => t.events.push(e));
  socket.on('rooms:left', (r: { rooms: string[] }) => t.left.push(r.rooms));
  socket.on('session:ended', (r: unknown) => t.ended.push(r));
  socket.on('disconnect', () => (t.disconnected = true));
  await new Promise<void>((resolve, reject) => {
    socket.once('ready', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  return t;
}

/** Waits for a condition (never a fixed sleep); returns how long it took. */
export async function until(what: string, check: () => boolean, ms = 10_000): Promise<number> {
  const t0 = Date.now();
  await waitFor(check, { what, timeoutMs: ms, everyMs: 2 });
  return Date.now() - t0;
}

/** The server's answer to a request sent after everything emitted to the socket so far: frames arrive in order. */
export async function roundTrip(t: TestSocket): Promise<{ ok?: boolean }> {
  return (await t.socket.timeout(5000).emitWithAck('rooms:refresh', {})) as { ok?: boolean };
}
