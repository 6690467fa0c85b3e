import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { readableProductIds } from './access.repository.ts';

/** What a user may read, as real-time rooms: teams they belong to and products they may read. */
export class ChatRoomRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async teamIdsOf(userId: number): Promise<number[]> {
    const rows = await this.db.selectFrom('team_members').select('team_id').where('user_id', '=', userId).execute();
    return rows.map((r) => r.team_id);
  }

  /** Readable product ids (every product for an admin: userId undefined). */
  async productIdsOf(userId: number | undefined): Promise<number[]> {
    const q = this.db.selectFrom('products').select('id');
    const rows =
      userId === undefined
        ? await q.execute()
        : await q.where('id', 'in', readableProductIds(this.db, userId)).execute();
    return rows.map((r) => r.id);
  }
}
