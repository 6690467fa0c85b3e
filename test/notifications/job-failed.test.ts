import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { JobFailureNotifier } from '@vigil/core';
import { withJobFailedEvents } from '../../apps/server/src/runtime/job-failure-events.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { waitFor } from '../support/wait.ts';

let db: TestDatabase;
before(async () => {
  db = await freshDatabase();
});
after(async () => {
  await db.drop();
});

test('a job that fails its last retry publishes job.failed; earlier failures do not', async () => {
  const seen: string[] = [];
  const inner = { succeeded: () => {}, failed: (q: string) => void seen.push(q), error: () => {} };
  const errors: unknown[] = [];
  const observer = withJobFailedEvents(inner, new JobFailureNotifier(db.uow), { error: (o) => void errors.push(o) });
  observer.failed('import.scan', 1, new Error('first try'), { id: 'a', retryCount: 0, retryLimit: 2 });
  observer.failed('import.scan', 1, new Error('report unreadable\nstack …'), { id: 'b', retryCount: 2, retryLimit: 2 });
  assert.deepEqual(seen, ['import.scan', 'import.scan'], 'metrics still observe every failure');
  const rows = await waitFor(
    async () => {
      const found = await db.handle.db
        .selectFrom('domain_events')
        .select('payload')
        .where('type', '=', 'job.failed')
        .execute();
      return found.length > 0 && found;
    },
    { what: 'the job.failed event', everyMs: 20 },
  );
  assert.deepEqual(
    rows.map((r) => r.payload),
    [{ job: 'import.scan', jobId: 'b', error: 'report unreadable' }],
  );
  assert.deepEqual(errors, []);
});
