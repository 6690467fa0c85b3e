import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { NotificationRow } from './notification.schema.ts';
import { pgArrayLiteral } from './pg-array.ts';

export interface NewNotification {
  eventId: number;
  type: string;
  productId: number | null;
  severity: string | null;
  title: string;
  body: string;
  url: string | null;
  details: Record<string, unknown>;
}

export interface AlertView extends NotificationRow {
  alert_id: number;
  read_at: Date | null;
}

export interface Recipient {
  id: number;
  email: string;
  username: string;
}

/** Notifications, their in-app alerts, and the recipient look-ups the dispatcher needs. */
export class NotificationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts the notification once per (event, type); undefined when it already exists. */
  async insertOnce(n: NewNotification): Promise<NotificationRow | undefined> {
    return this.db
      .insertInto('notifications')
      .values({
        event_id: n.eventId,
        type: n.type,
        product_id: n.productId,
        severity: n.severity,
        title: n.title,
        body: n.body,
        url: n.url,
        details: JSON.stringify(n.details),
      })
      .onConflict((oc) => oc.columns(['event_id', 'type']).doNothing())
      .returningAll()
      .executeTakeFirst();
  }

  findById(id: number): Promise<NotificationRow | undefined> {
    return this.db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** One alert per user (set-based); returns the users that got a new one. */
  async insertAlerts(notificationId: number, userIds: number[]): Promise<{ id: number; user_id: number }[]> {
    if (!userIds.length) return [];
    const r = await sql<{ id: number; user_id: number }>`
      INSERT INTO notification_alerts (notification_id, user_id)
      SELECT ${notificationId}, u FROM unnest(${pgArrayLiteral(userIds.map(String))}::int[]) AS u
      ON CONFLICT (notification_id, user_id) DO NOTHING
      RETURNING id, user_id`.execute(this.db);
    return r.rows.map((row) => ({ id: Number(row.id), user_id: row.user_id }));
  }

  async listAlerts(
    userId: number,
    opts: { unreadOnly: boolean; limit: number; beforeId?: number },
  ): Promise<AlertView[]> {
    let q = this.db
      .selectFrom('notification_alerts as a')
      .innerJoin('notifications as n', 'n.id', 'a.notification_id')
      .selectAll('n')
      .select(['a.id as alert_id', 'a.read_at'])
      .where('a.user_id', '=', userId);
    if (opts.unreadOnly) q = q.where('a.read_at', 'is', null);
    if (opts.beforeId !== undefined) q = q.where('a.id', '<', opts.beforeId);
    const rows = await q.orderBy('a.id', 'desc').limit(opts.limit).execute();
    return rows.map((r) => ({ ...r, id: Number(r.id), alert_id: Number(r.alert_id), event_id: Number(r.event_id) }));
  }

  async unreadCount(userId: number): Promise<number> {
    const r = await this.db
      .selectFrom('notification_alerts')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Marks the user's alerts read (all of them when ids is undefined); returns how many changed. */
  async markRead(userId: number, alertIds?: number[]): Promise<number> {
    let q = this.db
      .updateTable('notification_alerts')
      .set({ read_at: sql<Date>`now()` })
      .where('user_id', '=', userId)
      .where('read_at', 'is', null);
    if (alertIds) q = q.where('id', 'in', alertIds.length ? alertIds : [0]);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** Active users among `candidates` (all active users when null) who may read the product. */
  async readersOfProduct(productId: number, candidates: number[] | null): Promise<Recipient[]> {
    const r = await sql<Recipient>`
      SELECT u.id, u.email, u.username FROM users u
      WHERE u.is_active
        ${candidates ? sql`AND u.id = ANY(${pgArrayLiteral(candidates.map(String))}::int[])` : sql``}
        AND (u.is_admin OR EXISTS (
          SELECT 1 FROM memberships m
          WHERE (m.user_id = u.id OR m.team_id IN (SELECT team_id FROM team_members WHERE user_id = u.id))
            AND (m.product_id = ${productId}
                 OR m.product_type_id = (SELECT product_type_id FROM products WHERE id = ${productId}))))
      ORDER BY u.id`.execute(this.db);
    return r.rows;
  }

  /** Active users among the candidates (no product concerned); admins only when adminsOnly. */
  async activeUsers(candidates: number[] | null, adminsOnly: boolean): Promise<Recipient[]> {
    const r = await sql<Recipient>`
      SELECT u.id, u.email, u.username FROM users u
      WHERE u.is_active
        ${candidates ? sql`AND u.id = ANY(${pgArrayLiteral(candidates.map(String))}::int[])` : sql``}
        ${adminsOnly ? sql`AND u.is_admin` : sql``}
      ORDER BY u.id`.execute(this.db);
    return r.rows;
  }

  async teamMembers(teamIds: number[]): Promise<{ team_id: number; user_id: number }[]> {
    if (!teamIds.length) return [];
    return this.db.selectFrom('team_members').select(['team_id', 'user_id']).where('team_id', 'in', teamIds).execute();
  }

  /** Severity counts and the first titles of a set of findings (the digest of one import). */
  async findingDigest(
    findingIds: number[],
    sampleSize: number,
  ): Promise<{ counts: Record<string, number>; sample: { id: number; title: string; severity: string }[] }> {
    if (!findingIds.length) return { counts: {}, sample: [] };
    const ids = pgArrayLiteral(findingIds.map(String));
    const counts = await sql<{ severity: string; n: string }>`
      SELECT severity, count(*) AS n FROM findings WHERE id = ANY(${ids}::int[]) GROUP BY severity`.execute(this.db);
    const sample = await sql<{ id: number; title: string; severity: string }>`
      SELECT id, title, severity FROM findings WHERE id = ANY(${ids}::int[])
      ORDER BY CASE severity WHEN 'Critical' THEN 0 WHEN 'High' THEN 1 WHEN 'Medium' THEN 2 WHEN 'Low' THEN 3
        ELSE 4 END, id
      LIMIT ${sampleSize}`.execute(this.db);
    return { counts: Object.fromEntries(counts.rows.map((r) => [r.severity, Number(r.n)])), sample: sample.rows };
  }

  /**
   * Retention: deletes up to `limit` notifications older than the cutoff (their alerts and
   * deliveries go with them); call until it returns less than `limit`.
   */
  async deleteOlderThan(cutoff: Date, limit = 5000): Promise<number> {
    const r = await sql`
      DELETE FROM notifications WHERE id IN (
        SELECT id FROM notifications WHERE created_at < ${cutoff} ORDER BY id LIMIT ${limit})`.execute(this.db);
    return Number(r.numAffectedRows ?? 0);
  }
}
