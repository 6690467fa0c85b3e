import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { pgArrayLiteral } from './pg-array.ts';

/** An event as appended by a service inside its transaction. */
export interface NewDomainEvent {
  type: string;
  /** Rooms the event concerns: `product:<id>`, `finding:<id>`, `team:<id>`, `user:<id>`. */
  topics: string[];
  actorId: number | null;
  payload: Record<string, unknown>;
}

export interface DomainEventRecord {
  id: number;
  tx_id: string;
  type: string;
  topics: string[];
  actor_id: number | null;
  payload: Record<string, unknown>;
  created_at: Date;
}

/** A position in the log: every event up to eventId has been read (txId is kept for diagnostics). */
export interface EventPosition {
  txId: string;
  eventId: number;
}

export const LOG_START: EventPosition = { txId: '0', eventId: 0 };

/**
 * The domain event log, in commit order. An appending transaction first takes a transaction-level
 * advisory lock (class 7400) and only then draws ids, so ids are handed out in the order the
 * appending transactions commit: while one holds the lock no other can draw an id, and it keeps
 * it until it commits or rolls back (services publish at the end of their transaction, so the
 * lock is held briefly). A reader can therefore read `id > last` without ever skipping an event
 * that commits later, and without waiting for unrelated long transactions (an earlier design read
 * below pg_snapshot_xmin, which made every consumer wait for the oldest transaction of the whole
 * cluster). Rolled-back appends leave gaps that are never filled. PGlite runs one transaction at
 * a time, so it needs no lock.
 */
export class DomainEventRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async append(events: NewDomainEvent[]): Promise<number[]> {
    if (!events.length) return [];
    // The lock is taken by the INSERT itself (the lateral join evaluates it before any row, so
    // before any id is drawn): one round trip less while it is held, which is what bounds how many
    // appending transactions commit per second (bench:feed's mixed load).
    const r = await sql<{ id: number }>`
      INSERT INTO domain_events (type, topics, actor_id, payload)
      SELECT e.type, e.topics::text[], e.actor_id, e.payload
      FROM (SELECT pg_advisory_xact_lock(7400, 0)) AS lock
      CROSS JOIN LATERAL unnest(${pgArrayLiteral(events.map((e) => e.type))}::text[],
                  ${pgArrayLiteral(events.map((e) => pgArrayLiteral(e.topics)))}::text[],
                  ${pgArrayLiteral(events.map((e) => (e.actorId === null ? null : String(e.actorId))))}::int[],
                  ${pgArrayLiteral(events.map((e) => JSON.stringify(e.payload)))}::jsonb[]) AS e(type, topics, actor_id,
                    payload)
      RETURNING id`.execute(this.db);
    return r.rows.map((row) => Number(row.id));
  }

  /** Committed events after a position, oldest first; at most `limit`. */
  async readAfter(position: EventPosition, limit: number, topics?: string[]): Promise<DomainEventRecord[]> {
    const r = await sql<DomainEventRecord>`
      SELECT id, tx_id::text AS tx_id, type, topics, actor_id, payload, created_at
      FROM domain_events
      WHERE id > ${position.eventId}
        ${topics ? sql`AND topics && ${pgArrayLiteral(topics)}::text[]` : sql``}
      ORDER BY id
      LIMIT ${limit}`.execute(this.db);
    return r.rows.map((row) => ({ ...row, id: Number(row.id) }));
  }

  /** The position of an event id (clients resume from the last id they saw). */
  async positionOf(eventId: number): Promise<EventPosition | undefined> {
    const row = await sql<{
      tx_id: string;
    }>`SELECT tx_id::text AS tx_id FROM domain_events WHERE id = ${eventId}`.execute(this.db);
    return row.rows[0] ? { txId: row.rows[0].tx_id, eventId } : undefined;
  }

  /** The position just past everything committed now (a new consumer starts here). */
  async head(): Promise<EventPosition> {
    const r = await sql<{
      tx_id: string;
      id: number;
    }>`SELECT tx_id::text AS tx_id, id FROM domain_events ORDER BY id DESC LIMIT 1`.execute(this.db);
    const row = r.rows[0];
    return row ? { txId: row.tx_id, eventId: Number(row.id) } : LOG_START;
  }

  /** A durable consumer's position (created at the start of the log on first use). */
  async consumerPosition(name: string): Promise<EventPosition> {
    await this.db
      .insertInto('event_consumers')
      .values({ name })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const row = await this.db
      .selectFrom('event_consumers')
      .select(['tx_id', 'event_id'])
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    return { txId: String(row.tx_id), eventId: Number(row.event_id) };
  }

  /** Locks the consumer's row for the enclosing transaction, so one instance consumes at a time. */
  async lockConsumer(name: string): Promise<EventPosition | undefined> {
    await this.db
      .insertInto('event_consumers')
      .values({ name })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const r = await sql<{ tx_id: string; event_id: number }>`
      SELECT tx_id::text AS tx_id, event_id FROM event_consumers WHERE name = ${name} FOR UPDATE SKIP LOCKED`.execute(
      this.db,
    );
    const row = r.rows[0];
    return row ? { txId: row.tx_id, eventId: Number(row.event_id) } : undefined;
  }

  async saveConsumerPosition(name: string, position: EventPosition): Promise<void> {
    await sql`
      UPDATE event_consumers SET tx_id = ${position.txId}::xid8, event_id = ${position.eventId}, updated_at = now()
      WHERE name = ${name}`.execute(this.db);
  }

  /** Retention: deletes events older than the cutoff; returns how many. */
  async deleteOlderThan(cutoff: Date): Promise<number> {
    const r = await this.db.deleteFrom('domain_events').where('created_at', '<', cutoff).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
