import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { DEFAULT_JOBS_CONFIG, jobsConfigFrom, ZJobsEnv } from './jobs-config.ts';
import { effectiveSchedules } from './scheduler.ts';
import type { JobDefinition } from './job-definition.ts';

test('per-queue concurrency, timeouts and schedules are parsed', () => {
  const c = jobsConfigFrom(
    ZJobsEnv.parse({
      VIGIL_WORKER_CONCURRENCY: '8',
      VIGIL_WORKER_CONCURRENCY_BY_QUEUE: 'import.scan=1, jira.sync-issue=16',
      VIGIL_JOB_TIMEOUTS: 'import.scan=3600',
      VIGIL_SCHEDULES: 'sla.breaches=0 4 * * 1-5; retention.duplicates=off',
    }),
  );
  assert.equal(c.concurrency, 8);
  assert.deepEqual(c.concurrencyByQueue, { 'import.scan': 1, 'jira.sync-issue': 16 });
  assert.deepEqual(c.timeouts, { 'import.scan': 3600 });
  assert.deepEqual(c.schedules, { 'sla.breaches': '0 4 * * 1-5', 'retention.duplicates': 'off' });
  assert.equal(DEFAULT_JOBS_CONFIG.concurrency, 4);
});

test('a malformed value names the entry that is wrong', () => {
  const bad = ZJobsEnv.safeParse({
    VIGIL_WORKER_CONCURRENCY_BY_QUEUE: 'import.scan=0',
    VIGIL_SCHEDULES: 'sla.breaches=every day',
  });
  assert.equal(bad.success, false);
  const messages = bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
  assert.match(messages, /VIGIL_WORKER_CONCURRENCY_BY_QUEUE: "import.scan=0" is not queue=concurrency \(1–1000\)/);
  assert.match(messages, /VIGIL_SCHEDULES: "sla.breaches=every day" is not job=<5-field cron> or job=off/);
});

test('schedule overrides replace or switch off a cron, and unknown names are refused', () => {
  const payload = z.object({});
  const defs = [
    {
      name: 'a.daily',
      description: '',
      payload,
      retryLimit: 0,
      retryDelaySeconds: 1,
      retryBackoff: false,
      timeoutSeconds: 60,
      cron: '0 1 * * *',
    },
    {
      name: 'b.hourly',
      description: '',
      payload,
      retryLimit: 0,
      retryDelaySeconds: 1,
      retryBackoff: false,
      timeoutSeconds: 60,
      cron: '0 * * * *',
    },
    {
      name: 'c.on-demand',
      description: '',
      payload,
      retryLimit: 0,
      retryDelaySeconds: 1,
      retryBackoff: false,
      timeoutSeconds: 60,
    },
  ] satisfies JobDefinition[];
  assert.deepEqual(effectiveSchedules(defs, { 'a.daily': '30 2 * * *', 'b.hourly': 'off' }), [
    { name: 'a.daily', cron: '30 2 * * *' },
  ]);
  assert.throws(() => effectiveSchedules(defs, { 'z.unknown': '* * * * *' }), /unknown job\(s\): z\.unknown/);
});
