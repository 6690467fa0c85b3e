import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { Database, JiraConfigRow, JiraConfigsTable, JiraInstanceRow, JiraInstancesTable } from './schema.ts';

/** Jira instances (sealed credentials, webhook-secret digest) and the per-product configurations. */
export class JiraInstanceRepository {
  constructor(private readonly db: Kysely<Database>) {}

  list(): Promise<JiraInstanceRow[]> {
    return this.db.selectFrom('jira_instances').selectAll().orderBy('name').execute();
  }

  findById(id: number): Promise<JiraInstanceRow | undefined> {
    return this.db.selectFrom('jira_instances').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByName(name: string): Promise<JiraInstanceRow | undefined> {
    return this.db.selectFrom('jira_instances').selectAll().where('name', '=', name).executeTakeFirst();
  }

  findByWebhookDigest(digest: string): Promise<JiraInstanceRow | undefined> {
    return this.db
      .selectFrom('jira_instances')
      .selectAll()
      .where('webhook_secret_digest', '=', digest)
      .executeTakeFirst();
  }

  insert(row: Insertable<JiraInstancesTable>): Promise<JiraInstanceRow> {
    return this.db.insertInto('jira_instances').values(row).returningAll().executeTakeFirstOrThrow();
  }

  update(id: number, patch: Updateable<JiraInstancesTable>): Promise<JiraInstanceRow | undefined> {
    return this.db
      .updateTable('jira_instances')
      .set({ ...patch, updated_at: sql`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  async delete(id: number): Promise<boolean> {
    const r = await this.db.deleteFrom('jira_instances').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async configCount(instanceId: number): Promise<number> {
    const r = await this.db
      .selectFrom('jira_configs')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('instance_id', '=', instanceId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  setReconciledAt(id: number, at: Date): Promise<unknown> {
    return this.db.updateTable('jira_instances').set({ reconciled_at: at }).where('id', '=', id).execute();
  }

  configsOfProduct(productId: number): Promise<JiraConfigRow[]> {
    return this.db
      .selectFrom('jira_configs')
      .selectAll()
      .where('product_id', '=', productId)
      .orderBy('engagement_id', (ob) => ob.nullsFirst())
      .execute();
  }

  configsOfInstance(instanceId: number): Promise<JiraConfigRow[]> {
    return this.db.selectFrom('jira_configs').selectAll().where('instance_id', '=', instanceId).execute();
  }

  findConfig(id: number): Promise<JiraConfigRow | undefined> {
    return this.db.selectFrom('jira_configs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The configuration that applies: the engagement's own, else the product's. */
  effectiveConfig(productId: number, engagementId: number): Promise<JiraConfigRow | undefined> {
    return this.db
      .selectFrom('jira_configs')
      .selectAll()
      .where('product_id', '=', productId)
      .where((eb) => eb.or([eb('engagement_id', '=', engagementId), eb('engagement_id', 'is', null)]))
      .orderBy('engagement_id', (ob) => ob.nullsLast())
      .limit(1)
      .executeTakeFirst();
  }

  /** Inserts or replaces the configuration of a product (engagementId null) or one engagement. */
  upsertConfig(row: Insertable<JiraConfigsTable>): Promise<JiraConfigRow> {
    return this.db
      .insertInto('jira_configs')
      .values(row)
      .onConflict((oc) =>
        oc.expression(sql`product_id, coalesce(engagement_id, 0)`).doUpdateSet((eb) => ({
          instance_id: eb.ref('excluded.instance_id'),
          project_key: eb.ref('excluded.project_key'),
          issue_type: eb.ref('excluded.issue_type'),
          priority_map: eb.ref('excluded.priority_map'),
          close_transition: eb.ref('excluded.close_transition'),
          reopen_transition: eb.ref('excluded.reopen_transition'),
          labels: eb.ref('excluded.labels'),
          component: eb.ref('excluded.component'),
          push_min_severity: eb.ref('excluded.push_min_severity'),
          engagement_epic: eb.ref('excluded.engagement_epic'),
          push_notes: eb.ref('excluded.push_notes'),
          updated_at: sql`now()`,
        })),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async deleteConfig(id: number): Promise<boolean> {
    const r = await this.db.deleteFrom('jira_configs').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}
