import type { Socket } from 'socket.io';
import { LOG_START, type EventPosition, type Repositories } from '@vigil/db';
import { parseDomainEvents, type ParsedEvent } from '@vigil/core';
import { atOrBefore } from './event-tailer.ts';
import { ReplayShare } from './replay-share.ts';

type Repos = Pick<Repositories, 'events' | 'chatMessages'>;

/**
 * Sends a reconnecting socket what its rooms received after `lastEventId`, up to `upTo` (the
 * tailer's position; later events arrive live). Returns false when the gap cannot be replayed
 * (the id is unknown or pruned, or more than `max` events): the client then reloads over REST.
 * `shared` carries the reads and presentations of the other replays at the same boundary.
 */
export async function replay(
  socket: Socket,
  repos: Repos,
  rooms: string[],
  lastEventId: number,
  upTo: EventPosition,
  max: number,
  shared = new ReplayShare(),
): Promise<boolean> {
  let from = lastEventId === 0 ? LOG_START : await shared.positionOf(lastEventId, upTo, repos);
  if (!from) return false;
  const roomSet = new Set(rooms);
  let sent = 0;
  /** Sends `e` if the socket's rooms may read it; false once more than `max` were sent. */
  const send = async (e: ParsedEvent): Promise<boolean> => {
    const presented = await shared.present(e, upTo, repos);
    if (!presented?.rooms.some((r) => roomSet.has(r))) return true;
    if (++sent > max) return false;
    socket.emit('event', presented.envelope);
    return true;
  };

  const segment = await shared.segment(from, upTo, repos);
  if (segment) {
    for (const e of segment) if (e.topics.some((t) => roomSet.has(t)) && !(await send(e))) return false;
    return true;
  }
  // A long gap: read only this socket's rooms, page by page.
  for (;;) {
    const batch = await repos.events.readAfter(from, 500, rooms);
    for (const r of batch) {
      if (!atOrBefore(r, upTo)) return true;
      from = { txId: r.tx_id, eventId: r.id };
      for (const e of parseDomainEvents([r])) if (!(await send(e))) return false;
    }
    if (batch.length < 500) return true;
  }
}
