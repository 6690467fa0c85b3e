import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYSTEM_ACTOR, type RequestContext } from '@vigil/core';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';
import { multipartBody } from '../support/multipart.ts';
import { spawnVigil, waitFor, type VigilProcess } from './vigil-process.ts';
import { loggedEvents } from './domain-events.ts';

/** SIGTERM to `vigil worker` in the middle of an import: it takes no new job, finishes the running one, exits 0. */
let db: TestDatabase;
let h: Harness;
let admin: TestUser;
let artifactDir: string;
let worker: VigilProcess | undefined;
const sys: RequestContext = { actor: SYSTEM_ACTOR };

before(async () => {
  db = await freshDatabase();
  artifactDir = mkdtempSync(join(tmpdir(), 'vigil-sigterm-'));
  h = await createHarness(db.uow, { artifactDir });
  admin = await h.user('term_admin', { admin: true });
});

after(async () => {
  worker?.child.kill('SIGKILL');
  await worker?.exited;
  await h.close();
  await db.drop();
  rmSync(artifactDir, { recursive: true, force: true });
});

function report(n: number, prefix: string): Buffer {
  const findings = Array.from({ length: n }, (_, i) => ({
    title: `${prefix} ${i}`,
    severity: 'Medium',
    description: `d ${i}`,
    component_name: `c${i}`,
  }));
  return Buffer.from(JSON.stringify({ findings }));
}

test('SIGTERM lets the running import finish, leaves the queued one for the next worker, and exits 0', {
  timeout: 90_000,
}, async () => {
  const pt = await h.services.productTypes.create(sys, { name: 'Term PT' });
  const product = await h.services.products.create(sys, { name: 'Term product', productTypeId: pt.id });
  const engagement = await h.services.engagements.create(sys, {
    productId: product.id,
    name: 'E',
    targetStart: '2026-01-01',
    targetEnd: '2026-12-31',
  });
  worker = spawnVigil('worker', {
    DATABASE_URL: db.url,
    VIGIL_DATA_DIR: artifactDir,
    VIGIL_ARTIFACT_DIR: artifactDir,
    VIGIL_SECRET_KEY: 'ef'.repeat(32),
    VIGIL_WORKER_POLL_MS: '200',
    VIGIL_WORKER_CONCURRENCY_BY_QUEUE: 'import.scan=1',
    VIGIL_WORKER_SHUTDOWN_SECONDS: '60',
  });
  const queue = async (prefix: string) => {
    const res = await admin.request({
      method: 'POST',
      url: '/api/v1/import?async=true',
      ...multipartBody(
        { scanType: 'Generic Findings Import', engagementId: engagement.id },
        { content: report(6000, prefix) },
      ),
    } as never);
    assert.equal(res.statusCode, 202, res.body);
    return res.json().id as number;
  };
  const running = await queue('first');
  await waitFor(
    'the import to be writing',
    async () =>
      (await loggedEvents(db.handle.db, { type: 'import.progress' })).some(
        (e) => e.payload.requestId === running && e.payload.phase === 'writing',
      ),
    40_000,
    50,
  ).catch((err) => {
    throw new Error(`${(err as Error).message}\n${worker!.output()}`);
  });
  const waiting = await queue('second');
  worker.child.kill('SIGTERM');
  assert.equal(await worker.exited, 0, worker.output());

  const first = (await admin.get(`/api/v1/import/requests/${running}`)).json();
  assert.equal(first.state, 'done', 'the running import finished before the worker exited');
  assert.equal(first.attempts, 1);
  assert.equal(first.result.findingsInReport, 6000);
  const second = (await admin.get(`/api/v1/import/requests/${waiting}`)).json();
  assert.equal(second.state, 'queued', 'the stopping worker took no new job');
});
