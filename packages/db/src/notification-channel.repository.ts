import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { ChannelKind, NotificationChannelRow } from './notification.schema.ts';

export interface NewNotificationChannel {
  name: string;
  kind: ChannelKind;
  settings: Record<string, unknown>;
  secretCiphertext: string | null;
  secretHint: string;
  maxFailures: number;
  enabled: boolean;
}

/** Delivery targets configured by administrators (credentials arrive here already encrypted). */
export class NotificationChannelRepository {
  constructor(private readonly db: Kysely<Database>) {}

  list(): Promise<NotificationChannelRow[]> {
    return this.db.selectFrom('notification_channels').selectAll().orderBy('id').execute();
  }

  findById(id: number): Promise<NotificationChannelRow | undefined> {
    return this.db.selectFrom('notification_channels').selectAll().where('id', '=', id).executeTakeFirst();
  }

  insert(c: NewNotificationChannel): Promise<NotificationChannelRow> {
    return this.db
      .insertInto('notification_channels')
      .values({
        name: c.name,
        kind: c.kind,
        settings: JSON.stringify(c.settings),
        secret_ciphertext: c.secretCiphertext,
        secret_hint: c.secretHint,
        max_failures: c.maxFailures,
        enabled: c.enabled,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async update(id: number, patch: Partial<NewNotificationChannel>): Promise<NotificationChannelRow | undefined> {
    return this.db
      .updateTable('notification_channels')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.settings !== undefined ? { settings: JSON.stringify(patch.settings) } : {}),
        ...(patch.secretCiphertext !== undefined
          ? { secret_ciphertext: patch.secretCiphertext, secret_hint: patch.secretHint ?? '' }
          : {}),
        ...(patch.maxFailures !== undefined ? { max_failures: patch.maxFailures } : {}),
        // Re-enabling clears the failure streak and the reason it was switched off.
        ...(patch.enabled !== undefined
          ? { enabled: patch.enabled, ...(patch.enabled ? { consecutive_failures: 0, disabled_reason: null } : {}) }
          : {}),
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  async delete(id: number): Promise<boolean> {
    const r = await this.db.deleteFrom('notification_channels').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async recordSuccess(id: number): Promise<void> {
    await this.db
      .updateTable('notification_channels')
      .set({ consecutive_failures: 0, last_success_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute();
  }

  /** Counts a failure; switches the channel off when the streak reaches its limit. Returns the row. */
  async recordFailure(id: number, error: string): Promise<NotificationChannelRow | undefined> {
    const r = await sql<NotificationChannelRow>`
      UPDATE notification_channels SET
        consecutive_failures = consecutive_failures + 1,
        last_error = ${error},
        last_failure_at = now(),
        enabled = CASE WHEN consecutive_failures + 1 >= max_failures THEN false ELSE enabled END,
        disabled_reason = CASE WHEN consecutive_failures + 1 >= max_failures
          THEN 'deactivated after ' || (consecutive_failures + 1) || ' consecutive failures' ELSE disabled_reason END
      WHERE id = ${id}
      RETURNING *`.execute(this.db);
    return r.rows[0];
  }
}
