import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { Logger } from 'pino';
import type { DatabaseHandle, Repositories } from '@vigil/db';
import { AppError, isNotFound, type Actor, type AuthService, type FindingService } from '@vigil/core';
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
import { createAccessGuard } from './access-guard.ts';
import { listenChannel } from '../runtime/pg-listen.ts';
import { CHANGES_CHANNEL } from '../cache/read-caches.ts';

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
  const io = new Server(opts.httpServer, {
    path: '/socket.io',
    transports: ['websocket'],
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 5_000,
  });
  const adapter = await useCrossReplicaAdapter(io, opts.handle, opts.redisUrl, logger);
  const guard = createAccessGuard(io, repos, logger);
  const tailer = new EventTailer(repos, createDelivery(io, repos, guard), { pollMs: opts.pollMs, logger });
  await tailer.start();
  const presence = createPresence(io);
  const replayed = new ReplayShare();
  const unlisten = await listenForEvents(opts.handle, opts.databaseUrl, () => tailer.wake(), logger);
  // Access revocation (docs/realtime.md): every server re-checks its own sockets when roles,
  // teams, users, sessions or tokens change, whichever server or process made the change.
  const unlistenChanges = await listenChannel(
    opts.handle,
    opts.databaseUrl,
    CHANGES_CHANNEL,
    { onNotify: (topic) => guard.changed(topic), onUp: () => guard.changedAll() },
    logger,
  );

  io.use((socket, next) => {
    // A change heard after this point may not be reflected in what the connection is given: re-checked after it joins.
    socket.data.changesSeen = guard.changes;
    authenticateSocket(opts.services.auth, socket.request, socket.handshake.auth as HandshakeAuth)
      .then((identity) => {
        if (!identity) return next(new Error('UNAUTHENTICATED'));
        socket.data.actor = identity.actor;
        socket.data.credential = identity.credential;
        next();
      })
      .catch(() => next(new Error('UNAVAILABLE')));
  });

  io.on('connection', (socket) => {
    void attach(socket).catch((err: unknown) => {
      if (logger)
        logger.warn({ err: (err as Error).message, userId: socket.data.actor?.userId }, 'real-time attach failed');
      socket.emit('resync', { reason: 'attach failed' });
      socket.disconnect(true);
    });
  });

  async function readableFinding(actor: Actor, findingId: number): Promise<boolean> {
    try {
      await opts.services.findings.get({ actor }, findingId);
      return true;
    } catch (err) {
      if (isNotFound(err) || (err instanceof AppError && err.code === 'FORBIDDEN')) return false;
      throw err;
    }
  }

  async function attach(socket: Socket): Promise<void> {
    const actor = socket.data.actor as Actor;
    // Before any await: a client may ask as soon as it is connected.
    socket.on('subscribe', async (msg: unknown, ack?: unknown) => {
      const findingId = Number((msg as { findingId?: unknown })?.findingId);
      const seen = guard.changes;
      // The actor as last re-checked (an administrator may have lost the role).
      const ok =
        Number.isInteger(findingId) &&
        findingId > 0 &&
        socket.connected &&
        (await readableFinding(socket.data.actor as Actor, findingId).catch(() => false));
      if (ok) {
        socket.join(`finding:${findingId}`);
        // Read before a change was heard: check again (leaving the room if the check cannot run).
        if (guard.changes !== seen) await guard.recheck([socket]).catch(() => socket.leave(`finding:${findingId}`));
      }
      const joined = ok && socket.rooms.has(`finding:${findingId}`);
      if (typeof ack === 'function') ack(joined ? { ok: true } : { error: 'NOT_FOUND' });
    });
    socket.on('unsubscribe', (msg: unknown) => {
      const findingId = Number((msg as { findingId?: unknown })?.findingId);
      if (Number.isInteger(findingId)) socket.leave(`finding:${findingId}`);
    });
    // Credential first, then rooms, from the database as it is now: never a room the user may no longer read.
    socket.on('rooms:refresh', async (_msg: unknown, ack?: unknown) => {
      const ok = await guard.recheck([socket]).then(
        () => socket.connected,
        () => false,
      );
      if (typeof ack === 'function') ack({ ok });
    });
    const hs = socket.handshake.auth as HandshakeAuth;
    const rooms = await roomsOf(repos, actor);
    const asked = Array.isArray(hs.findings)
      ? hs.findings.filter((n): n is number => Number.isInteger(n) && n > 0).slice(0, MAX_HANDSHAKE_FINDINGS)
      : [];
    for (const id of asked) if (await readableFinding(actor, id)) rooms.push(`finding:${id}`);
    const lastEventId =
      Number.isInteger(hs.lastEventId) && (hs.lastEventId as number) >= 0 ? (hs.lastEventId as number) : undefined;
    await tailer.atBoundary(async (position) => {
      let complete = true;
      if (lastEventId !== undefined)
        complete = await replay(socket, repos, rooms, lastEventId, position, opts.replayMax, replayed);
      socket.join(rooms);
      socket.data.attached = true;
      if (!complete) socket.emit('resync', { reason: 'the missed events cannot be replayed; reload' });
      socket.emit('ready', {
        position: position.eventId,
        rooms: rooms.length,
        user: { id: actor.userId, username: actor.username },
      });
    });
    registerEphemeralEvents(io, socket, presence);
    // The rooms were read before changes heard since the handshake: check them (and the credential) again.
    if (guard.changes !== socket.data.changesSeen) await guard.recheck([socket]);
  }

  return {
    io,
    adapter: adapter.kind,
    async close() {
      tailer.stop();
      presence.stop();
      guard.stop();
      await unlisten();
      await unlistenChanges();
      io.disconnectSockets(true);
      // Not io.close(): that would also close the HTTP server, which Fastify owns.
      io.engine.close();
      await io.of('/').adapter.close();
      await adapter.close();
    },
  };
}
