import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Business gauges for /metrics: cheap aggregate queries. */
export class MetricsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async counts(): Promise<{ users: number; products: number; openFindings: Record<string, number> }> {
    const [users, products, open] = await Promise.all([
      this.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom('products')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom('findings')
        .select(['severity', (eb) => eb.fn.countAll<number>().as('n')])
        .where('active', '=', true)
        .where('duplicate', '=', false)
        .groupBy('severity')
        .execute(),
    ]);
    const openFindings: Record<string, number> = { Critical: 0, High: 0, Medium: 0, Low: 0, Info: 0 };
    for (const r of open) openFindings[r.severity] = Number(r.n);
    return { users: Number(users.n), products: Number(products.n), openFindings };
  }
}
