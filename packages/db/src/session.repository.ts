import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database, SessionRow, SessionsTable, UserRow } from './schema.ts';

export class SessionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(session: Insertable<SessionsTable>): Promise<void> {
    await this.db.insertInto('sessions').values(session).execute();
  }

  /** The live session and its (active, workspace) user, in one query; a feed-only account's never resolves. */
  async findLive(id: string): Promise<{ session: SessionRow; user: UserRow } | undefined> {
    const row = await this.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .selectAll('u')
      .select([
        's.id as session_id',
        's.csrf_token',
        's.ip',
        's.user_agent',
        's.created_at as session_created_at',
        's.last_seen_at',
        's.expires_at',
      ])
      .where('s.id', '=', id)
      .where('s.expires_at', '>', sql<Date>`now()`)
      .where('u.is_active', '=', true)
      .where('u.feed_only', '=', false)
      .executeTakeFirst();
    if (!row) return undefined;
    const { session_id, csrf_token, ip, user_agent, session_created_at, last_seen_at, expires_at, ...user } = row;
    return {
      session: {
        id: session_id,
        user_id: user.id,
        csrf_token,
        ip,
        user_agent,
        created_at: session_created_at,
        last_seen_at,
        expires_at,
      },
      user,
    };
  }

  /** Slides the expiry forward; written at most once a minute per session to keep reads cheap. */
  async touch(id: string, expiresAt: Date): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ last_seen_at: sql<Date>`now()`, expires_at: expiresAt })
      .where('id', '=', id)
      .where('last_seen_at', '<', sql<Date>`now() - interval '1 minute'`)
      .execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  /** Ends the user's sessions, all of them or all but `exceptId` (the one changing its own password). */
  async deleteForUser(userId: number, exceptId?: string): Promise<void> {
    let q = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
    await q.execute();
  }

  async deleteExpired(): Promise<number> {
    const r = await this.db.deleteFrom('sessions').where('expires_at', '<', sql<Date>`now()`).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
