import type { Server, Socket } from 'socket.io';
import type { Actor } from '@vigil/core';

export type PresenceStatus = 'online' | 'away' | 'offline';
type Who = { id: number; username: string };

/** Presence changes are coalesced and sent once per team room per interval. */
const FLUSH_MS = 1000;
/**
 * Users per `presence` packet. After a failover a thousand users come online within a second;
 * one packet listing them all, written to every member's socket, blocked the event loop (and
 * live events) for up to 0.8 s. Packets of 100 (~5 KB, within a PostgreSQL NOTIFY) are sent one
 * per event-loop turn, so live events go out between them.
 */
export const PRESENCE_CHUNK = 100;
/** How long a cross-replica room query waits for the other replicas. */
export const FETCH_TIMEOUT_MS = 2000;

const teamRooms = (socket: Socket) => [...socket.rooms].filter((r) => r.startsWith('team:'));

/**
 * Presence (online / away / offline) for team rooms. A change is not broadcast per connection:
 * with 2,000 members reconnecting after a failover that would be 2,000 × 2,000 packets. Changes
 * are batched per team room and flushed every second as `presence` events listing the users who
 * changed (up to PRESENCE_CHUNK each); "offline" is decided at flush time with one cross-replica
 * query for all candidates.
 */
export function createPresence(io: Server, flushMs = FLUSH_MS) {
  const changes = new Map<string, Map<number, { user: Who; status: PresenceStatus }>>();
  const leaving = new Map<number, { user: Who; rooms: string[] }>();

  function note(rooms: string[], user: Who, status: PresenceStatus) {
    for (const room of rooms) {
      if (!changes.has(room)) changes.set(room, new Map());
      changes.get(room)!.set(user.id, { user, status });
    }
  }

  let flushing = false;

  async function flush() {
    // A flush still sending its packets finishes first: statuses must arrive in the order they changed.
    if (flushing) return;
    flushing = true;
    try {
      await flushChanges();
    } finally {
      flushing = false;
    }
  }

  async function flushChanges() {
    if (leaving.size) {
      const candidates = [...leaving.values()];
      leaving.clear();
      try {
        const still = new Set(
          (
            await io
              .in(candidates.map((c) => `user:${c.user.id}`))
              .timeout(FETCH_TIMEOUT_MS)
              .fetchSockets()
          ).map((s) => (s.data.actor as Actor).userId),
        );
        for (const c of candidates) if (!still.has(c.user.id)) note(c.rooms, c.user, 'offline');
      } catch {
        /* another replica did not answer in time: skip these offline notices */
      }
    }
    const packets: { room: string; users: { user: Who; status: PresenceStatus }[] }[] = [];
    for (const [room, users] of changes) {
      const list = [...users.values()];
      for (let i = 0; i < list.length; i += PRESENCE_CHUNK)
        packets.push({ room, users: list.slice(i, i + PRESENCE_CHUNK) });
    }
    changes.clear();
    for (const [i, p] of packets.entries()) {
      if (i > 0) await new Promise((r) => setImmediate(r));
      io.to(p.room).emit('presence', { users: p.users });
    }
  }

  const timer = setInterval(() => void flush(), flushMs);
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
