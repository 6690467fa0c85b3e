import { sql, type Insertable, type Kysely } from 'kysely';
import type { ApiTokenRow, ApiTokensTable, Database, UserRow } from './schema.ts';

export class ApiTokenRepository {
  constructor(private readonly db: Kysely<Database>) {}

  insert(token: Insertable<ApiTokensTable>): Promise<ApiTokenRow> {
    return this.db.insertInto('api_tokens').values(token).returningAll().executeTakeFirstOrThrow();
  }

  /** The usable token (not revoked, not expired) with its active user. */
  async findUsable(tokenHash: string): Promise<{ token: ApiTokenRow; user: UserRow } | undefined> {
    const token = await this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
      .executeTakeFirst();
    if (!token) return undefined;
    const user = await this.db.selectFrom('users').selectAll().where('id', '=', token.user_id).where('is_active', '=', true).executeTakeFirst();
    return user ? { token, user } : undefined;
  }

  async markUsed(id: number): Promise<void> {
    await this.db
      .updateTable('api_tokens')
      .set({ last_used_at: sql`now()` as never })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', sql<Date>`now() - interval '1 minute'`)]))
      .execute();
  }

  listForUser(userId: number): Promise<ApiTokenRow[]> {
    return this.db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('id', 'desc').execute();
  }

  findById(id: number): Promise<ApiTokenRow | undefined> {
    return this.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async revoke(id: number): Promise<void> {
    await this.db.updateTable('api_tokens').set({ revoked_at: sql`now()` as never }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  }
}
