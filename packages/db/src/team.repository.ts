import { sql, type Kysely } from 'kysely';
import type { Database, TeamRole, TeamRow } from './schema.ts';

export class TeamRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findById(id: number): Promise<TeamRow | undefined> {
    return this.db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByName(name: string): Promise<TeamRow | undefined> {
    return this.db.selectFrom('teams').selectAll().where(sql`lower(name)`, '=', name.toLowerCase()).executeTakeFirst();
  }

  /** Teams the user belongs to, or all teams (admin: userId undefined). */
  list(userId?: number): Promise<TeamRow[]> {
    let q = this.db.selectFrom('teams').selectAll();
    if (userId !== undefined)
      q = q.where('id', 'in', this.db.selectFrom('team_members').select('team_id').where('user_id', '=', userId));
    return q.orderBy('name').limit(1000).execute();
  }

  insert(name: string, description: string): Promise<TeamRow> {
    return this.db.insertInto('teams').values({ name, description }).returningAll().executeTakeFirstOrThrow();
  }

  update(id: number, patch: { name?: string; description?: string }): Promise<TeamRow | undefined> {
    return this.db
      .updateTable('teams')
      .set({ ...patch, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('teams').where('id', '=', id).execute();
  }

  members(teamId: number) {
    return this.db
      .selectFrom('team_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.user_id', 'u.username', 'm.role', 'm.created_at'])
      .where('m.team_id', '=', teamId)
      .orderBy('u.username')
      .execute();
  }

  async roleOf(teamId: number, userId: number): Promise<TeamRole | undefined> {
    const r = await this.db
      .selectFrom('team_members')
      .select('role')
      .where('team_id', '=', teamId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return r?.role;
  }

  async setMember(teamId: number, userId: number, role: TeamRole): Promise<void> {
    await this.db
      .insertInto('team_members')
      .values({ team_id: teamId, user_id: userId, role })
      .onConflict((oc) => oc.columns(['team_id', 'user_id']).doUpdateSet({ role }))
      .execute();
  }

  async removeMember(teamId: number, userId: number): Promise<void> {
    await this.db.deleteFrom('team_members').where('team_id', '=', teamId).where('user_id', '=', userId).execute();
  }

  async countOwners(teamId: number): Promise<number> {
    const r = await this.db
      .selectFrom('team_members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('team_id', '=', teamId)
      .where('role', '=', 'owner')
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
