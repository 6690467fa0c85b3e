import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database, SessionRow, SessionsTable, UserRow } from './schema.ts';

export class SessionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(session: Insertable<SessionsTable>): Promise<void> {
    await this.db.insertInto('sessions').values(session).execute();
  }

  /** The live session and its (active) user, or undefined. */
  async findLive(id: string): Promise<{ session: SessionRow; user: UserRow } | undefined> {
    const session = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', id)
      .where('expires_at', '>', sql<Date>`now()`)
      .executeTakeFirst();
    if (!session) return undefined;
    const user = await this.db.selectFrom('users').selectAll().where('id', '=', session.user_id).where('is_active', '=', true).executeTakeFirst();
    return user ? { session, user } : undefined;
  }

  /** Slides the expiry forward; written at most once a minute per session to keep reads cheap. */
  async touch(id: string, expiresAt: Date): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ last_seen_at: sql`now()` as never, expires_at: expiresAt })
      .where('id', '=', id)
      .where('last_seen_at', '<', sql<Date>`now() - interval '1 minute'`)
      .execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async deleteForUser(userId: number): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  async deleteExpired(): Promise<number> {
    const r = await this.db.deleteFrom('sessions').where('expires_at', '<', sql<Date>`now()`).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
