import type { Server, Socket } from 'socket.io';
import type { Actor } from '@vigil/core';
import { FETCH_TIMEOUT_MS, type Presence, type PresenceStatus } from './presence.ts';

const TYPING_MIN_INTERVAL_MS = 1000;

/**
 * Typing and presence: not persisted, relayed to other replicas by the Socket.IO adapter.
 * A socket may only signal in rooms it is already in (joined after an access check).
 */
export function registerEphemeralEvents(io: Server, socket: Socket, presence: Presence): void {
  const actor = socket.data.actor as Actor;
  const who = { id: actor.userId, username: actor.username };
  const lastTyping = new Map<string, number>();
  socket.data.status = 'online' satisfies PresenceStatus;

  socket.on('typing', (msg: unknown) => {
    const channel = (msg as { channel?: unknown })?.channel;
    if (typeof channel !== 'string' || !/^(team|finding):\d+$/.test(channel) || !socket.rooms.has(channel)) return;
    const now = Date.now();
    if (now - (lastTyping.get(channel) ?? 0) < TYPING_MIN_INTERVAL_MS) return;
    lastTyping.set(channel, now);
    socket.to(channel).emit('typing', { channel, user: who });
  });

  socket.on('presence', (msg: unknown) => {
    const status = (msg as { status?: unknown })?.status;
    if (status !== 'online' && status !== 'away') return;
    socket.data.status = status;
    presence.changed(socket, who, status);
  });

  /** Who is connected in a team the socket belongs to, on every replica. */
  socket.on('presence:list', async (msg: unknown, ack: unknown) => {
    if (typeof ack !== 'function') return;
    const room = `team:${Number((msg as { teamId?: unknown })?.teamId)}`;
    if (!socket.rooms.has(room)) return ack({ error: 'NOT_FOUND' });
    try {
      const users = new Map<number, { id: number; username: string; status: PresenceStatus }>();
      for (const s of await io.in(room).timeout(FETCH_TIMEOUT_MS).fetchSockets()) {
        const a = s.data.actor as Actor;
        // A user with one active tab and one idle tab is online.
        if (!users.has(a.userId) || s.data.status === 'online')
          users.set(a.userId, { id: a.userId, username: a.username, status: s.data.status ?? 'online' });
      }
      ack({ users: [...users.values()] });
    } catch {
      ack({ error: 'UNAVAILABLE' });
    }
  });

  presence.connected(socket, who);
  socket.on('disconnecting', () => presence.disconnecting(socket, who));
}
