import type { Socket } from 'socket.io';
import { LOG_START, type EventPosition, type Repositories } from '@vigil/db';
import { presentEvent } from './event-presenters.ts';
import { atOrBefore } from './event-tailer.ts';

type Repos = Pick<Repositories, 'events' | 'chatMessages'>;

/**
 * Sends a reconnecting socket what its rooms received after `lastEventId`, up to `upTo` (the
 * tailer's position; later events arrive live). Returns false when the gap cannot be replayed
 * (the id is unknown or pruned, or more than `max` events): the client then reloads over REST.
 */
export async function replay(socket: Socket, repos: Repos, rooms: string[], lastEventId: number, upTo: EventPosition, max: number): Promise<boolean> {
  let from = lastEventId === 0 ? LOG_START : await repos.events.positionOf(lastEventId);
  if (!from) return false;
  let sent = 0;
  const roomSet = new Set(rooms);
  for (;;) {
    const batch = await repos.events.readAfter(from, 500, rooms);
    let done = batch.length < 500;
    for (const e of batch) {
      if (!atOrBefore(e, upTo)) {
        done = true;
        break;
      }
      from = { txId: e.tx_id, eventId: e.id };
      const presented = await presentEvent(e, repos);
      if (!presented || !presented.rooms.some((r) => roomSet.has(r))) continue;
      if (++sent > max) return false;
      socket.emit('event', presented.envelope);
    }
    if (done) return true;
  }
}
