import type { Server, Socket } from 'socket.io';
import type { Actor } from '@vigil/core';

const TYPING_MIN_INTERVAL_MS = 1000;
/** How long a cross-replica room query waits for the other replicas. */
const FETCH_TIMEOUT_MS = 2000;
export type PresenceStatus = 'online' | 'away' | 'offline';

const teamRooms = (socket: Socket) => [...socket.rooms].filter((r) => r.startsWith('team:'));

/**
 * Typing and presence: not persisted, relayed to other replicas by the Socket.IO adapter.
 * A socket may only signal in rooms it is already in (joined after an access check).
 */
export function registerEphemeralEvents(io: Server, socket: Socket): void {
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
    const rooms = teamRooms(socket);
    if (rooms.length) socket.to(rooms).emit('presence', { user: who, status });
  });

  /** Who is connected in a team the socket belongs to, on every replica. */
  socket.on('presence:list', async (msg: unknown, ack: unknown) => {
    if (typeof ack !== 'function') return;
    const teamId = Number((msg as { teamId?: unknown })?.teamId);
    const room = `team:${teamId}`;
    if (!socket.rooms.has(room)) return ack({ error: 'NOT_FOUND' });
    try {
      const sockets = await io.in(room).timeout(FETCH_TIMEOUT_MS).fetchSockets();
      const users = new Map<number, { id: number; username: string; status: PresenceStatus }>();
      for (const s of sockets) {
        const a = s.data.actor as Actor;
        const prev = users.get(a.userId);
        if (!prev || s.data.status === 'online') users.set(a.userId, { id: a.userId, username: a.username, status: s.data.status ?? 'online' });
        else if (prev) users.set(a.userId, prev);
      }
      ack({ users: [...users.values()] });
    } catch {
      ack({ error: 'UNAVAILABLE' });
    }
  });

  const rooms = teamRooms(socket);
  if (rooms.length) socket.to(rooms).emit('presence', { user: who, status: 'online' });

  socket.on('disconnecting', () => {
    const left = teamRooms(socket);
    if (!left.length) return;
    // Offline only when this was the user's last connection on any replica.
    void io
      .in(`user:${actor.userId}`)
      .timeout(FETCH_TIMEOUT_MS)
      .fetchSockets()
      .then((others) => {
        if (!others.some((s) => s.id !== socket.id)) io.to(left).emit('presence', { user: who, status: 'offline' });
      })
      .catch(() => undefined);
  });
}
