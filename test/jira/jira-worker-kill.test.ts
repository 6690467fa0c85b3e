import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYSTEM_ACTOR, type RequestContext } from '@vigil/core';
import { ensureJobQueues, jobDefinitions } from '@vigil/jobs';
import { createServices, type Services } from '../../apps/server/src/runtime/services.ts';
import { testServicesConfig } from '../support/services-config.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { spawnVigil, waitFor, type VigilProcess } from '../jobs/vigil-process.ts';
import { FakeJiraServer } from './fake-jira-server.ts';
import { LOOPBACK_ALLOW, LOOPBACK_ALLOWED } from './jira-support.ts';

/**
 * A real `vigil worker` killed with SIGKILL while Jira is creating the issue (Jira committed, the
 * answer never arrived): a second worker retries the job and the finding still has one Jira issue.
 */
const KEY_HEX = 'cd'.repeat(32);
const TIMEOUT_SECONDS = 3; // the dead worker's claim (and issue lease) expire after this
const sys: RequestContext = { actor: SYSTEM_ACTOR };

let db: TestDatabase;
let s: Services;
let jira: FakeJiraServer;
let dataDir: string;
const workers: VigilProcess[] = [];

function startWorker(): VigilProcess {
  const w = spawnVigil('worker', {
    DATABASE_URL: db.url,
    VIGIL_DATA_DIR: dataDir,
    VIGIL_SECRET_KEY: KEY_HEX,
    VIGIL_WORKER_POLL_MS: '200',
    VIGIL_QUEUE_MAINTENANCE_SECONDS: '1',
    VIGIL_JOB_TIMEOUTS: `jira.sync-issue=${TIMEOUT_SECONDS}`,
    VIGIL_LOG_LEVEL: 'info',
    VIGIL_OUTBOUND_ALLOW: LOOPBACK_ALLOW.join(','),
  });
  workers.push(w);
  return w;
}

before(async () => {
  db = await freshDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'vigil-jira-kill-'));
  s = createServices(
    db.uow,
    testServicesConfig({ secretKey: Buffer.from(KEY_HEX, 'hex'), notifications: LOOPBACK_ALLOWED }),
  );
  await ensureJobQueues(db.uow.repos, jobDefinitions, { 'jira.sync-issue': TIMEOUT_SECONDS });
  jira = await new FakeJiraServer({ bot: 'tok' }).start();
});

after(async () => {
  for (const w of workers) w.child.kill('SIGKILL');
  await Promise.all(workers.map((w) => w.exited));
  await jira.stop();
  await db.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('kill -9 of the worker mid-push: the retry on another worker finds the issue, Jira has it once', {
  timeout: 90_000,
}, async () => {
  const { instance } = await s.jiraInstances.create(sys, {
    name: 'Jira',
    url: jira.url,
    username: 'bot',
    token: 'tok',
  });
  const pt = await s.productTypes.create(sys, { name: 'PT' });
  const product = await s.products.create(sys, { name: 'Shop', productTypeId: pt.id });
  const engagement = await s.engagements.create(sys, {
    productId: product.id,
    name: 'E',
    targetStart: '2026-01-01',
    targetEnd: '2026-12-31',
  });
  const t = await s.tests.create(sys, { engagementId: engagement.id, scanType: 'Manual' });
  const finding = await s.findings.create(sys, { testId: t.id, title: 'Heap overflow', severity: 'Critical' });
  await s.jiraConfigs.put(sys, product.id, { instanceId: instance.id, projectKey: 'KILL' });

  const first = startWorker();
  await waitFor('the first worker to start', async () => first.output().includes('background roles started'), 30_000);
  // Retry soon after the claim expires (the job copies its queue's policy when enqueued).
  await db.uow.repos.jobs.ensureQueue({
    name: 'jira.sync-issue',
    retryLimit: 8,
    retryDelaySeconds: 1,
    retryBackoff: false,
    timeoutSeconds: TIMEOUT_SECONDS,
  });

  jira.holdCreateResponses = true;
  await s.jiraPush.push(sys, [finding.id]);
  await waitFor('Jira to create the issue', async () => jira.issues.size === 1, 30_000, 50).catch((err) => {
    throw new Error(`${(err as Error).message}\nworker output:\n${first.output()}`);
  });
  first.child.kill('SIGKILL');
  await first.exited;
  jira.holdCreateResponses = false;
  assert.equal((await s.jiraPush.linkOf(sys, finding.id))?.jira_key, null, 'the dead worker never learnt the key');

  const second = startWorker();
  const link = await waitFor(
    'the retried job to record the issue',
    async () => {
      const l = await s.jiraPush.linkOf(sys, finding.id);
      return l?.state === 'synced' ? l : undefined;
    },
    60_000,
    200,
  ).catch((err) => {
    throw new Error(`${(err as Error).message}\nworker output:\n${second.output()}`);
  });
  assert.equal(jira.issues.size, 1, 'one Jira issue');
  assert.equal(link.jira_key, [...jira.issues.keys()][0]);
  const creates = jira.callsTo('POST', '/rest/api/2/issue').filter((c) => c.path === '/rest/api/2/issue');
  assert.equal(creates.length, 1, 'the retry searched by label instead of creating again');
});
