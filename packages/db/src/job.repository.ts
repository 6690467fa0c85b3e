import PgBoss from 'pg-boss';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { JobName, JobPayload } from '@vigil/contract';
import type { JobState } from '@vigil/contract/values';
import type { Database } from './schema.ts';
import { JOB_QUEUE_SCHEMA } from './migrations/0005_jobs.ts';

export { JOB_QUEUE_SCHEMA };

export { JOB_STATES, type JobState } from '@vigil/contract/values';

export interface EnqueueOptions {
  /** Run no earlier than this date, or this many seconds from now. */
  startAfter?: Date | number;
  /**
   * Throttle: at most one job per key (and queue) in each window of `singletonSeconds` (windows are
   * aligned to the epoch); a second enqueue in the window returns null.
   */
  singletonKey?: string;
  singletonSeconds?: number;
  /** Higher runs first. */
  priority?: number;
}

/** A queue's retry policy, as created from a job definition. */
export interface QueuePolicy {
  name: string;
  retryLimit: number;
  retryDelaySeconds: number;
  retryBackoff: boolean;
  timeoutSeconds: number;
}

export interface QueueDepth {
  queue: string;
  state: JobState;
  count: number;
}

export interface FailedJob {
  id: string;
  queue: string;
  data: unknown;
  output: unknown;
  retryCount: number;
  retryLimit: number;
  createdOn: Date;
  startedOn: Date | null;
  failedOn: Date | null;
}

/**
 * pg-boss is used here only as the author of its own SQL: it is never started, and every statement
 * runs on this repository's connection — inside the caller's transaction when the repositories
 * are bound to one. So a job enqueued in a transaction that rolls back never existed.
 */
const statements = new PgBoss({
  schema: JOB_QUEUE_SCHEMA,
  db: {
    executeSql: () => {
      throw new Error('pg-boss statement builder: every call passes its own connection');
    },
  },
});

/** Makes a job's next failure final (no retry left): for failures a retry cannot fix. Params: queue, id. */
export const EXHAUST_RETRIES_SQL =
  `UPDATE ${JOB_QUEUE_SCHEMA}.job SET retry_limit = retry_count WHERE name = $1 AND ` +
  `id = $2::uuid AND state = 'active'`;

export class QueueNotFoundError extends Error {
  constructor(readonly queue: string) {
    super(
      `Job queue "${queue}" does not exist: queues are created from the job definitions when a Vigil role starts ` +
        `(ensureJobQueues)`,
    );
    this.name = 'QueueNotFoundError';
  }
}

/** The durable job queue (pg-boss tables in the same database). */
export class JobRepository {
  private readonly connection: PgBoss.Db;

  constructor(private readonly db: Kysely<Database>) {
    this.connection = {
      executeSql: async (text: string, values: unknown[]) => {
        const r = await db.executeQuery(CompiledQuery.raw(text, values ?? []));
        return { rows: r.rows as unknown[] };
      },
    };
  }

  /**
   * Enqueues a job in this connection's transaction; returns its id. Null only when the singleton
   * window already holds a job with the same key. Throws QueueNotFoundError for an unknown queue.
   * Type-checked against the job catalogue (@vigil/contract jobPayloads): a job accepts only its own
   * payload; the worker parses it with the same schema before the handler runs.
   */
  async enqueue<N extends JobName>(name: N, data: JobPayload<N>, options: EnqueueOptions = {}): Promise<string | null> {
    const { startAfter, singletonKey, singletonSeconds, priority } = options;
    const id = await statements.send(name, data, {
      db: this.connection,
      ...(startAfter !== undefined
        ? { startAfter: startAfter instanceof Date ? startAfter : Math.max(0, Math.round(startAfter)) }
        : {}),
      ...(singletonKey !== undefined ? { singletonKey } : {}),
      ...(singletonSeconds !== undefined ? { singletonSeconds } : {}),
      ...(priority !== undefined ? { priority } : {}),
    });
    if (id === null && !(await this.queueExists(name))) throw new QueueNotFoundError(name);
    return id;
  }

  /** Enqueues many jobs of one queue with one statement; returns how many were inserted. */
  async enqueueMany<N extends JobName>(name: N, payloads: Array<JobPayload<N>>): Promise<number> {
    if (!payloads.length) return 0;
    if (!(await this.queueExists(name))) throw new QueueNotFoundError(name);
    const ids = await this.rowsOf<{ id: string }>((db) =>
      statements.insert(
        payloads.map((data) => ({ name, data })),
        { db },
      ),
    );
    return ids.length;
  }

  async queueExists(name: string): Promise<boolean> {
    const r = await sql<{
      n: number;
    }>`SELECT 1 AS n FROM ${sql.table(`${JOB_QUEUE_SCHEMA}.queue`)} WHERE name = ${name}`.execute(this.db);
    return r.rows.length > 0;
  }

  /** Queues whose row is missing or differs from the policy. */
  async queuesToSetUp(policies: QueuePolicy[]): Promise<QueuePolicy[]> {
    const r = await sql<{
      name: string;
      retry_limit: number;
      retry_delay: number;
      retry_backoff: boolean;
      expire_seconds: number;
    }>`
      SELECT name, retry_limit, retry_delay, retry_backoff, expire_seconds
        FROM ${sql.table(`${JOB_QUEUE_SCHEMA}.queue`)}`.execute(this.db);
    const existing = new Map(r.rows.map((q) => [q.name, q]));
    return policies.filter((p) => {
      const q = existing.get(p.name);
      return (
        !q ||
        q.retry_limit !== p.retryLimit ||
        q.retry_delay !== p.retryDelaySeconds ||
        q.retry_backoff !== p.retryBackoff ||
        q.expire_seconds !== p.timeoutSeconds
      );
    });
  }

  /** Serializes queue set-up between processes starting at once (DDL on pg-boss's partitions). */
  async lockQueueSetup(): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(hashtext('vigil.job-queue-setup'))`.execute(this.db);
  }

  /** Creates the queue if missing and sets its retry policy (jobs copy it when enqueued). */
  async ensureQueue(p: QueuePolicy): Promise<void> {
    const options = {
      policy: 'standard',
      retryLimit: p.retryLimit,
      retryDelay: p.retryDelaySeconds,
      retryBackoff: p.retryBackoff,
      expireInSeconds: p.timeoutSeconds,
    };
    await sql`SELECT ${sql.raw(JOB_QUEUE_SCHEMA)}.create_queue(${p.name}, ${JSON.stringify(options)}::json)`.execute(
      this.db,
    );
    await sql`
      UPDATE ${sql.table(`${JOB_QUEUE_SCHEMA}.queue`)}
      SET retry_limit = ${p.retryLimit}, retry_delay = ${p.retryDelaySeconds}, retry_backoff = ${p.retryBackoff},
          expire_seconds = ${p.timeoutSeconds}, updated_on = now()
      WHERE name = ${p.name}
        AND (retry_limit, retry_delay, retry_backoff, expire_seconds)
          IS DISTINCT FROM (${p.retryLimit}, ${p.retryDelaySeconds}, ${p.retryBackoff}, ${p.timeoutSeconds})`.execute(
      this.db,
    );
  }

  /** Jobs per queue and state (every queue appears, with zero counts omitted). */
  async depths(): Promise<QueueDepth[]> {
    const r = await sql<{ queue: string; state: JobState; count: number }>`
      SELECT name AS queue, state::text AS state, count(*)::int AS count
      FROM ${sql.table(`${JOB_QUEUE_SCHEMA}.job`)} GROUP BY name, state ORDER BY name, state`.execute(this.db);
    return r.rows;
  }

  async queueNames(): Promise<string[]> {
    const r = await sql<{
      name: string;
    }>`SELECT name FROM ${sql.table(`${JOB_QUEUE_SCHEMA}.queue`)} ORDER BY name`.execute(this.db);
    return r.rows.map((row) => row.name);
  }

  /** Dead letters: jobs that failed their last retry, newest first. */
  async failed(limit: number, queue?: string): Promise<FailedJob[]> {
    return this.selectFailed(
      sql`${queue ? sql`AND name = ${queue}` : sql``} ORDER BY completed_on DESC NULLS LAST, id LIMIT ${limit}`,
    );
  }

  async findFailed(id: string): Promise<FailedJob | undefined> {
    return (await this.selectFailed(sql`AND id = ${id}::uuid`))[0];
  }

  private async selectFailed(rest: ReturnType<typeof sql>): Promise<FailedJob[]> {
    const r = await sql<{
      id: string;
      name: string;
      data: unknown;
      output: unknown;
      retry_count: number;
      retry_limit: number;
      created_on: Date;
      started_on: Date | null;
      completed_on: Date | null;
    }>`
      SELECT id, name, data, output, retry_count, retry_limit, created_on, started_on, completed_on
      FROM ${sql.table(`${JOB_QUEUE_SCHEMA}.job`)}
      WHERE state = 'failed' ${rest}`.execute(this.db);
    return r.rows.map((j) => ({
      id: j.id,
      queue: j.name,
      data: j.data,
      output: j.output,
      retryCount: j.retry_count,
      retryLimit: j.retry_limit,
      createdOn: j.created_on,
      startedOn: j.started_on,
      failedOn: j.completed_on,
    }));
  }

  /** Puts a failed job back in the queue (one more try); returns false when it is not failed. */
  async retryFailed(queue: string, id: string): Promise<boolean> {
    const counts = await this.rowsOf<{ count: string | number }>((db) => statements.retry(queue, id, { db }));
    return Number(counts[0]?.count ?? 0) > 0;
  }

  /**
   * Runs a pg-boss statement on this connection and answers the rows the database returned
   * (pg-boss's type declarations say its insert and retry return nothing; they do, from these rows).
   */
  private async rowsOf<R>(statement: (db: PgBoss.Db) => Promise<unknown>): Promise<R[]> {
    let rows: R[] = [];
    await statement({
      executeSql: async (text: string, values: unknown[]) => {
        const r = await this.db.executeQuery<R>(CompiledQuery.raw(text, values ?? []));
        rows = r.rows;
        return { rows };
      },
    });
    return rows;
  }
}
