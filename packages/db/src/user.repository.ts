import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { Database, UserRow, UsersTable } from './schema.ts';
import { afterCursor, decodeCursor, toPage, type Page } from './keyset.ts';

export interface UserFilter {
  search?: string;
  isActive?: boolean;
  limit: number;
  cursor?: string;
}

export class UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findById(id: number): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByUsername(username: string): Promise<UserRow | undefined> {
    return this.db
      .selectFrom('users')
      .selectAll()
      .where(sql`lower(username)`, '=', username.toLowerCase())
      .executeTakeFirst();
  }

  findByIds(ids: number[]): Promise<UserRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('users').selectAll().where('id', 'in', ids).execute();
  }

  insert(user: Insertable<UsersTable>): Promise<UserRow> {
    return this.db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();
  }

  update(id: number, patch: Updateable<UsersTable>): Promise<UserRow | undefined> {
    return this.db
      .updateTable('users')
      .set({ ...patch, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  async delete(id: number): Promise<boolean> {
    const r = await this.db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async count(): Promise<number> {
    const r = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async list(filter: UserFilter): Promise<Page<UserRow>> {
    const spec = { column: 'id', idColumn: 'id', direction: 'asc' as const };
    let q = this.db.selectFrom('users').selectAll();
    if (filter.search) {
      const like = `%${filter.search.toLowerCase()}%`;
      q = q.where((eb) => eb.or([eb(sql`lower(username)`, 'like', like), eb(sql`lower(email)`, 'like', like)]));
    }
    if (filter.isActive !== undefined) q = q.where('is_active', '=', filter.isActive);
    if (filter.cursor) {
      const c = decodeCursor('id', filter.cursor);
      q = q.where(afterCursor(spec, c.value, c.id));
    }
    const rows = await q
      .orderBy('id', 'asc')
      .limit(filter.limit + 1)
      .execute();
    return toPage(rows, filter.limit, 'id', (r) => r.id);
  }
}
