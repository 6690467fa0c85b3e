import type { EventPosition, Repositories } from '@vigil/db';
import { parseDomainEvents, type ParsedEvent } from '@vigil/core';
import { presentEvent, type Presented } from './event-presenters.ts';
import { atOrBefore } from './event-tailer.ts';

type Repos = Pick<Repositories, 'events' | 'chatMessages'>;

/** Most presented events kept for the replays of one boundary. */
const PRESENTED_MAX = 5000;
/** A stretch of the log longer than this is not shared: each replay reads its own rooms' events. */
export const SEGMENT_MAX = 1000;
/** Most stretches (distinct resume points) kept for one boundary. */
const SEGMENTS_MAX = 20;

/**
 * What the replays that run at the same tailer boundary share. After a failover hundreds of
 * sockets reconnect with mostly the same last event id: one read of the log after it (every
 * topic, filtered by each socket's rooms in memory), one lookup of its position and one
 * presentation per event (a chat message is a query) serve them all. Valid for one boundary only:
 * a later one may follow an edit or a delete.
 */
export class ReplayShare {
  private boundary = -1;
  private readonly presented = new Map<number, Promise<Presented | null>>();
  private readonly segments = new Map<number, Promise<ParsedEvent[] | undefined>>();
  private readonly positions = new Map<number, Promise<EventPosition | undefined>>();

  private at(upTo: EventPosition): void {
    if (upTo.eventId === this.boundary) return;
    this.presented.clear();
    this.segments.clear();
    this.positions.clear();
    this.boundary = upTo.eventId;
  }

  /** Shares one promise per key; a failed one is dropped so that the next replay retries. */
  private shared<K, V>(map: Map<K, Promise<V>>, key: K, max: number, load: () => Promise<V>): Promise<V> {
    let p = map.get(key);
    if (!p) {
      if (map.size >= max) map.clear();
      p = load();
      map.set(key, p);
      p.catch(() => map.get(key) === p && map.delete(key));
    }
    return p;
  }

  positionOf(eventId: number, upTo: EventPosition, repos: Repos): Promise<EventPosition | undefined> {
    this.at(upTo);
    return this.shared(this.positions, eventId, PRESENTED_MAX, () => repos.events.positionOf(eventId));
  }

  /** The events after `from` up to `upTo`, of every topic, or undefined when there are more than SEGMENT_MAX. */
  segment(from: EventPosition, upTo: EventPosition, repos: Repos): Promise<ParsedEvent[] | undefined> {
    this.at(upTo);
    return this.shared(this.segments, from.eventId, SEGMENTS_MAX, async () => {
      const read = await repos.events.readAfter(from, SEGMENT_MAX + 1);
      const within = read.filter((e) => atOrBefore(e, upTo));
      // Complete when the read ended before the limit or went past the boundary (ids are in order).
      return read.length <= SEGMENT_MAX || within.length < read.length ? parseDomainEvents(within) : undefined;
    });
  }

  present(e: ParsedEvent, upTo: EventPosition, repos: Repos): Promise<Presented | null> {
    this.at(upTo);
    return this.shared(this.presented, e.id, PRESENTED_MAX, () => presentEvent(e, repos));
  }
}
