import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { localCluster, login, type LocalCluster, type Session } from './cluster-support.ts';

// Real processes: a PostgreSQL primary and a synchronous streaming standby (deploy/local/cluster.sh),
// one `vigil server` given both hosts. The primary's postmaster is killed with SIGKILL, the standby
// promoted; writes must resume through the same server process within 10 s, and every write the
// API acknowledged must be on the new primary (synchronous replication: zero acknowledged loss).
let cluster: LocalCluster;

before(async () => {
  cluster = localCluster({ SERVERS: '1', WORKERS: '0', SCHEDULERS: '0', NGINX: '0', SYNC: '1' });
  await cluster.sh('up');
});

after(async () => {
  await cluster?.sh('purge').catch((err) => console.error(err));
});

async function write(base: string, session: Session, name: string): Promise<boolean> {
  try {
    const res = await fetch(`${base}/api/v1/product-types`, {
      method: 'POST',
      headers: session.headers,
      body: JSON.stringify({ name }),
      signal: AbortSignal.timeout(5_000),
    });
    await res.arrayBuffer();
    return res.status === 201;
  } catch {
    return false;
  }
}

test('kill -9 the primary, promote the standby: writes resume within 10 s through the same server, no acknowledged write lost', { timeout: 120_000 }, async () => {
  const base = cluster.serverUrl(1);
  const serverPid = cluster.pidOf('server-1');
  const session = await login(base, cluster.adminPassword());
  const acknowledged: string[] = [];
  let failed = 0;
  let seq = 0;
  let killedAt = 0;
  let recoveredAt = 0;
  let stop = false;

  const writer = (async () => {
    while (!stop) {
      const name = `ledger-${++seq}`;
      const ok = await write(base, session, name);
      if (ok) {
        acknowledged.push(name);
        if (killedAt && !recoveredAt) recoveredAt = Date.now();
      } else failed++;
      await new Promise((r) => setTimeout(r, 50));
    }
  })();

  await new Promise((r) => setTimeout(r, 1_500));
  const beforeKill = acknowledged.length;
  assert.ok(beforeKill > 5, `steady writes before the failure (${beforeKill})`);
  killedAt = Date.now();
  await cluster.sh('kill-primary');
  await cluster.sh('promote');
  const promotedAfter = Date.now() - killedAt;
  const deadline = Date.now() + 15_000;
  while (!recoveredAt && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 1_000)); // a few more writes on the new primary
  stop = true;
  await writer;

  assert.ok(recoveredAt, 'writes resumed');
  const recoveryMs = recoveredAt - killedAt;
  const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${cluster.pgPort.standby}/vigil` });
  await client.connect();
  let lost: string[];
  try {
    const inRecovery = (await client.query('SELECT pg_is_in_recovery() AS r')).rows[0].r;
    assert.equal(inRecovery, false, 'the standby is the primary now');
    const stored = new Set((await client.query<{ name: string }>(`SELECT name FROM product_types WHERE name LIKE 'ledger-%'`)).rows.map((r) => r.name));
    lost = acknowledged.filter((n) => !stored.has(n));
  } finally {
    await client.end();
  }
  console.log(
    `failover: promote took ${promotedAfter} ms; writes resumed ${recoveryMs} ms after the kill; ` +
      `${acknowledged.length} writes acknowledged (${beforeKill} before the kill), ${failed} failed during the failover, ${lost.length} acknowledged but lost`,
  );
  assert.ok(recoveryMs < 10_000, `writes resumed within 10 s (took ${recoveryMs} ms)`);
  assert.deepEqual(lost, [], 'every acknowledged write is on the new primary');
  assert.ok(acknowledged.length > beforeKill, 'writes were acknowledged after the failover');
  assert.equal(cluster.pidOf('server-1'), serverPid);
  process.kill(serverPid, 0); // the same server process is still alive (throws if not)
});
