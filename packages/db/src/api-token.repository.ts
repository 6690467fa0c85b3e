import { sql, type Insertable, type Kysely } from 'kysely';
import type { ApiTokenRow, ApiTokensTable, Database, UserRow } from './schema.ts';

export class ApiTokenRepository {
  constructor(private readonly db: Kysely<Database>) {}

  insert(token: Insertable<ApiTokensTable>): Promise<ApiTokenRow> {
    return this.db.insertInto('api_tokens').values(token).returningAll().executeTakeFirstOrThrow();
  }

  /**
   * The usable token (not revoked, not expired)
   * with its active workspace user (never a feed-only account's), in one query.
   */
  async findUsable(tokenHash: string): Promise<{ token: ApiTokenRow; user: UserRow } | undefined> {
    const row = await this.db
      .selectFrom('api_tokens as t')
      .innerJoin('users as u', 'u.id', 't.user_id')
      .selectAll('t')
      .select([
        'u.username',
        'u.is_admin',
        'u.is_active',
        'u.feed_only',
        'u.email',
        'u.email_verified_at',
        'u.first_name',
        'u.last_name',
        'u.password_hash',
        'u.last_login_at',
        'u.created_at as user_created_at',
        'u.updated_at as user_updated_at',
      ])
      .where('t.token_hash', '=', tokenHash)
      .where('t.revoked_at', 'is', null)
      .where('u.is_active', '=', true)
      .where('u.feed_only', '=', false)
      .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', sql<Date>`now()`)]))
      .executeTakeFirst();
    if (!row) return undefined;
    const {
      username,
      is_admin,
      is_active,
      feed_only,
      email,
      email_verified_at,
      first_name,
      last_name,
      password_hash,
      last_login_at,
      user_created_at,
      user_updated_at,
      ...token
    } = row;
    return {
      token,
      user: {
        id: token.user_id,
        username,
        is_admin,
        is_active,
        feed_only,
        email,
        email_verified_at,
        first_name,
        last_name,
        password_hash,
        last_login_at,
        created_at: user_created_at,
        updated_at: user_updated_at,
      },
    };
  }

  async markUsed(id: number): Promise<void> {
    await this.db
      .updateTable('api_tokens')
      .set({ last_used_at: sql<Date>`now()` })
      .where('id', '=', id)
      .where((eb) =>
        eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', sql<Date>`now() - interval '1 minute'`)]),
      )
      .execute();
  }

  listForUser(userId: number): Promise<ApiTokenRow[]> {
    return this.db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('id', 'desc').execute();
  }

  findById(id: number): Promise<ApiTokenRow | undefined> {
    return this.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async revoke(id: number): Promise<void> {
    await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: sql<Date>`now()` })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  }
}
