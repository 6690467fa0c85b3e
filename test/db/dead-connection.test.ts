import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import pg from 'pg';
import { createDatabase, type DatabaseHandle } from '@vigil/db';
import { PG_ADMIN_URL, freshDatabase, type TestDatabase } from '../support/postgres.ts';

// A connection whose server process goes away while the application holds it (a killed primary, an
// administrator's pg_terminate_backend, a network cut) must fail the work that used it, never crash
// the process: node-postgres emits 'error' on a checked-out client with no listener of its own.
let db: TestDatabase;
before(async () => {
  db = await freshDatabase();
});
after(async () => db.drop());

async function terminate(pid: number): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
  } finally {
    await admin.end();
  }
}

async function killInsideTransaction(handle: DatabaseHandle): Promise<unknown> {
  const crashes: unknown[] = [];
  const onUncaught = (err: unknown) => crashes.push(err);
  process.prependListener('uncaughtException', onUncaught);
  try {
    const outcome = await handle.db
      .transaction()
      .execute(async (trx) => {
        const pid = (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx)).rows[0].pid;
        await terminate(pid);
        // The client is checked out and idle while its server goes away. Kept sleep: the idle time is the
        // scenario under test (the socket's close reaches an idle checked-out client, which must not crash).
        await new Promise((r) => setTimeout(r, 300));
        await sql`SELECT 1`.execute(trx);
        return 'committed';
      })
      .catch((err: Error) => err);
    assert.deepEqual(crashes, [], 'no uncaught exception');
    return outcome;
  } finally {
    process.removeListener('uncaughtException', onUncaught);
  }
}

for (const [label, url] of [
  ['one host', () => db.url],
  // Two host entries: the failover pool (the same server twice is enough to take that path).
  ['failover pool', () => db.url.replace('127.0.0.1:5432', '127.0.0.1:5432,127.0.0.1:5432')],
] as const) {
  test(
    `${label}: a connection killed while checked out fails its transaction, not the process; the next request ` +
      `works`,
    async () => {
      const handle = await createDatabase({ databaseUrl: url(), dataDir: '', poolSize: 2 });
      try {
        if (label === 'failover pool') assert.ok(handle.failover, 'the failover path is in use');
        const outcome = await killInsideTransaction(handle);
        assert.ok(outcome instanceof Error, `the transaction failed (${String(outcome)})`);
        const after = await sql<{ one: number }>`SELECT 1 AS one`.execute(handle.db);
        assert.equal(after.rows[0].one, 1);
      } finally {
        await handle.close();
      }
    },
  );
}
