import type { Kysely } from 'kysely';
import type { Database, MembershipRow, ProductRole } from './schema.ts';

export type MembershipTarget = { productId: number } | { productTypeId: number };
export type MembershipSubject = { userId: number } | { teamId: number };

export interface MembershipView extends MembershipRow {
  username: string | null;
  team_name: string | null;
}

export class MembershipRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async listFor(target: MembershipTarget): Promise<MembershipView[]> {
    let q = this.db
      .selectFrom('memberships as m')
      .leftJoin('users as u', 'u.id', 'm.user_id')
      .leftJoin('teams as t', 't.id', 'm.team_id')
      .selectAll('m')
      .select(['u.username', 't.name as team_name']);
    q =
      'productId' in target
        ? q.where('m.product_id', '=', target.productId)
        : q.where('m.product_type_id', '=', target.productTypeId);
    return q.orderBy('m.id').execute();
  }

  findById(id: number): Promise<MembershipRow | undefined> {
    return this.db.selectFrom('memberships').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Grants or changes a role (one membership per subject and target). */
  async upsert(subject: MembershipSubject, target: MembershipTarget, role: ProductRole): Promise<MembershipRow> {
    const values = {
      user_id: 'userId' in subject ? subject.userId : null,
      team_id: 'teamId' in subject ? subject.teamId : null,
      product_id: 'productId' in target ? target.productId : null,
      product_type_id: 'productTypeId' in target ? target.productTypeId : null,
    };
    const existing = await this.db
      .selectFrom('memberships')
      .selectAll()
      .where((eb) =>
        eb.and(
          Object.entries(values).map(([k, v]) =>
            v === null ? eb(k as 'user_id', 'is', null) : eb(k as 'user_id', '=', v),
          ),
        ),
      )
      .executeTakeFirst();
    if (existing) {
      return this.db
        .updateTable('memberships')
        .set({ role })
        .where('id', '=', existing.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    return this.db
      .insertInto('memberships')
      .values({ ...values, role })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('memberships').where('id', '=', id).execute();
  }
}
