import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { Database, SlaConfigurationRow, SlaConfigurationsTable } from './schema.ts';

export class SlaConfigurationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  list(): Promise<SlaConfigurationRow[]> {
    return this.db.selectFrom('sla_configurations').selectAll().orderBy('id').execute();
  }

  findById(id: number): Promise<SlaConfigurationRow | undefined> {
    return this.db.selectFrom('sla_configurations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The SLA configuration of a product. */
  forProduct(productId: number): Promise<SlaConfigurationRow | undefined> {
    return this.db
      .selectFrom('sla_configurations as s')
      .innerJoin('products as p', 'p.sla_configuration_id', 's.id')
      .selectAll('s')
      .where('p.id', '=', productId)
      .executeTakeFirst();
  }

  insert(row: Insertable<SlaConfigurationsTable>): Promise<SlaConfigurationRow> {
    return this.db.insertInto('sla_configurations').values(row).returningAll().executeTakeFirstOrThrow();
  }

  update(id: number, patch: Updateable<SlaConfigurationsTable>): Promise<SlaConfigurationRow | undefined> {
    return this.db
      .updateTable('sla_configurations')
      .set({ ...patch, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  async inUse(id: number): Promise<boolean> {
    const r = await this.db
      .selectFrom('products')
      .select('id')
      .where('sla_configuration_id', '=', id)
      .limit(1)
      .executeTakeFirst();
    return !!r;
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('sla_configurations').where('id', '=', id).execute();
  }

  /** Recomputes SLA expiry of a product's open findings after its SLA configuration changed. */
  async recomputeForConfiguration(id: number): Promise<number> {
    const r = await sql`
      UPDATE findings f SET sla_expiration_date = f.sla_start_date + (CASE f.severity
          WHEN 'Critical' THEN s.critical_days WHEN 'High' THEN s.high_days
          WHEN 'Medium' THEN s.medium_days WHEN 'Low' THEN s.low_days END)
      FROM products p JOIN sla_configurations s ON s.id = p.sla_configuration_id
      WHERE f.product_id = p.id AND s.id = ${id} AND f.active AND f.sla_start_date IS NOT NULL`.execute(this.db);
    return Number(r.numAffectedRows ?? 0);
  }
}
