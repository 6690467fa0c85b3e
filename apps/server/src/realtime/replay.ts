import type { Socket } from 'socket.io';
import { LOG_START, type DomainEventRecord, type EventPosition, type Repositories } from '@vigil/db';
import { presentEvent, type Presented } from './event-presenters.ts';
import { atOrBefore } from './event-tailer.ts';

type Repos = Pick<Repositories, 'events' | 'chatMessages'>;

/** Most presented events kept for the replays of one boundary. */
const SHARED_MAX = 5000;

/**
 * Presented events shared by the replays that run at the same tailer boundary: after a failover
 * hundreds of sockets reconnect and replay mostly the same events, and each presentation of a chat
 * message is a query. Valid for one boundary only (a later boundary may follow an edit or delete).
 */
export class ReplayPresentations {
  private boundary = -1;
  private readonly presented = new Map<number, Promise<Presented | null>>();

  present(e: DomainEventRecord, upTo: EventPosition, repos: Repos): Promise<Presented | null> {
    if (upTo.eventId !== this.boundary || this.presented.size >= SHARED_MAX) {
      this.presented.clear();
      this.boundary = upTo.eventId;
    }
    let p = this.presented.get(e.id);
    if (!p) {
      p = presentEvent(e, repos);
      this.presented.set(e.id, p);
      // A failed presentation is not kept: the next replay retries it.
      p.catch(() => this.presented.get(e.id) === p && this.presented.delete(e.id));
    }
    return p;
  }
}

/**
 * Sends a reconnecting socket what its rooms received after `lastEventId`, up to `upTo` (the
 * tailer's position; later events arrive live). Returns false when the gap cannot be replayed
 * (the id is unknown or pruned, or more than `max` events): the client then reloads over REST.
 */
export async function replay(socket: Socket, repos: Repos, rooms: string[], lastEventId: number, upTo: EventPosition, max: number, shared = new ReplayPresentations()): Promise<boolean> {
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
      const presented = await shared.present(e, upTo, repos);
      if (!presented || !presented.rooms.some((r) => roomSet.has(r))) continue;
      if (++sent > max) return false;
      socket.emit('event', presented.envelope);
    }
    if (done) return true;
  }
}
