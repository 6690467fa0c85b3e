import type { Server } from 'socket.io';
import type { Repositories } from '@vigil/db';
import type { ParsedEvent } from '@vigil/core';
import { presentEvent, type Presented } from './event-presenters.ts';
import { ADMINS_ROOM } from './socket-rooms.ts';
import type { AccessGuard } from './access-guard.ts';

type Repos = Pick<Repositories, 'chatMessages'>;

/** Events presented concurrently ahead of the one being emitted (bounded: they share the pool with REST). */
const PRESENT_AHEAD = 8;

/**
 * Live delivery on this replica: each committed event goes to the local sockets in its rooms
 * (`io.local`: every replica reads the log itself, so nothing is relayed through the adapter).
 * Membership events move the user's local sockets between rooms in the same ordered stream.
 */
export function createDelivery(io: Server, repos: Repos, guard: Pick<AccessGuard, 'refreshUser'>) {
  /** Re-derives team, product and finding rooms for one user's sockets on this replica. */
  const refreshUserRooms = (userId: number) => guard.refreshUser(userId);

  return async function deliver(events: ParsedEvent[]): Promise<void> {
    // Presentations that load rows (chat messages) run a few events ahead instead of one round
    // trip after another; emitting and room moves still follow the log order.
    const presentations: (Promise<Presented | null> | undefined)[] = [];
    const startPresenting = (i: number) => {
      if (i >= events.length || presentations[i]) return;
      const presenting = presentEvent(events[i], repos);
      presenting.catch(() => undefined); // awaited in order below; no unhandled rejection meanwhile
      presentations[i] = presenting;
    };
    for (const [i, e] of events.entries()) {
      for (let j = i; j < i + PRESENT_AHEAD; j++) startPresenting(j);
      if (e.type === 'team.member_added' || e.type === 'team.member_role_changed')
        await refreshUserRooms(e.payload.userId);
      if (e.type === 'product.added') io.local.in(ADMINS_ROOM).socketsJoin(`product:${e.payload.productId}`);
      const presented = await presentations[i];
      // One broadcast per event: encoded once, written to every local socket in its rooms.
      if (presented) io.local.to(presented.rooms).emit('event', presented.envelope);
      if (e.type === 'team.member_removed') await refreshUserRooms(e.payload.userId);
    }
  };
}
