import type { Server, Socket } from 'socket.io';
import type { Actor } from '@vigil/core';

export type PresenceStatus = 'online' | 'away' | 'offline';
type Who = { id: number; username: string };

/** Presence changes are coalesced and sent once per team room per interval. */
const FLUSH_MS = 1000;
/** How long a cross-replica room query waits for the other replicas. */
export const FETCH_TIMEOUT_MS = 2000;

const teamRooms = (socket: Socket) => [...socket.rooms].filter((r) => r.startsWith('team:'));

/**
 * Presence (online / away / offline) for team rooms. A change is not broadcast per connection:
 * with 2,000 members reconnecting after a failover that would be 2,000 × 2,000 packets. Changes
 * are batched per team room and flushed every second as one `presence` event listing the users
 * who changed; "offline" is decided at flush time with one cross-replica query for all candidates.
 */
export function createPresence(io: Server) {
  const changes = new Map<string, Map<number, { user: Who; status: PresenceStatus }>>();
  const leaving = new Map<number, { user: Who; rooms: string[] }>();

  function note(rooms: string[], user: Who, status: PresenceStatus) {
    for (const room of rooms) {
      if (!changes.has(room)) changes.set(room, new Map());
      changes.get(room)!.set(user.id, { user, status });
    }
  }

  async function flush() {
    if (leaving.size) {
      const candidates = [...leaving.values()];
      leaving.clear();
      try {
        const still = new Set((await io.in(candidates.map((c) => `user:${c.user.id}`)).timeout(FETCH_TIMEOUT_MS).fetchSockets()).map((s) => (s.data.actor as Actor).userId));
        for (const c of candidates) if (!still.has(c.user.id)) note(c.rooms, c.user, 'offline');
      } catch {
        /* another replica did not answer in time: skip these offline notices */
      }
    }
    for (const [room, users] of changes) io.to(room).emit('presence', { users: [...users.values()] });
    changes.clear();
  }

  const timer = setInterval(() => void flush(), FLUSH_MS);
  timer.unref();

  return {
    connected(socket: Socket, user: Who) {
      leaving.delete(user.id);
      note(teamRooms(socket), user, 'online');
    },
    changed(socket: Socket, user: Who, status: 'online' | 'away') {
      note(teamRooms(socket), user, status);
    },
    disconnecting(socket: Socket, user: Who) {
      const rooms = teamRooms(socket);
      if (rooms.length) leaving.set(user.id, { user, rooms });
    },
    stop() {
      clearInterval(timer);
    },
  };
}

export type Presence = ReturnType<typeof createPresence>;
