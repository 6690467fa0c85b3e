import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { QueueNotFoundError } from '@vigil/db';
import { ensureJobQueues, jobDefinitions } from '@vigil/jobs';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';

let t: TestDatabase;
before(async () => {
  t = await freshDatabase();
  await ensureJobQueues(t.uow, jobDefinitions);
});
after(() => t.drop());

async function jobsIn(queue: string): Promise<Array<{ id: string; data: unknown; retry_limit: number }>> {
  const r = await sql<{
    id: string;
    data: unknown;
    retry_limit: number;
  }>`SELECT id, data, retry_limit FROM pgboss.job WHERE name = ${queue}`.execute(t.handle.db);
  return r.rows;
}

test('a job enqueued in a committed transaction exists, with the retry policy of its definition', async () => {
  const id = await t.uow.transaction((repos) =>
    repos.jobs.enqueue('maintenance.expired-sessions', { reason: 'commit' }),
  );
  assert.ok(id);
  const jobs = await jobsIn('maintenance.expired-sessions');
  assert.deepEqual(
    jobs.map((j) => j.id),
    [id],
  );
  assert.deepEqual(jobs[0].data, { reason: 'commit' });
  const def = jobDefinitions.find((d) => d.name === 'maintenance.expired-sessions')!;
  assert.equal(jobs[0].retry_limit, def.retryLimit);
});

test('a rolled-back transaction leaves neither its change nor its job', async () => {
  const jobsBefore = (await jobsIn('maintenance.login-attempts')).length;
  const eventsBefore = await t.uow.repos.events.head();
  let insideId: string | null = null;
  await assert.rejects(
    t.uow.transaction(async (repos) => {
      await repos.events.append([{ type: 'test.rolled_back', topics: [], actorId: null, payload: {} }]);
      insideId = await repos.jobs.enqueue('maintenance.login-attempts', { reason: 'rollback' });
      throw new Error('boom');
    }),
    /boom/,
  );
  assert.ok(insideId, 'the job was inserted inside the transaction');
  assert.equal((await jobsIn('maintenance.login-attempts')).length, jobsBefore);
  assert.deepEqual(await t.uow.repos.events.head(), eventsBefore);
});

test('enqueue to an unknown queue fails clearly instead of dropping the job', async () => {
  await assert.rejects(
    // @ts-expect-error a name outside the job catalogue does not type-check; at run time it is QueueNotFoundError
    t.uow.repos.jobs.enqueue('no.such-queue', {}),
    (e: unknown) => e instanceof QueueNotFoundError && /no\.such-queue/.test((e as Error).message),
  );
});

test('a singletonKey with a window keeps one job per key and window', async () => {
  const a = await t.uow.repos.jobs.enqueue(
    'maintenance.expired-sessions',
    {},
    { singletonKey: 'only-one', singletonSeconds: 3600 },
  );
  const b = await t.uow.repos.jobs.enqueue(
    'maintenance.expired-sessions',
    {},
    { singletonKey: 'only-one', singletonSeconds: 3600 },
  );
  const other = await t.uow.repos.jobs.enqueue(
    'maintenance.expired-sessions',
    {},
    { singletonKey: 'another', singletonSeconds: 3600 },
  );
  assert.ok(a);
  assert.equal(b, null);
  assert.ok(other);
});
