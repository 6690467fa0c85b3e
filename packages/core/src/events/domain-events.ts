import type { DomainEventRecord, NewDomainEvent, Repositories } from '@vigil/db';
import {
  checkEventPayload,
  parseDomainEvent,
  type DomainEventPayloadInput,
  type DomainEventType,
  type ParsedDomainEvent,
} from '@vigil/contract';

/**
 * Domain events. A service appends them with `publish` inside the transaction of the change, so
 * they exist exactly when the change does. The catalogue — one payload schema per type, with size
 * limits — is `DOMAIN_EVENT_PAYLOADS` in @vigil/contract. Consumers: the WebSocket fan-out (rooms =
 * topics), the notification dispatcher and Jira sync; each parses an event once where it reads the
 * log (`parseDomainEvents`). Payloads carry ids and small facts only; consumers load and present
 * what a receiver may read.
 */
export { DOMAIN_EVENT_TYPES, type DomainEventType, type DomainEventPayload } from '@vigil/contract';

/** Room names: the same strings are Socket.IO rooms and notification scopes. */
export const topic = {
  user: (id: number) => `user:${id}`,
  team: (id: number) => `team:${id}`,
  product: (id: number) => `product:${id}`,
  finding: (id: number) => `finding:${id}`,
  productType: (id: number) => `product_type:${id}`,
  public: () => 'public',
};

/** One event to append: the payload type follows `type` (`DomainEventInputOf<'scan.imported'>`). */
export type DomainEventInputOf<T extends DomainEventType> = {
  type: T;
  topics: string[];
  actorId?: number | null;
  payload: DomainEventPayloadInput<T>;
};
export type DomainEventInput = { [T in DomainEventType]: DomainEventInputOf<T> }[DomainEventType];

/**
 * Appends events in the caller's transaction (pass the transaction's repositories). Each payload
 * is parsed by its type's schema first: an invalid or oversize payload throws EventPayloadError
 * and the change rolls back with it.
 */
export async function publish(
  repos: Pick<Repositories, 'events'>,
  events: DomainEventInput | DomainEventInput[],
): Promise<void> {
  const list = Array.isArray(events) ? events : [events];
  await repos.events.append(list.map(toNewEvent));
}

/** One event's row, its payload parsed by its type's schema (generic, so the payload's type follows the type's). */
function toNewEvent<T extends DomainEventType>(e: DomainEventInputOf<T>): NewDomainEvent {
  return { type: e.type, topics: e.topics, actorId: e.actorId || null, payload: checkEventPayload(e.type, e.payload) };
}

export type ParsedEvent = ParsedDomainEvent<Omit<DomainEventRecord, 'type' | 'payload'>>;

/**
 * Parses events read from the log, once, where they are read. One that does not parse (an unknown
 * type, a payload that fits no version of its schema) is logged and skipped: a consumer never
 * crashes on it, and its position still moves past it (keep using the records for positions).
 */
export function parseDomainEvents(
  records: DomainEventRecord[],
  log: (msg: string, fields: Record<string, unknown>) => void = defaultLog,
): ParsedEvent[] {
  const out: ParsedEvent[] = [];
  for (const r of records) {
    const parsed = parseDomainEvent(r);
    if (parsed.ok) out.push(parsed.event as ParsedEvent);
    else
      log('domain event skipped: it does not match the catalogue', {
        eventId: r.id,
        type: r.type,
        reason: parsed.reason.slice(0, 500),
      });
  }
  return out;
}

const defaultLog = (msg: string, fields: Record<string, unknown>) =>
  console.warn(JSON.stringify({ level: 'warn', msg, ...fields }));
