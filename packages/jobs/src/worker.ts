import type PgBoss from 'pg-boss';
import { EXHAUST_RETRIES_SQL } from '@vigil/db';
import type { AnyJobHandlers, JobDefinition } from './job-definition.ts';
import { assertHandlers } from './handlers.ts';

export interface WorkerSettings {
  /** Jobs of one queue running at once in this process (VIGIL_WORKER_CONCURRENCY). */
  concurrency: number;
  /** Per-queue overrides (VIGIL_WORKER_CONCURRENCY_BY_QUEUE="import.scan=1,notify.deliver=8"). */
  concurrencyByQueue?: Record<string, number>;
  /** Sleep between polls of an empty queue. */
  pollingIntervalMs?: number;
  /** Only these queues (default: every definition). */
  queues?: string[];
}

/** What the worker reports: durations and failures (Prometheus), and log lines. */
export interface JobObserver {
  succeeded(queue: string, seconds: number): void;
  failed(
    queue: string,
    seconds: number,
    err: unknown,
    job: { id: string; retryCount: number; retryLimit: number },
  ): void;
  error(err: unknown): void;
}

type FetchedJob = PgBoss.JobWithMetadata<object>;

/** A failure no retry can fix (an invalid payload): the job becomes a dead letter at once. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

/**
 * Consumes every queue with a bounded number of jobs in flight per queue. Jobs are fetched in
 * batches of the free slots, payloads are validated by the definition's zod schema, successes are
 * completed in one statement per loop turn, a failure goes back to pg-boss (retry with backoff,
 * then `failed`: the dead-letter state an admin can retry).
 */
export class JobWorker {
  private stopping = false;
  private readonly loops: Promise<void>[] = [];
  private readonly running = new Map<string, Set<Promise<void>>>();
  private readonly wakers = new Set<() => void>();

  constructor(
    private readonly boss: PgBoss,
    private readonly defs: JobDefinition[],
    private readonly handlers: AnyJobHandlers,
    private readonly settings: WorkerSettings,
    private readonly observer: JobObserver,
  ) {
    assertHandlers(defs, handlers);
  }

  concurrencyOf(queue: string): number {
    return Math.max(1, this.settings.concurrencyByQueue?.[queue] ?? this.settings.concurrency);
  }

  start(): void {
    const wanted = this.settings.queues ? new Set(this.settings.queues) : undefined;
    for (const def of this.defs) if (!wanted || wanted.has(def.name)) this.loops.push(this.consume(def));
  }

  /** Stops fetching; waits for running jobs up to `timeoutMs`, then hands the rest back to the queue. */
  async stop(timeoutMs: number): Promise<void> {
    this.stopping = true;
    for (const wake of this.wakers) wake();
    const all = () => [...this.running.values()].flatMap((s) => [...s]);
    const finished = Promise.all([...this.loops, ...all()]).then(() => true);
    const timedOut = await Promise.race([finished, sleep(timeoutMs).then(() => false)]);
    if (!timedOut) await this.releaseUnfinished();
  }

  private readonly inFlight = new Map<string, FetchedJob>();

  private async releaseUnfinished(): Promise<void> {
    for (const job of this.inFlight.values()) {
      await this.boss
        .fail(job.name, job.id, { message: 'released: the worker shut down before the job finished' })
        .catch((err) => this.observer.error(err));
    }
  }

  private async consume(def: JobDefinition): Promise<void> {
    const limit = this.concurrencyOf(def.name);
    const running = new Set<Promise<void>>();
    this.running.set(def.name, running);
    const done: string[] = [];
    const poll = this.settings.pollingIntervalMs ?? 1000;
    while (!this.stopping) {
      try {
        await this.flush(def.name, done);
        const free = limit - running.size;
        if (free <= 0) {
          await Promise.race(running);
          continue;
        }
        const jobs = (await this.boss.fetch<object>(def.name, {
          batchSize: free,
          includeMetadata: true,
        })) as FetchedJob[];
        if (!jobs.length) {
          await this.idle(poll, running);
          continue;
        }
        for (const job of jobs) {
          this.inFlight.set(job.id, job);
          const p: Promise<void> = this.run(def, job, done).finally(() => {
            running.delete(p);
            this.inFlight.delete(job.id);
          });
          running.add(p);
        }
      } catch (err) {
        this.observer.error(err);
        await this.idle(poll, running);
      }
    }
    await Promise.all(running);
    await this.flush(def.name, done).catch((err) => this.observer.error(err));
  }

  private async run(def: JobDefinition, job: FetchedJob, done: string[]): Promise<void> {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      const parsed = def.payload.safeParse(job.data ?? {});
      if (!parsed.success)
        throw new PermanentJobError(
          `Invalid ${def.name} payload: ` +
            `${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
        );
      await this.handlers[def.name](parsed.data, {
        jobId: job.id,
        retryCount: job.retryCount,
        final: job.retryCount >= job.retryLimit,
      });
      done.push(job.id);
      this.observer.succeeded(def.name, seconds());
    } catch (err) {
      const permanent = err instanceof PermanentJobError;
      this.observer.failed(def.name, seconds(), err, {
        id: job.id,
        retryCount: job.retryCount,
        retryLimit: permanent ? job.retryCount : job.retryLimit,
      });
      if (permanent)
        await this.boss
          .getDb()
          .executeSql(EXHAUST_RETRIES_SQL, [def.name, job.id])
          .catch((e) => this.observer.error(e));
      const message = err instanceof Error ? err.message : String(err);
      await this.boss
        .fail(def.name, job.id, { message: message.slice(0, 2000), name: (err as Error)?.name ?? 'Error' })
        .catch((e) => this.observer.error(e));
    }
  }

  /** Completes finished jobs in one statement. */
  private async flush(queue: string, done: string[]): Promise<void> {
    if (!done.length) return;
    const ids = done.splice(0, done.length);
    await this.boss.complete(queue, ids);
  }

  /** Waits for the polling interval, a finished job, or stop. */
  private async idle(ms: number, running: Set<Promise<void>>): Promise<void> {
    let wake!: () => void;
    const woken = new Promise<void>((r) => (wake = r));
    this.wakers.add(wake);
    const timer = setTimeout(wake, ms);
    await Promise.race([woken, ...running]);
    clearTimeout(timer);
    this.wakers.delete(wake);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref());
}
