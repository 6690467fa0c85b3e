import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { Logger } from 'pino';
import type { DatabaseHandle, Repositories } from '@vigil/db';
import { AppError, type Actor, type AuthService, type FindingService } from '@vigil/core';
import { EventTailer } from './event-tailer.ts';
import { createDelivery } from './event-delivery.ts';
import { replay } from './replay.ts';
import { ReplayShare } from './replay-share.ts';
import { roomsOf } from './socket-rooms.ts';
import { authenticateSocket, type HandshakeAuth } from './socket-auth.ts';
import { registerEphemeralEvents } from './ephemeral-events.ts';
import { createPresence } from './presence.ts';
import { listenForEvents } from './log-wakeup.ts';
import { useCrossReplicaAdapter, type AdapterKind } from './cross-replica-adapter.ts';

/** Finding threads a handshake may ask to resume at once. */
const MAX_HANDSHAKE_FINDINGS = 50;

export interface RealtimeOptions {
  httpServer: HttpServer;
  handle: DatabaseHandle;
  repos: Repositories;
  services: { auth: AuthService; findings: FindingService };
  databaseUrl?: string;
  redisUrl?: string;
  pollMs: number;
  replayMax: number;
  logger: Logger | false;
}

export interface Realtime {
  io: Server;
  adapter: AdapterKind;
  close(): Promise<void>;
}

/**
 * Socket.IO on the REST server's port (path /socket.io, websocket transport). Connections are
 * authenticated like REST requests, join only rooms their user may read, resume from the last event
 * id they saw, and then receive committed domain events live from this replica's log tailer.
 */
export async function startRealtime(opts: RealtimeOptions): Promise<Realtime> {
  const { repos, logger } = opts;
  const io = new Server(opts.httpServer, { path: '/socket.io', transports: ['websocket'], serveClient: false, pingInterval: 10_000, pingTimeout: 5_000 });
  const adapter = await useCrossReplicaAdapter(io, opts.handle, opts.redisUrl, logger);
  const tailer = new EventTailer(repos, createDelivery(io, repos), { pollMs: opts.pollMs, logger });
  await tailer.start();
  const presence = createPresence(io);
  const replayed = new ReplayShare();
  const unlisten = await listenForEvents(opts.handle, opts.databaseUrl, () => tailer.wake(), logger);

  io.use((socket, next) => {
    authenticateSocket(opts.services.auth, socket.request, socket.handshake.auth as HandshakeAuth)
      .then((actor) => {
        if (!actor) return next(new Error('UNAUTHENTICATED'));
        socket.data.actor = actor;
        next();
      })
      .catch(() => next(new Error('UNAVAILABLE')));
  });

  io.on('connection', (socket) => {
    void attach(socket).catch((err: unknown) => {
      if (logger) logger.warn({ err: (err as Error).message, userId: socket.data.actor?.userId }, 'real-time attach failed');
      socket.emit('resync', { reason: 'attach failed' });
      socket.disconnect(true);
    });
  });

  async function readableFinding(actor: Actor, findingId: number): Promise<boolean> {
    try {
      await opts.services.findings.get({ actor }, findingId);
      return true;
    } catch (err) {
      if (err instanceof AppError && (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN')) return false;
      throw err;
    }
  }

  async function attach(socket: Socket): Promise<void> {
    const actor = socket.data.actor as Actor;
    const hs = socket.handshake.auth as HandshakeAuth;
    const rooms = await roomsOf(repos, actor);
    const asked = Array.isArray(hs.findings) ? hs.findings.filter((n): n is number => Number.isInteger(n) && n > 0).slice(0, MAX_HANDSHAKE_FINDINGS) : [];
    for (const id of asked) if (await readableFinding(actor, id)) rooms.push(`finding:${id}`);
    const lastEventId = Number.isInteger(hs.lastEventId) && (hs.lastEventId as number) >= 0 ? (hs.lastEventId as number) : undefined;
    await tailer.atBoundary(async (position) => {
      let complete = true;
      if (lastEventId !== undefined) complete = await replay(socket, repos, rooms, lastEventId, position, opts.replayMax, replayed);
      socket.join(rooms);
      if (!complete) socket.emit('resync', { reason: 'the missed events cannot be replayed; reload' });
      socket.emit('ready', { position: position.eventId, rooms: rooms.length, user: { id: actor.userId, username: actor.username } });
    });
    registerEphemeralEvents(io, socket, presence);
    socket.on('subscribe', async (msg: unknown, ack?: unknown) => {
      const findingId = Number((msg as { findingId?: unknown })?.findingId);
      const ok = Number.isInteger(findingId) && findingId > 0 && (await readableFinding(actor, findingId).catch(() => false));
      if (ok) socket.join(`finding:${findingId}`);
      if (typeof ack === 'function') ack(ok ? { ok: true } : { error: 'NOT_FOUND' });
    });
    socket.on('unsubscribe', (msg: unknown) => {
      const findingId = Number((msg as { findingId?: unknown })?.findingId);
      if (Number.isInteger(findingId)) socket.leave(`finding:${findingId}`);
    });
    socket.on('rooms:refresh', async (_msg: unknown, ack?: unknown) => {
      const wanted = await roomsOf(repos, actor).catch(() => undefined);
      if (wanted) {
        for (const room of socket.rooms) if ((room.startsWith('team:') || room.startsWith('product:')) && !wanted.includes(room)) socket.leave(room);
        socket.join(wanted);
      }
      if (typeof ack === 'function') ack({ ok: !!wanted });
    });
  }

  return {
    io,
    adapter: adapter.kind,
    async close() {
      tailer.stop();
      presence.stop();
      await unlisten();
      io.disconnectSockets(true);
      // Not io.close(): that would also close the HTTP server, which Fastify owns.
      io.engine.close();
      await io.of('/').adapter.close();
      await adapter.close();
    },
  };
}
