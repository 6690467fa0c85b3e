import PgBoss from 'pg-boss';
import { CompiledQuery } from 'kysely';
import { JOB_QUEUE_SCHEMA, type DatabaseHandle, type Repositories } from '@vigil/db';
import type { JobDefinition } from './job-definition.ts';

export const QUEUE_SCHEMA = JOB_QUEUE_SCHEMA;

export interface QueueTuning {
  /** The scheduler's cron check and clock-skew check, seconds (pg-boss defaults: 30 and 600). */
  cronMonitorIntervalSeconds?: number;
  cronWorkerIntervalSeconds?: number;
  clockMonitorIntervalSeconds?: number;
  /** How often the supervisor expires/archives jobs (seconds). */
  maintenanceIntervalSeconds?: number;
  /** Failed jobs (dead letters) stay visible this long before pg-boss archives them. */
  archiveFailedAfterSeconds?: number;
  /** Connections in pg-boss's own pool (PostgreSQL only). */
  poolSize?: number;
}

/** pg-boss on the same database: a pool of its own on PostgreSQL, the shared connection when embedded. */
export function createQueue(handle: DatabaseHandle, databaseUrl: string | undefined, opts: { schedule: boolean; supervise: boolean } & QueueTuning): PgBoss {
  const { schedule, supervise, poolSize, ...tuning } = opts;
  const common = {
    schema: QUEUE_SCHEMA,
    schedule,
    supervise,
    migrate: true,
    archiveFailedAfterSeconds: 30 * 24 * 3600,
    ...Object.fromEntries(Object.entries(tuning).filter(([, v]) => v !== undefined)),
  };
  // With several hosts (failover) pg-boss has no pool of its own: its SQL goes through the failover-aware one.
  if (databaseUrl && !handle.failover) return new PgBoss({ ...common, connectionString: databaseUrl, max: poolSize ?? 5, application_name: 'vigil-queue' });
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

/** Creates every definition's queue (idempotent) with its retry policy; run by every role at start. */
export async function ensureJobQueues(repos: Pick<Repositories, 'jobs'>, defs: JobDefinition[], timeouts: Record<string, number> = {}): Promise<void> {
  for (const d of defs) {
    const timeoutSeconds = timeouts[d.name] ?? d.timeoutSeconds;
    await repos.jobs.ensureQueue({ name: d.name, retryLimit: d.retryLimit, retryDelaySeconds: d.retryDelaySeconds, retryBackoff: d.retryBackoff, timeoutSeconds });
  }
}
