/**
 * Job queue benchmark (never part of the test suite): no-op jobs through Vigil's queue, end to end
 * (two JobWorker consumers, each with its own pg-boss connection pool as two worker processes would
 * have, zod validation and metrics included, running while the jobs are enqueued in transactions
 * with repos.jobs.enqueueMany), against pg-boss's own raw loop in the same run (two loops of
 * fetch(batch) → complete(ids) while a producer inserts batches): the ceiling. End to end = first
 * enqueue to last completion.
 *
 *   npm run bench:jobs              (BENCH_JOBS=20000; BENCH_BATCH=500)
 */
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import type PgBoss from 'pg-boss';
import { z } from 'zod';
import { createQueue, ensureJobQueues, JobWorker, metricsObserver, type JobDefinition } from '@vigil/jobs';
import { freshDatabase, type TestDatabase } from '../test/support/postgres.ts';

const N = Number(process.env.BENCH_JOBS ?? 20_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
// Queues outside the job catalogue (@vigil/contract): plain definitions.
const noop: JobDefinition = {
  name: 'bench.noop',
  description: 'does nothing',
  payload: z.object({ i: z.number() }),
  retryLimit: 0,
  retryDelaySeconds: 1,
  retryBackoff: false,
  timeoutSeconds: 60,
};
const raw: JobDefinition = { ...noop, name: 'bench.raw' };

async function completed(db: TestDatabase, queue: string): Promise<number> {
  const r = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = ${queue} AND state = 'completed'`.execute(db.handle.db);
  return r.rows[0].n;
}

async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 20));
}

function payloads(n: number): Array<{ i: number }> {
  return Array.from({ length: n }, (_, i) => ({ i }));
}

/** Consumers run while the jobs are enqueued; the clock runs from the first enqueue to the last completion. */
async function vigilRun(db: TestDatabase): Promise<{ enqueueMs: number; totalMs: number }> {
  const bosses: PgBoss[] = [];
  const workers: JobWorker[] = [];
  for (let w = 0; w < 2; w++) {
    const boss = createQueue(db.handle, db.url, { schedule: false, supervise: false, poolSize: 4 });
    await boss.start();
    bosses.push(boss);
    workers.push(
      new JobWorker(
        boss,
        [noop],
        { [noop.name]: async () => {} },
        { concurrency: BATCH, pollingIntervalMs: 50 },
        metricsObserver({ error() {}, warn() {} }),
      ),
    );
  }
  for (const w of workers) w.start();
  const t0 = performance.now();
  for (let i = 0; i < N; i += BATCH)
    await db.uow.transaction((repos) =>
      // @ts-expect-error the bench queue is outside the job catalogue; enqueueMany is what is measured
      repos.jobs.enqueueMany(noop.name, payloads(Math.min(BATCH, N - i))),
    );
  const t1 = performance.now();
  await until(async () => (await completed(db, noop.name)) >= N);
  const t2 = performance.now();
  for (const w of workers) await w.stop(5000);
  for (const b of bosses) await b.stop({ graceful: false, wait: true });
  return { enqueueMs: t1 - t0, totalMs: t2 - t0 };
}

async function rawRun(db: TestDatabase): Promise<{ enqueueMs: number; totalMs: number }> {
  const producer = createQueue(db.handle, db.url, { schedule: false, supervise: false, poolSize: 4 });
  const consumers = [
    createQueue(db.handle, db.url, { schedule: false, supervise: false, poolSize: 4 }),
    createQueue(db.handle, db.url, { schedule: false, supervise: false, poolSize: 4 }),
  ];
  for (const b of [producer, ...consumers]) await b.start();
  let done = 0;
  let stop = false;
  const loop = async (boss: PgBoss) => {
    while (!stop) {
      const jobs = await boss.fetch(raw.name, { batchSize: BATCH });
      if (!jobs.length) {
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      await boss.complete(
        raw.name,
        jobs.map((j) => j.id),
      );
      done += jobs.length;
    }
  };
  const loops = consumers.map(loop);
  const t0 = performance.now();
  for (let i = 0; i < N; i += BATCH)
    await producer.insert(payloads(Math.min(BATCH, N - i)).map((data) => ({ name: raw.name, data })));
  const t1 = performance.now();
  await until(async () => done >= N);
  const t2 = performance.now();
  stop = true;
  await Promise.all(loops);
  for (const b of [producer, ...consumers]) await b.stop({ graceful: false, wait: true });
  return { enqueueMs: t1 - t0, totalMs: t2 - t0 };
}

const db = await freshDatabase();
try {
  await ensureJobQueues(db.uow, [noop, raw]);
  console.log(
    `no-op jobs: ${N}, batch ${BATCH}, 2 consumers; load average before: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const rawResult = await rawRun(db);
  const vigilResult = await vigilRun(db);
  const rows = [
    { path: 'pg-boss raw (insert / fetch+complete)', ...rawResult },
    { path: 'Vigil (enqueueMany in tx / 2 JobWorkers)', ...vigilResult },
  ].map((r) => ({
    path: r.path,
    'enqueue jobs/s (consumers running)': Math.round(N / (r.enqueueMs / 1000)),
    'end to end jobs/s': Math.round(N / (r.totalMs / 1000)),
    'end to end s': (r.totalMs / 1000).toFixed(2),
  }));
  console.table(rows);
  console.log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  await db.drop();
}
