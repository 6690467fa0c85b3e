import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { NotificationDeliveryRow } from './notification.schema.ts';
import { pgArrayLiteral } from './pg-array.ts';

export interface NewDelivery {
  idempotencyKey: string;
  notificationId: number;
  channel: 'email' | 'target';
  channelId: number | null;
  userId: number | null;
}

/**
 * The delivery outbox: one row per (notification, channel, recipient), created in the
 * dispatcher's transaction. Senders claim due rows with a lease (SKIP LOCKED), so several workers
 * share the work and a crashed sender's rows are picked up again when the lease runs out.
 */
export class NotificationDeliveryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Set-based insert; a key that already exists is left alone. Returns how many were new. */
  async enqueue(rows: NewDelivery[]): Promise<number> {
    if (!rows.length) return 0;
    const col = <T>(f: (r: NewDelivery) => T) => pgArrayLiteral(rows.map((r) => (f(r) === null ? null : String(f(r)))));
    const r = await sql`
      INSERT INTO notification_deliveries (idempotency_key, notification_id, channel, channel_id, user_id)
      SELECT * FROM unnest(${col((r) => r.idempotencyKey)}::text[], ${col((r) => r.notificationId)}::bigint[],
                           ${col((r) => r.channel)}::text[], ${col((r) => r.channelId)}::int[],
                             ${col((r) => r.userId)}::int[])
      ON CONFLICT (idempotency_key) DO NOTHING`.execute(this.db);
    return Number(r.numAffectedRows ?? 0);
  }

  /** Claims up to `limit` due deliveries for `leaseSeconds` (also those whose lease ran out). */
  async claimDue(limit: number, leaseSeconds: number): Promise<NotificationDeliveryRow[]> {
    const r = await sql<NotificationDeliveryRow>`
      UPDATE notification_deliveries d SET status = 'sending', attempts = d.attempts + 1,
        locked_until = now() + make_interval(secs => ${leaseSeconds})
      WHERE d.id IN (
        SELECT id FROM notification_deliveries
        WHERE (status = 'pending' AND next_attempt_at <= now()) OR (status = 'sending' AND locked_until < now())
        ORDER BY next_attempt_at, id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING d.*`.execute(this.db);
    return r.rows.map(normalize);
  }

  async markSent(id: number): Promise<void> {
    await this.db
      .updateTable('notification_deliveries')
      .set({ status: 'sent', sent_at: sql<Date>`now()`, locked_until: null, last_error: null })
      .where('id', '=', id)
      .execute();
  }

  /** A failed attempt: retried after `retryInSeconds`, or failed for good when that is null. */
  async markFailed(id: number, error: string, retryInSeconds: number | null): Promise<void> {
    await this.db
      .updateTable('notification_deliveries')
      .set({
        status: retryInSeconds === null ? 'failed' : 'pending',
        last_error: error,
        locked_until: null,
        next_attempt_at:
          retryInSeconds === null ? sql<Date>`now()` : sql<Date>`now() + make_interval(secs => ${retryInSeconds})`,
      })
      .where('id', '=', id)
      .execute();
  }

  /** Deliveries waiting on a channel that was switched off are cancelled (kept for the record). */
  async cancelPendingForChannel(channelId: number, reason: string): Promise<number> {
    const r = await this.db
      .updateTable('notification_deliveries')
      .set({ status: 'cancelled', last_error: reason, locked_until: null })
      .where('channel_id', '=', channelId)
      .where('status', 'in', ['pending', 'sending'])
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  listForChannel(channelId: number, limit: number): Promise<NotificationDeliveryRow[]> {
    return this.db
      .selectFrom('notification_deliveries')
      .selectAll()
      .where('channel_id', '=', channelId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute()
      .then((rows) => rows.map(normalize));
  }

  /** Counts by status (for tests, the bench and the admin page). */
  async countByStatus(notificationIds?: number[]): Promise<Record<string, number>> {
    const r = await sql<{ status: string; n: string }>`
      SELECT status, count(*) AS n FROM notification_deliveries
      ${
        notificationIds
          ? sql`WHERE notification_id = ANY(${pgArrayLiteral(notificationIds.map(String))}::bigint[])`
          : sql``
      }
      GROUP BY status`.execute(this.db);
    return Object.fromEntries(r.rows.map((row) => [row.status, Number(row.n)]));
  }
}

function normalize(r: NotificationDeliveryRow): NotificationDeliveryRow {
  return { ...r, id: Number(r.id), notification_id: Number(r.notification_id) };
}
