import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { localCluster, type LocalCluster } from './cluster-support.ts';
import { killPrimaryUnderWrites } from './chaos-scenarios.ts';

// Real processes: a PostgreSQL primary and a synchronous streaming standby (deploy/local/cluster.sh),
// one `vigil server` given both hosts. The primary's postmaster is killed with SIGKILL, the standby
// promoted; writes must resume through the same server process within 10 s, and every write the
// API acknowledged must be on the new primary (synchronous replication: zero acknowledged loss).
let cluster: LocalCluster;

before(async () => {
  cluster = localCluster({ SERVERS: '1', WORKERS: '0', SCHEDULERS: '0', WITH_NGINX: '0', SYNC: '1' });
  await cluster.sh('up');
});

after(async () => {
  if (process.env.VIGIL_KEEP_CLUSTER !== '1') await cluster?.sh('purge').catch((err) => console.error(err));
  else if (cluster) console.log(`cluster kept in ${cluster.dir}`);
});

test('kill -9 the primary, promote the standby: writes resume within 10 s through the same server, no acknowledged ' +
  'write lost', {
  timeout: 120_000,
}, async () => {
  const r = await killPrimaryUnderWrites(cluster);
  console.log(
    `failover: promote took ${r.promoteMs} ms; writes resumed ${r.recoveryMs} ms after the kill; ` +
      `${r.acknowledged} writes acknowledged (${r.acknowledgedBeforeKill} before the kill), ${r.failed} failed ` +
      `during the failover ${JSON.stringify(r.failureReasons)}, ${r.lost.length} acknowledged but lost`,
  );
  if (r.recoveryMs === null) console.log(`server-1 log, last lines:\n${cluster.logTail('server-1')}`);
  assert.ok(r.acknowledgedBeforeKill >= 5, 'steady writes before the failure');
  assert.ok(r.recoveryMs !== null && r.recoveryMs < 10_000, `writes resumed within 10 s (${r.recoveryMs} ms)`);
  assert.ok(r.acknowledged > r.acknowledgedBeforeKill, 'writes were acknowledged after the failover');
  assert.deepEqual(r.lost, [], 'every acknowledged write is on the new primary');
  assert.equal(r.serverPidAfter, r.serverPidBefore);
  process.kill(r.serverPidAfter, 0); // the same server process is still alive (throws if not)
});
