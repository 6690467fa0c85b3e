import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { readableProductIds } from './access.repository.ts';
import { chatSearchText } from './chat-search-query.ts';

/** A message with its author's name and its reactions (emoji → user ids). */
export interface ChatMessageView {
  id: number;
  channel: string;
  team_id: number | null;
  finding_id: number | null;
  author_id: number | null;
  author_username: string | null;
  body: string;
  mentions: number[];
  /** Usernames of the mentioned users (for highlighting). */
  mention_names: string[];
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
  reactions: { emoji: string; userIds: number[] }[];
}

export type ChatAnchor = { before: number } | { after: number } | { latest: true };

/** Chat messages of team channels and finding threads; all reads are (channel, id) range scans. */
export class ChatMessageRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: {
    teamId: number | null;
    findingId: number | null;
    authorId: number;
    body: string;
    mentions: number[];
  }): Promise<number> {
    const r = await this.db
      .insertInto('chat_messages')
      .values({
        team_id: row.teamId,
        finding_id: row.findingId,
        author_id: row.authorId,
        body: row.body,
        mentions: row.mentions,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(r.id);
  }

  private view() {
    return this.db
      .selectFrom('chat_messages as m')
      .leftJoin('users as u', 'u.id', 'm.author_id')
      .select([
        'm.id',
        'm.channel',
        'm.team_id',
        'm.finding_id',
        'm.author_id',
        'u.username as author_username',
        'm.body',
        'm.mentions',
        sql<string[]>`coalesce((SELECT array_agg(mu.username) FROM users mu WHERE mu.id = ANY(m.mentions)), '{}')`.as(
          'mention_names',
        ),
        'm.created_at',
        'm.edited_at',
        'm.deleted_at',
        sql<{ emoji: string; userIds: number[] }[]>`coalesce((
          SELECT json_agg(json_build_object('emoji', r.emoji, 'userIds', r.user_ids) ORDER BY r.first_at)
          FROM (SELECT emoji, array_agg(user_id ORDER BY created_at) AS user_ids, min(created_at) AS first_at
                FROM chat_reactions WHERE message_id = m.id GROUP BY emoji) r), '[]'::json)`.as('reactions'),
      ]);
  }

  async findById(id: number): Promise<ChatMessageView | undefined> {
    const row = await this.view().where('m.id', '=', id).executeTakeFirst();
    return row ? normalize(row) : undefined;
  }

  /** A page of a channel around an anchor, always returned oldest first. */
  async page(channel: string, anchor: ChatAnchor, limit: number): Promise<ChatMessageView[]> {
    let q = this.view().where('m.channel', '=', channel);
    if ('after' in anchor) {
      const rows = await q.where('m.id', '>', anchor.after).orderBy('m.id', 'asc').limit(limit).execute();
      return rows.map(normalize);
    }
    if ('before' in anchor) q = q.where('m.id', '<', anchor.before);
    const rows = await q.orderBy('m.id', 'desc').limit(limit).execute();
    return rows.map(normalize).reverse();
  }

  /** Full-text search over the given channels, newest first. */
  async search(channels: string[], query: string, limit: number): Promise<ChatMessageView[]> {
    if (!channels.length) return [];
    const rows = await this.view()
      .where('m.channel', 'in', channels)
      .where('m.deleted_at', 'is', null)
      .where(sql<boolean>`m.search @@ websearch_to_tsquery('simple', ${chatSearchText(query)})`)
      .orderBy('m.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(normalize);
  }

  async updateBody(id: number, body: string, mentions: number[]): Promise<void> {
    await this.db
      .updateTable('chat_messages')
      .set({ body, mentions, edited_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute();
  }

  /** Tombstone: the row stays (anchors and unread markers keep working), the text goes. */
  async markDeleted(id: number): Promise<void> {
    await this.db
      .updateTable('chat_messages')
      .set({ body: '', mentions: [], deleted_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute();
    await this.db.deleteFrom('chat_reactions').where('message_id', '=', id).execute();
  }

  async addReaction(messageId: number, userId: number, emoji: string): Promise<void> {
    await this.db
      .insertInto('chat_reactions')
      .values({ message_id: messageId, user_id: userId, emoji })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  async removeReaction(messageId: number, userId: number, emoji: string): Promise<void> {
    await this.db
      .deleteFrom('chat_reactions')
      .where('message_id', '=', messageId)
      .where('user_id', '=', userId)
      .where('emoji', '=', emoji)
      .execute();
  }

  /** Active users named in `usernames` who may read the channel (team members, or product readers). */
  async mentionable(
    channel: { teamId: number } | { productId: number },
    usernames: string[],
  ): Promise<{ id: number; username: string }[]> {
    if (!usernames.length) return [];
    let q = this.db
      .selectFrom('users as u')
      .select(['u.id', 'u.username'])
      .where('u.username', 'in', usernames)
      .where('u.is_active', '=', true);
    if ('teamId' in channel) {
      q = q.where(
        'u.id',
        'in',
        this.db.selectFrom('team_members').select('user_id').where('team_id', '=', channel.teamId),
      );
    } else {
      const readable = readableProductIds(this.db, sql.ref<number>('u.id'));
      q = q.where((eb) =>
        eb.or([eb('u.is_admin', '=', true), sql<boolean>`${channel.productId}::int IN (${readable})`]),
      );
    }
    return q.execute();
  }
}

function normalize(row: Omit<ChatMessageView, 'id'> & { id: number | string }): ChatMessageView {
  return { ...row, id: Number(row.id), reactions: row.reactions ?? [] };
}
