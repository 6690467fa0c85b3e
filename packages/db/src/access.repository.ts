import { sql, type Expression, type Kysely } from 'kysely';
import type { Database, ProductRole } from './schema.ts';

/** Role look-ups for authorization: user roles and team roles, on products and product types. */
export class AccessRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Every role the user holds on the product, directly or through its product type or a team. */
  async rolesOnProduct(userId: number, productId: number): Promise<ProductRole[]> {
    const rows = await this.db
      .selectFrom('memberships as m')
      .select('m.role')
      .where((eb) =>
        eb.and([
          eb.or([
            eb('m.user_id', '=', userId),
            eb('m.team_id', 'in', eb.selectFrom('team_members').select('team_id').where('user_id', '=', userId)),
          ]),
          eb.or([
            eb('m.product_id', '=', productId),
            eb(
              'm.product_type_id',
              '=',
              eb.selectFrom('products').select('product_type_id').where('id', '=', productId),
            ),
          ]),
        ]),
      )
      .execute();
    return rows.map((r) => r.role);
  }

  async rolesOnProductType(userId: number, productTypeId: number): Promise<ProductRole[]> {
    const rows = await this.db
      .selectFrom('memberships as m')
      .select('m.role')
      .where('m.product_type_id', '=', productTypeId)
      .where((eb) =>
        eb.or([
          eb('m.user_id', '=', userId),
          eb('m.team_id', 'in', eb.selectFrom('team_members').select('team_id').where('user_id', '=', userId)),
        ]),
      )
      .execute();
    return rows.map((r) => r.role);
  }

  /** True when the user can see something inside the product type (a product-level role). */
  async hasAnyProductInType(userId: number, productTypeId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('products as p')
      .select('p.id')
      .where('p.product_type_id', '=', productTypeId)
      .where('p.id', 'in', readableProductIds(this.db, userId))
      .limit(1)
      .executeTakeFirst();
    return !!row;
  }
}

/**
 * Subquery of the product ids a user may read (any role, direct, via product type, or via team); `userId`
 * is a value or a column of the outer query (correlated).
 */
export function readableProductIds(db: Kysely<Database>, userId: number | Expression<number>) {
  return db
    .selectFrom('memberships as m')
    .leftJoin('products as pt_p', 'pt_p.product_type_id', 'm.product_type_id')
    .select(sql<number>`coalesce(m.product_id, pt_p.id)`.as('id'))
    .where((eb) =>
      eb.or([
        eb('m.user_id', '=', userId),
        eb('m.team_id', 'in', eb.selectFrom('team_members').select('team_id').where('user_id', '=', userId)),
      ]),
    );
}

/** Subquery of the product type ids a user may read (a role on the type or on one of its products). */
export function readableProductTypeIds(db: Kysely<Database>, userId: number) {
  return db
    .selectFrom('products as rp')
    .select('rp.product_type_id as id')
    .where('rp.id', 'in', readableProductIds(db, userId))
    .union(
      db
        .selectFrom('memberships as m')
        .select(sql<number>`m.product_type_id`.as('id'))
        .where('m.product_type_id', 'is not', null)
        .where((eb) =>
          eb.or([
            eb('m.user_id', '=', userId),
            eb('m.team_id', 'in', eb.selectFrom('team_members').select('team_id').where('user_id', '=', userId)),
          ]),
        ),
    );
}
