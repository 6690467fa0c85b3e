import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type PgBoss from 'pg-boss';
import { z } from 'zod';
import {
  createQueue,
  ensureJobQueues,
  importHandlers,
  jobDefinitions,
  JobWorker,
  metricsObserver,
  type AnyJobHandlers,
  type JobDefinition,
} from '@vigil/jobs';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';
import { multipartBody } from '../support/multipart.ts';
import { waitFor } from './vigil-process.ts';
import { loggedEvents } from './domain-events.ts';

/** The worker in-process: async imports, validation, retries into dead letters, admin retry, metrics, graceful stop. */
// Test queues outside the job catalogue (@vigil/contract): plain definitions, enqueued through pg-boss itself.
const failingJob: JobDefinition = {
  name: 'test.always-fails',
  description: 'fails',
  payload: z.object({ n: z.number() }),
  retryLimit: 1,
  retryDelaySeconds: 1,
  retryBackoff: false,
  timeoutSeconds: 60,
};
const slowJob: JobDefinition = {
  name: 'test.slow',
  description: 'takes a while',
  payload: z.object({ ms: z.number() }),
  retryLimit: 0,
  retryDelaySeconds: 1,
  retryBackoff: false,
  timeoutSeconds: 60,
};
const importJob = jobDefinitions.find((d) => d.name === 'import.scan')!;

let db: TestDatabase;
let h: Harness;
let admin: TestUser;
let reader: TestUser;
let boss: PgBoss;
let worker: JobWorker;
let artifactDir: string;
const slowRuns: number[] = [];
const silent = { error() {}, warn() {} };

before(async () => {
  db = await freshDatabase();
  artifactDir = mkdtempSync(join(tmpdir(), 'vigil-worker-'));
  h = await createHarness(db.uow, { artifactDir, metricsToken: 'worker-test-metrics-token' });
  await ensureJobQueues(db.uow, [failingJob, slowJob]);
  admin = await h.user('jobs_admin', { admin: true });
  reader = await h.user('jobs_reader');
  boss = createQueue(db.handle, db.url, { schedule: false, supervise: false });
  await boss.start();
  const handlers: AnyJobHandlers = {
    ...importHandlers(h.services.asyncImports),
    [failingJob.name]: async () => {
      throw new Error('the remote end refused');
    },
    [slowJob.name]: async (p: { ms: number }) => {
      await new Promise((r) => setTimeout(r, p.ms));
      slowRuns.push(Date.now());
    },
  };
  worker = new JobWorker(
    boss,
    [importJob, failingJob, slowJob],
    handlers,
    { concurrency: 2, pollingIntervalMs: 100 },
    metricsObserver(silent),
  );
  worker.start();
});

after(async () => {
  await worker.stop(1000);
  await boss.stop({ graceful: false, wait: true });
  await h.close();
  await db.drop();
  rmSync(artifactDir, { recursive: true, force: true });
});

async function jobState(id: string): Promise<string | undefined> {
  return (
    (await boss.getJobById(slowJob.name, id))?.state ??
    (await boss.getJobById(failingJob.name, id))?.state ??
    (await boss.getJobById(importJob.name, id))?.state
  );
}

test('an async import runs on the worker: 202, then done with the statistics of a synchronous import', async () => {
  const pt = await admin.post('/api/v1/product-types', { name: 'Async PT' });
  const product = await admin.post('/api/v1/products', { name: 'Async product', productTypeId: pt.json().id });
  const engagement = await admin.post('/api/v1/engagements', {
    productId: product.json().id,
    name: 'E',
    targetStart: '2026-01-01',
    targetEnd: '2026-12-31',
  });
  const report = JSON.stringify({
    findings: [
      { title: 'One', severity: 'High', description: 'd' },
      { title: 'Two', severity: 'Low', description: 'd' },
    ],
  });
  const res = await admin.request({
    method: 'POST',
    url: '/api/v1/import?async=true',
    ...multipartBody({ scanType: 'Generic Findings Import', engagementId: engagement.json().id }, { content: report }),
  } as never);
  assert.equal(res.statusCode, 202, res.body);
  assert.equal(res.json().state, 'queued');
  const id = res.json().id;
  const done = await waitFor(
    'the import',
    async () => {
      const r = (await admin.get(`/api/v1/import/requests/${id}`)).json();
      return r.state === 'done' || r.state === 'failed' ? r : undefined;
    },
    20_000,
  );
  assert.equal(done.state, 'done', JSON.stringify(done));
  assert.equal(done.result.statistics.created.total, 2);
  assert.equal(done.productId, product.json().id);
  // A reader of the product may follow it; someone else may not know it exists.
  assert.equal((await reader.get(`/api/v1/import/requests/${id}`)).statusCode, 404);
  const types = (await loggedEvents(db.handle.db, { topic: `product:${product.json().id}` })).map((e) => e.type);
  for (const t of ['import.started', 'import.progress', 'import.finished', 'scan.imported'])
    assert.ok(types.includes(t), `${t} published`);
  assert.equal(types.filter((t) => t === 'import.finished').length, 1);
});

test('a report that cannot be parsed fails the request with the parser error, without retries', async () => {
  const pt = await admin.post('/api/v1/product-types', { name: 'Broken PT' });
  const product = await admin.post('/api/v1/products', { name: 'Broken product', productTypeId: pt.json().id });
  const engagement = await admin.post('/api/v1/engagements', {
    productId: product.json().id,
    name: 'E',
    targetStart: '2026-01-01',
    targetEnd: '2026-12-31',
  });
  const res = await admin.request({
    method: 'POST',
    url: '/api/v1/import?async=true',
    ...multipartBody(
      { scanType: 'Generic Findings Import', engagementId: engagement.json().id },
      { content: '{"findings": [' },
    ),
  } as never);
  assert.equal(res.statusCode, 202, res.body);
  const failed = await waitFor(
    'the failure',
    async () => {
      const r = (await admin.get(`/api/v1/import/requests/${res.json().id}`)).json();
      return r.state === 'failed' ? r : undefined;
    },
    20_000,
  );
  assert.match(failed.error, /could not be parsed/);
  assert.equal(failed.attempts, 1);
});

test(
  'an invalid payload fails with the schema error; a failing job retries, then becomes a dead letter an admin can ' +
    'retry',
  async () => {
    // @ts-expect-error enqueue accepts only the job's own payload type; the worker refuses a wrong one at run time too
    const bad = (await db.uow.repos.jobs.enqueue('import.scan', { requestId: 'seven' }))!;
    const failing = (await boss.send(failingJob.name, { n: 1 }))!;
    await waitFor(
      'both to fail for good',
      async () => (await jobState(bad)) === 'failed' && (await jobState(failing)) === 'failed',
      30_000,
      200,
    );

    assert.equal((await reader.get('/api/v1/admin/jobs')).statusCode, 403);
    const overview = await admin.get('/api/v1/admin/jobs');
    assert.equal(overview.statusCode, 200, overview.body);
    const body = overview.json();
    const dead = body.failed.find((j: { id: string }) => j.id === failing);
    assert.equal(dead.error, 'the remote end refused');
    assert.equal(dead.attempts, 2, 'first run + one retry');
    assert.match(
      body.failed.find((j: { id: string }) => j.id === bad).error,
      /Invalid import\.scan payload: requestId/,
    );
    assert.equal(body.queues.find((q: { queue: string }) => q.queue === failingJob.name).counts.failed, 1);

    const retried = await admin.post(`/api/v1/admin/jobs/${failing}/retry`);
    assert.equal(retried.statusCode, 200, retried.body);
    assert.equal(
      (await admin.post('/api/v1/admin/jobs/00000000-0000-4000-8000-000000000000/retry')).statusCode,
      404,
      'no such failed job',
    );
    assert.equal((await admin.post('/api/v1/admin/jobs/not-a-uuid/retry')).statusCode, 400);
    await waitFor('the retried job to fail again', async () => (await jobState(failing)) === 'failed', 30_000, 200);

    const metrics = (
      await h.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: 'Bearer worker-test-metrics-token' },
      })
    ).body;
    assert.match(metrics, /vigil_job_queue_depth\{queue="test\.always-fails",state="failed"\} 1/);
    assert.match(metrics, /vigil_job_failures_total\{queue="test\.always-fails",final="true"\} [2-9]/);
    assert.match(metrics, /vigil_job_duration_seconds_count\{queue="import\.scan",outcome="completed"\} [1-9]/);
  },
);

test('stopping lets the running job finish and takes no new one', async () => {
  const running = (await boss.send(slowJob.name, { ms: 1500 }))!;
  await waitFor('the slow job to start', async () => (await jobState(running)) === 'active', 10_000, 50);
  const stopped = worker.stop(10_000);
  const queued = (await boss.send(slowJob.name, { ms: 10 }))!;
  await stopped;
  assert.equal(await jobState(running), 'completed', 'the running job finished');
  // Kept sleep: this proves something does NOT happen. The worker polls every 100 ms here, so 500 ms
  // gives a stopped worker five chances to fetch the queued job had it not stopped its loops.
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(await jobState(queued), 'created', 'nothing new was fetched');
});
