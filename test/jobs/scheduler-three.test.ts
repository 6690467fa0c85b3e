import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { spawnVigil, waitFor, type VigilProcess } from './vigil-process.ts';

/**
 * Three `vigil scheduler` processes on one database, one job scheduled every minute (pg-boss's
 * cron resolution is a minute) and each process checking the schedules every second
 * (VIGIL_SCHEDULER_CHECK_SECONDS=1): each occurrence becomes exactly one job. The processes start
 * early in a minute, so the current minute fires at once; the test ends 8 s into the next minute,
 * after its occurrence. Wall time: 30–95 s (about 40 s on average).
 */
const JOB = 'maintenance.expired-sessions';
let db: TestDatabase;
let dataDir: string;
const schedulers: VigilProcess[] = [];

async function dbSeconds(): Promise<number> {
  const r = await sql<{ s: number }>`SELECT extract(epoch FROM clock_timestamp())::float8 AS s`.execute(db.handle.db);
  return r.rows[0].s;
}

async function jobs(): Promise<number[]> {
  const r = await sql<{
    s: number;
  }>`SELECT extract(epoch FROM created_on)::float8 AS s FROM pgboss.job WHERE name = ${JOB}
    ORDER BY created_on`.execute(db.handle.db);
  return r.rows.map((row) => row.s);
}

before(async () => {
  db = await freshDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'vigil-sched-'));
});

after(async () => {
  for (const s of schedulers) s.child.kill('SIGKILL');
  await Promise.all(schedulers.map((s) => s.exited));
  await db.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Occurrence {
  /** The minute pg-boss attributed the occurrence to (its singleton slot). */
  slot: number;
  /** Jobs created for it. */
  jobs: number;
}

/** Each occurrence (send-it job, one per name and minute slot) and the jobs it created. */
async function occurrences(): Promise<{ occurrences: Occurrence[]; jobs: number[] }> {
  const sent = await sql<{ slot: number }>`
    SELECT extract(epoch FROM singleton_on)::float8 AS slot FROM pgboss.job
    WHERE name = '__pgboss__send-it' AND data->>'name' = ${JOB} ORDER BY singleton_on`.execute(db.handle.db);
  const created = await jobs();
  return { occurrences: sent.rows.map((r) => ({ slot: r.slot, jobs: 0 })), jobs: created };
}

test('three schedulers fire each occurrence exactly once', { timeout: 120_000 }, async () => {
  // Start early in a minute, so the current minute's occurrence fires well before the minute ends.
  await waitFor(
    'the database clock to be early in a minute',
    async () => {
      const second = (await dbSeconds()) % 60;
      return second >= 3 && second <= 30;
    },
    60_000,
    500,
  );
  const env = {
    DATABASE_URL: db.url,
    VIGIL_DATA_DIR: dataDir,
    VIGIL_SECRET_KEY: 'cd'.repeat(32),
    VIGIL_SCHEDULER_CHECK_SECONDS: '1',
    VIGIL_SCHEDULES: `${JOB}=* * * * *`,
  };
  for (let i = 0; i < 3; i++) schedulers.push(spawnVigil('scheduler', env));

  const first = await waitFor('the first occurrence', async () => (await jobs())[0], 40_000, 200).catch((err) => {
    throw new Error(`${(err as Error).message}\n${schedulers.map((s) => s.output()).join('\n---\n')}`);
  });
  // Until 8 s into the next minute: that minute's occurrence has fired too.
  const end = Math.floor(first / 60) * 60 + 68;
  await waitFor('the window to end', async () => (await dbSeconds()) >= end, 90_000, 250);
  for (const s of schedulers) assert.equal(s.child.exitCode, null, `every scheduler still runs:\n${s.output()}`);

  const seen = await occurrences();
  const when = seen.jobs.map((t) => new Date(t * 1000).toISOString()).join(', ');
  assert.ok(seen.occurrences.length >= 2, `two occurrences in the window (jobs at ${when})`);
  assert.equal(new Set(seen.occurrences.map((o) => o.slot)).size, seen.occurrences.length, 'one occurrence per minute');
  assert.equal(seen.jobs.length, seen.occurrences.length, `exactly one job per occurrence (jobs at ${when})`);
  // The jobs sit in consecutive minutes, one each (an occurrence fires within seconds of its minute).
  const minutes = seen.jobs.map((t) => Math.floor(t / 60));
  assert.equal(new Set(minutes).size, minutes.length, `no minute with two jobs (jobs at ${when})`);
});
