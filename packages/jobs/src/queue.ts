import PgBoss from 'pg-boss';
import { CompiledQuery } from 'kysely';
import type { DatabaseHandle } from '@vigil/db';
import type { JobDefinition, JobHandler } from './job-definition.ts';

export const QUEUE_SCHEMA = 'pgboss';

/** pg-boss on the same database: a pool of its own on PostgreSQL, the shared connection when embedded. */
export function createQueue(handle: DatabaseHandle, databaseUrl: string | undefined, opts: { schedule: boolean; supervise: boolean }): PgBoss {
  const common = { schema: QUEUE_SCHEMA, schedule: opts.schedule, supervise: opts.supervise, migrate: true };
  if (databaseUrl) return new PgBoss({ ...common, connectionString: databaseUrl, max: 5 });
  return new PgBoss({
    ...common,
    db: {
      executeSql: async (text: string, values: unknown[]) => {
        const r = await handle.db.executeQuery(CompiledQuery.raw(text, values ?? []));
        return { rows: r.rows as unknown[] };
      },
    },
  });
}

/** Checks that every definition has a handler; startup fails otherwise. */
export function assertHandlers(defs: JobDefinition[], handlers: Record<string, JobHandler>): void {
  const missing = defs.filter((d) => !handlers[d.name]).map((d) => d.name);
  if (missing.length) throw new Error(`Job(s) without a handler: ${missing.join(', ')}`);
}

export async function ensureQueues(boss: PgBoss, defs: JobDefinition[]): Promise<void> {
  for (const d of defs) {
    const existing = await boss.getQueue(d.name);
    const options = {
      name: d.name,
      retryLimit: d.retryLimit,
      retryDelay: d.retryDelaySeconds,
      retryBackoff: d.retryBackoff,
      expireInSeconds: d.timeoutSeconds,
    };
    if (existing) await boss.updateQueue(d.name, options);
    else await boss.createQueue(d.name, options);
  }
}

/** Starts consuming every queue; payloads are validated before the handler runs. */
export async function startWorkers(
  boss: PgBoss,
  defs: JobDefinition[],
  handlers: Record<string, JobHandler>,
  opts: { concurrency: number; onError?: (job: string, err: unknown) => void },
): Promise<void> {
  assertHandlers(defs, handlers);
  await ensureQueues(boss, defs);
  for (const d of defs) {
    await boss.work(d.name, { batchSize: 1, pollingIntervalSeconds: 2 }, async (jobs) => {
      for (const job of jobs) {
        const payload = d.payload.parse(job.data ?? {});
        try {
          await handlers[d.name](payload, { jobId: job.id });
        } catch (err) {
          opts.onError?.(d.name, err);
          throw err;
        }
      }
    });
  }
}

/** Registers every cron: pg-boss fires each occurrence once, however many schedulers run. */
export async function startScheduler(boss: PgBoss, defs: JobDefinition[]): Promise<void> {
  await ensureQueues(boss, defs);
  for (const d of defs) if (d.cron) await boss.schedule(d.name, d.cron, {}, { tz: 'UTC' });
}
