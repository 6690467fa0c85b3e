import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Per user and channel: the last message id read. Unread = newer messages by others, not deleted. */
export class ChatReadMarkerRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Moves the marker forward only (an older "read" from a stale tab never un-reads). */
  async markRead(userId: number, channel: string, messageId: number): Promise<void> {
    await this.db
      .insertInto('chat_read_markers')
      .values({ user_id: userId, channel, last_read_id: messageId })
      .onConflict((oc) =>
        oc.columns(['user_id', 'channel']).doUpdateSet({
          last_read_id: sql`greatest(chat_read_markers.last_read_id, excluded.last_read_id)`,
          updated_at: sql`now()`,
        }),
      )
      .execute();
  }

  /** Unread counts and read markers for the given channels (one grouped query). */
  async unread(
    userId: number,
    channels: string[],
  ): Promise<{ channel: string; unread: number; last_read_id: number }[]> {
    if (!channels.length) return [];
    const r = await sql<{ channel: string; unread: number; last_read_id: number }>`
      SELECT c.channel, coalesce(k.last_read_id, 0)::bigint AS last_read_id,
             (SELECT count(*) FROM chat_messages m
               WHERE m.channel = c.channel AND m.id > coalesce(k.last_read_id, 0)
                 AND m.deleted_at IS NULL AND m.author_id IS DISTINCT FROM ${userId})::int AS unread
      FROM unnest(${channels}::text[]) AS c(channel)
      LEFT JOIN chat_read_markers k ON k.user_id = ${userId} AND k.channel = c.channel`.execute(this.db);
    return r.rows.map((row) => ({
      channel: row.channel,
      unread: Number(row.unread),
      last_read_id: Number(row.last_read_id),
    }));
  }

  /** Finding threads the user has opened (holds a marker for). */
  async findingChannelsOf(userId: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('chat_read_markers')
      .select('channel')
      .where('user_id', '=', userId)
      .where('channel', 'like', 'finding:%')
      .limit(500)
      .execute();
    return rows.map((r) => r.channel);
  }
}
