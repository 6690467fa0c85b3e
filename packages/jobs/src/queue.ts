import PgBoss from 'pg-boss';
import { CompiledQuery } from 'kysely';
import { JOB_QUEUE_SCHEMA, type DatabaseHandle, type Repositories, type UnitOfWork } from '@vigil/db';
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
export function createQueue(
  handle: DatabaseHandle,
  databaseUrl: string | undefined,
  opts: { schedule: boolean; supervise: boolean } & QueueTuning,
): PgBoss {
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
  if (databaseUrl && !handle.failover)
    return new PgBoss({
      ...common,
      connectionString: databaseUrl,
      max: poolSize ?? 5,
      application_name: 'vigil-queue',
    });
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

/**
 * Creates every definition's queue (idempotent) with its retry policy; run by every role at start.
 * Processes starting together take turns (an advisory lock), and nothing is written when every
 * queue already matches its definition.
 */
export async function ensureJobQueues(
  target: Pick<UnitOfWork, 'repos' | 'transaction'> | Pick<Repositories, 'jobs'>,
  defs: JobDefinition[],
  timeouts: Record<string, number> = {},
): Promise<void> {
  const policies = defs.map((d) => ({
    name: d.name,
    retryLimit: d.retryLimit,
    retryDelaySeconds: d.retryDelaySeconds,
    retryBackoff: d.retryBackoff,
    timeoutSeconds: timeouts[d.name] ?? d.timeoutSeconds,
  }));
  const uow = 'transaction' in target ? target : undefined;
  const jobs = uow ? uow.repos.jobs : (target as Pick<Repositories, 'jobs'>).jobs;
  if (!(await jobs.queuesToSetUp(policies)).length) return;
  if (!uow) {
    for (const p of await jobs.queuesToSetUp(policies)) await jobs.ensureQueue(p);
    return;
  }
  await uow.transaction(async (repos) => {
    await repos.jobs.lockQueueSetup();
    for (const p of await repos.jobs.queuesToSetUp(policies)) await repos.jobs.ensureQueue(p);
  });
}
