import pg from 'pg';
import { Agent, request } from 'node:https';
import type { LocalCluster, Session } from './cluster-support.ts';
import { login } from './cluster-support.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Why writes failed during a run (status and error code, or the network error), for the log. */
const failureReasons = new Map<string, number>();

async function createProductType(base: string, session: Session, name: string): Promise<boolean> {
  try {
    const res = await fetch(`${base}/api/v1/product-types`, {
      method: 'POST',
      headers: session.headers,
      body: JSON.stringify({ name }),
      signal: AbortSignal.timeout(5_000),
    });
    const body = await res.text();
    if (res.status === 201) return true;
    const code = /"code":"([A-Z_]+)"/.exec(body)?.[1] ?? body.slice(0, 60);
    const reason = `${res.status} ${code}`;
    failureReasons.set(reason, (failureReasons.get(reason) ?? 0) + 1);
    return false;
  } catch (err) {
    const reason =
      (err as Error).name === 'TimeoutError'
        ? 'timeout'
        : ((err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message);
    failureReasons.set(reason, (failureReasons.get(reason) ?? 0) + 1);
    return false;
  }
}

export interface PrimaryKillResult {
  /** Failed writes by reason ("503 DATABASE_UNAVAILABLE", "ECONNREFUSED", …). */
  failureReasons: Record<string, number>;
  promoteMs: number;
  recoveryMs: number | null;
  acknowledged: number;
  acknowledgedBeforeKill: number;
  failed: number;
  lost: string[];
  serverPidBefore: number;
  serverPidAfter: number;
}

/**
 * Writes through one server (given both database hosts) while the primary's postmaster is killed
 * with SIGKILL and the standby promoted; keeps a ledger of every acknowledged write and checks
 * each one on the new primary.
 */
export async function killPrimaryUnderWrites(cluster: LocalCluster): Promise<PrimaryKillResult> {
  const base = cluster.serverUrl(1);
  const serverPidBefore = cluster.pidOf('server-1');
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
      const sentAfterKill = killedAt > 0;
      if (await createProductType(base, session, name)) {
        acknowledged.push(name);
        // Recovery = the first write sent after the primary was dead that the API acknowledged.
        if (sentAfterKill && !recoveredAt) recoveredAt = Date.now();
      } else failed++;
      await sleep(50);
    }
  })();
  // Steady writes first: at least 1.5 s and 5 acknowledged writes (the machine may be loaded).
  const started = Date.now();
  while ((Date.now() - started < 1_500 || acknowledged.length < 5) && Date.now() - started < 30_000) await sleep(50);
  const acknowledgedBeforeKill = acknowledged.length;
  await cluster.sh('kill-primary');
  killedAt = Date.now();
  await cluster.sh('promote');
  const promoteMs = Date.now() - killedAt;
  const deadline = Date.now() + 15_000;
  while (!recoveredAt && Date.now() < deadline) await sleep(100);
  await sleep(1_000);
  stop = true;
  await writer;

  const client = new pg.Client({
    connectionString: `postgres://postgres@127.0.0.1:${cluster.pgPort.standby}/${cluster.dbName}`,
  });
  await client.connect();
  try {
    const stored = new Set(
      (await client.query<{ name: string }>(`SELECT name FROM product_types WHERE name LIKE 'ledger-%'`)).rows.map(
        (r) => r.name,
      ),
    );
    return {
      failureReasons: Object.fromEntries(failureReasons),
      promoteMs,
      recoveryMs: recoveredAt ? recoveredAt - killedAt : null,
      acknowledged: acknowledged.length,
      acknowledgedBeforeKill,
      failed,
      lost: acknowledged.filter((n) => !stored.has(n)),
      serverPidBefore,
      serverPidAfter: cluster.pidOf('server-1'),
    };
  } finally {
    await client.end();
  }
}

export interface ServerKillResult {
  requests: number;
  succeeded: number;
  ratio: number;
  failures: Record<string, number>;
  durationMs: number;
  killedAfterMs: number | null;
  requestsBeforeKill: number;
}

/**
 * Steady GET load through nginx (HTTPS) from `concurrency` loops for `durationMs`; the `victim`
 * server (none when empty: a baseline) is killed with SIGKILL after a third of it and at least
 * `minimumRequests` requests, and the load goes on for as many after the kill. Counts every
 * request and how it ended.
 */
export async function killServerUnderLoad(
  cluster: LocalCluster,
  opts: { concurrency: number; durationMs: number; victim: string; minimumRequests?: number },
): Promise<ServerKillResult> {
  const session = await login(cluster.serverUrl(1), cluster.adminPassword());
  // The local cluster's certificate is self-signed.
  const agent = new Agent({ keepAlive: true, maxSockets: opts.concurrency, rejectUnauthorized: false });
  const failures: Record<string, number> = {};
  let requests = 0;
  let succeeded = 0;
  const started = Date.now();
  const minimum = opts.minimumRequests ?? 100;
  let killedAtRequest = Number.POSITIVE_INFINITY;
  // Runs at least durationMs and at least `minimum` requests on each side of the kill (capped at 90 s).
  const done = () =>
    Date.now() - started > 90_000 ||
    (Date.now() - started >= opts.durationMs && requests - (opts.victim ? killedAtRequest : 0) >= minimum);
  const loop = async () => {
    while (!done()) {
      requests++;
      try {
        const status = await get(agent, `${cluster.nginxUrl}/api/v1/product-types?limit=20`, session.headers.cookie);
        if (status === 200) succeeded++;
        else failures[`HTTP ${status}`] = (failures[`HTTP ${status}`] ?? 0) + 1;
      } catch (err) {
        const key = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
        failures[key] = (failures[key] ?? 0) + 1;
      }
    }
  };
  const loops = Array.from({ length: opts.concurrency }, loop);
  while ((Date.now() - started < opts.durationMs / 3 || requests < minimum) && Date.now() - started < 60_000)
    await sleep(20);
  let killedAfterMs: number | null = null;
  if (opts.victim) {
    process.kill(cluster.pidOf(opts.victim), 'SIGKILL');
    killedAtRequest = requests;
    killedAfterMs = Date.now() - started;
  }
  await Promise.all(loops);
  agent.destroy();
  return {
    requests,
    succeeded,
    ratio: requests ? succeeded / requests : 0,
    failures,
    durationMs: Date.now() - started,
    killedAfterMs,
    requestsBeforeKill: Number.isFinite(killedAtRequest) ? killedAtRequest : requests,
  };
}

function get(agent: Agent, url: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { cookie }, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}
