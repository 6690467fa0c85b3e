/**
 * Chaos figures (issue 8), on real processes started by deploy/local/cluster.sh:
 *  - nginx + two servers: steady GET load for BENCH_SECONDS without a failure (the baseline), then
 *    the same load while one server is killed with SIGKILL: success ratio and requests/s of both;
 *  - primary + synchronous standby, one server given both hosts: writes while the primary's
 *    postmaster is killed and the standby promoted: recovery time, failed writes, acknowledged
 *    writes lost (ledger checked on the new primary); baseline = the write rate before the kill.
 * The machine has 2 cores shared with other work: the load average is printed with the figures.
 */
import { loadavg } from 'node:os';
import { localCluster } from '../test/ha/cluster-support.ts';
import { killPrimaryUnderWrites, killServerUnderLoad } from '../test/ha/chaos-scenarios.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

const web = localCluster({ SERVERS: '2', WORKERS: '0', SCHEDULERS: '0', WITH_NGINX: '1', SYNC: '0' });
try {
  await web.sh('up');
  console.log(`load average before: ${load()}`);
  const baseline = await killServerUnderLoad(web, { concurrency: 8, durationMs: SECONDS * 1000, victim: '' });
  const chaos = await killServerUnderLoad(web, { concurrency: 8, durationMs: SECONDS * 1000, victim: 'server-1' });
  const rate = (r: typeof chaos) => ((r.requests / r.durationMs) * 1000).toFixed(0);
  console.log(
    `baseline (no failure): ${baseline.succeeded}/${baseline.requests} ok (${(baseline.ratio * 100).toFixed(3)} ` +
      `%), ${rate(baseline)} req/s`,
  );
  console.log(
    `server killed (kill -9): ${chaos.succeeded}/${chaos.requests} ok (${(chaos.ratio * 100).toFixed(3)} ` +
      `%), ${rate(chaos)} req/s, failures ${JSON.stringify(chaos.failures)}`,
  );
} finally {
  await web.sh('purge');
}

const db = localCluster({ SERVERS: '1', WORKERS: '0', SCHEDULERS: '0', WITH_NGINX: '0', SYNC: '1' });
try {
  await db.sh('up');
  const r = await killPrimaryUnderWrites(db);
  console.log(
    `baseline: ${(r.acknowledgedBeforeKill / 1.5).toFixed(1)} acknowledged writes/s before the kill (synchronous ` +
      `commit, one writer)`,
  );
  console.log(
    `primary killed (kill -9) + promote: promote ${r.promoteMs} ms, writes resumed ${r.recoveryMs ?? 'never'} ms ` +
      `after the kill, ` +
      `${r.failed} writes failed meanwhile, ${r.acknowledged} acknowledged, ${r.lost.length} acknowledged but lost`,
  );
} finally {
  await db.sh('purge');
}
console.log(`load average after: ${load()}`);
