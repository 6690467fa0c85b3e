/**
 * Real-time figures (issue 6), against the ceiling measured in the same run:
 *  - two `vigil server` replicas on one fresh PostgreSQL database, 2,000 connected clients (1,000
 *    per replica, all members of one team); a team message is posted over REST to replica A and
 *    each client times the `chat.message_posted` event: latency from just before the POST to
 *    arrival, p50/p99/max over every (message × client);
 *  - the ceiling: two bare Socket.IO servers (1,000 clients each) broadcasting the same payload
 *    on an HTTP trigger sent to both.
 * Clients run in this process (the same for both), so the figures include its own event-loop delay.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sql } from 'kysely';
import { ApiTokenService, SYSTEM_ACTOR } from '@vigil/core';
import { freshDatabase } from '../test/support/postgres.ts';
import { BIN, waitReady } from './support.ts';
import { ClientFleet, percentile } from './realtime-fleet.ts';
import { measureFailover } from './realtime-failover.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 2000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20);
const GAP_MS = Number(process.env.BENCH_GAP_MS ?? 300);
const FAILOVER_MESSAGES = Number(process.env.BENCH_FAILOVER_MESSAGES ?? 30);
const FAILOVER_EVERY_MS = Number(process.env.BENCH_FAILOVER_EVERY_MS ?? 100);
/** BENCH_DETAIL=1 prints each message: POST time, first / median / last arrival per server. */
const DETAIL = process.env.BENCH_DETAIL === '1';
const children: ChildProcess[] = [];

function spawnVigil(dbUrl: string, port: number): ChildProcess {
  const child = spawn(process.execPath, [BIN, 'server'], {
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      VIGIL_PORT: String(port),
      VIGIL_HOST: '127.0.0.1',
      VIGIL_LOG_LEVEL: 'warn',
      VIGIL_DB_POOL_SIZE: '20',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

async function spawnBare(): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./realtime-bare-server.ts', import.meta.url).pathname],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  return `http://127.0.0.1:${line.trim()}`;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Latency of every (message × client): arrival minus the send time, on the bench's one monotonic clock. */
function summarize(name: string, sent: Map<string, number>, fleet: ClientFleet, clients: number, loopLag: string) {
  const latencies: number[] = [];
  for (const [key, t0] of sent) for (const a of fleet.arrivals.get(key) ?? []) latencies.push(a.at - t0);
  latencies.sort((x, y) => x - y);
  return {
    system: name,
    clients,
    messages: sent.size,
    delivered: `${latencies.length}/${sent.size * clients}`,
    p50_ms: round(percentile(latencies, 50)),
    p99_ms: round(percentile(latencies, 99)),
    max_ms: round(latencies.at(-1) ?? NaN),
    'event-loop max (bench | servers)': loopLag,
  };
}

/** Per message: how long the send took, and the first / median / last arrival through each server. */
function detail(name: string, sent: Map<string, number>, sendMs: Map<string, number>, fleet: ClientFleet) {
  const rows = [...sent].map(([key, t0]) => {
    const row: Record<string, string | number> = { message: key, send_ms: round(sendMs.get(key) ?? NaN) };
    const byServer = new Map<number, number[]>();
    for (const a of fleet.arrivals.get(key) ?? [])
      (byServer.get(a.group) ?? byServer.set(a.group, []).get(a.group)!).push(a.at - t0);
    for (const [group, l] of [...byServer].sort((x, y) => x[0] - y[0])) {
      l.sort((x, y) => x - y);
      row[`server ${group}: first / p50 / last`] = `${round(l[0])} / ${round(percentile(l, 50))} / ${round(l.at(-1)!)}`;
    }
    return row;
  });
  console.log(name);
  console.table(rows);
}

/** The largest event-loop delay a server's /metrics saw since its last scrape (prom-client resets it on collect). */
async function serverLoopLagMs(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const m = /^vigil_nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(text);
  return m ? Number(m[1]) * 1000 : NaN;
}

function loopLagNote(bench: ReturnType<typeof monitorEventLoopDelay>, servers: number[]): string {
  const ms = (n: number) => `${Math.round(n)} ms`;
  return `${ms(bench.max / 1e6)} | ${servers.map((n) => (Number.isNaN(n) ? '?' : ms(n))).join(', ')}`;
}

/**
 * Lets the presence notices of the connection burst arrive before measuring (BENCH_SETTLE=0 measures
 * during them). Returns how many (user × client) notices the clients got while connecting.
 */
async function settleAfterConnect(fleet: ClientFleet): Promise<number> {
  if (process.env.BENCH_SETTLE !== '0') await fleet.settle();
  return fleet.presenceNotices;
}

/**
 * One warm-up message (not counted: it pays for the first request's lazy compilation on both
 * systems), then MESSAGES messages GAP_MS apart, each sent once the previous one reached every
 * client. `send` returns the message's key; the clock starts just before it is called.
 */
async function measure(
  name: string,
  fleet: ClientFleet,
  send: () => Promise<string>,
  serverLagMs: () => Promise<number[]>,
  presenceNotices: number,
) {
  await fleet.waitFor(await send(), CLIENTS, 5000);
  const sent = new Map<string, number>();
  const sendMs = new Map<string, number>();
  await serverLagMs(); // resets the servers' event-loop maximum
  const benchLoop = monitorEventLoopDelay({ resolution: 10 });
  benchLoop.enable();
  for (let i = 0; i < MESSAGES; i++) {
    const start = performance.now();
    const key = await send();
    sent.set(key, start);
    sendMs.set(key, performance.now() - start);
    await fleet.waitFor(key, CLIENTS, 5000);
    await new Promise((r) => setTimeout(r, GAP_MS));
  }
  benchLoop.disable();
  if (DETAIL) detail(name, sent, sendMs, fleet);
  return {
    ...summarize(name, sent, fleet, CLIENTS, loopLagNote(benchLoop, await serverLagMs())),
    'presence notices while connecting': presenceNotices,
  };
}

const pg = await freshDatabase();
const rows: ReturnType<typeof summarize>[] = [];
try {
  // 2,000 users in one team, with API tokens.
  const k = pg.handle.db;
  await sql`INSERT INTO users (username, email) SELECT 'rt' || g, 'rt' || g || '@bench'
    FROM generate_series(1, ${CLIENTS}::int) g`.execute(k);
  await sql`INSERT INTO teams (name) VALUES ('Everyone')`.execute(k);
  await sql`INSERT INTO team_members (team_id, user_id, role) SELECT t.id, u.id, CASE WHEN u.username = 'rt1'
    THEN 'owner' ELSE 'member' END FROM teams t, users u WHERE u.username LIKE 'rt%'`.execute(k);
  const users = (await sql<{ id: number }>`SELECT id FROM users WHERE username LIKE 'rt%' ORDER BY id`.execute(k)).rows;
  const teamId = (await sql<{ id: number }>`SELECT id FROM teams`.execute(k)).rows[0].id;
  const tokens: string[] = [];
  const tokenService = new ApiTokenService(pg.uow);
  for (const u of users) tokens.push((await tokenService.create({ actor: SYSTEM_ACTOR }, u.id, 'bench')).key);
  // Tokens used within the last minute (as after a failover): auth then writes no last-used stamp.
  // BENCH_FRESH_TOKENS=1 measures first use instead (one UPDATE per connection).
  if (process.env.BENCH_FRESH_TOKENS !== '1') await sql`UPDATE api_tokens SET last_used_at = now()`.execute(k);

  // Vigil: two replicas, half of the clients on each.
  const ports = [21000 + Math.floor(Math.random() * 20000), 0];
  ports[1] = ports[0] + 1;
  const urls = ports.map((p) => `http://127.0.0.1:${p}`);
  for (const [i, port] of ports.entries()) {
    spawnVigil(pg.url, port);
    await waitReady(`${urls[i]}/readyz`);
  }
  const vigilFleet = new ClientFleet((e) => (e.data?.message as { id?: number } | undefined)?.id?.toString());
  const t0 = performance.now();
  await vigilFleet.connect(urls[0], CLIENTS / 2, (i) => ({ token: tokens[i] }), 'ready');
  await vigilFleet.connect(urls[1], CLIENTS / 2, (i) => ({ token: tokens[CLIENTS / 2 + i] }), 'ready');
  console.log(`vigil: ${CLIENTS} clients connected and authenticated in ${Math.round(performance.now() - t0)} ms`);
  const vigilStorm = await settleAfterConnect(vigilFleet);
  let samplePayload: unknown;
  let n = 0;
  const postMessage = async (): Promise<string> => {
    const res = await fetch(`${urls[0]}/api/v1/chat/teams/${teamId}/messages`, {
      method: 'POST',
      headers: { authorization: `Token ${tokens[0]}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: `bench message ${n++} with **markdown** and a [link](https://example.com)` }),
    });
    const msg = (await res.json()) as { id: number };
    if (!res.ok) throw new Error(`post failed: ${res.status} ${JSON.stringify(msg)}`);
    samplePayload ??= msg;
    return String(msg.id);
  };
  rows.push(
    await measure(
      'vigil (2 replicas, PostgreSQL log + NOTIFY)',
      vigilFleet,
      postMessage,
      () => Promise.all(urls.map(serverLoopLagMs)),
      vigilStorm,
    ),
  );
  let failover: Awaited<ReturnType<typeof measureFailover>> | undefined;
  if (process.env.BENCH_FAILOVER !== '0') {
    const setup = {
      fleet: vigilFleet,
      urlA: urls[0],
      replicaB: children[1],
      half: CLIENTS / 2,
      tokenOf: (user: number) => tokens[user],
      post: postMessage,
      loopLagA: () => serverLoopLagMs(urls[0]),
    };
    failover = await measureFailover(setup, FAILOVER_MESSAGES, FAILOVER_EVERY_MS);
  }
  vigilFleet.close();
  // The replicas must not compete for the CPU with the ceiling's servers.
  await Promise.all(
    children
      .splice(0)
      .filter((c) => c.exitCode === null && c.signalCode === null)
      .map((c) => new Promise((r) => (c.once('exit', r), c.kill('SIGKILL')))),
  );

  // Ceiling: two bare Socket.IO servers, the same payload shape.
  const bare = [await spawnBare(), await spawnBare()];
  const bareFleet = new ClientFleet((e) => (e.data?.message as { id?: number } | undefined)?.id?.toString());
  const t1 = performance.now();
  await bareFleet.connect(bare[0], CLIENTS / 2, () => ({}), 'connect');
  await bareFleet.connect(bare[1], CLIENTS / 2, () => ({}), 'connect');
  console.log(`bare: ${CLIENTS} clients connected in ${Math.round(performance.now() - t1)} ms`);
  const bareStorm = await settleAfterConnect(bareFleet);
  let bareId = 1_000_000;
  const broadcast = async (): Promise<string> => {
    const id = bareId++;
    const envelope = JSON.stringify({
      id,
      type: 'chat.message_posted',
      at: new Date().toISOString(),
      data: { message: { ...(samplePayload as object), id } },
    });
    await Promise.all(bare.map((u) => fetch(`${u}/broadcast`, { method: 'POST', body: envelope })));
    return String(id);
  };
  const bareLagMs = (u: string) =>
    fetch(`${u}/lag`)
      .then((r) => r.text())
      .then(Number);
  rows.push(
    await measure(
      'bare Socket.IO (2 servers, in-memory)',
      bareFleet,
      broadcast,
      () => Promise.all(bare.map(bareLagMs)),
      bareStorm,
    ),
  );
  bareFleet.close();
  console.table(rows);
  if (failover) {
    console.log(
      `failover (BENCH_FAILOVER=0 skips it): replica B killed with -9, its clients reconnect to A with their last ` +
        `event id while a message is posted through A every ${FAILOVER_EVERY_MS} ms`,
    );
    console.table([failover]);
  }
  const load = (await import('node:os')).loadavg();
  console.log(
    `load average during the run: ${load.map((l) => l.toFixed(2)).join(' ')} ` +
      `on ${(await import('node:os')).cpus().length} cores (other engineers share the machine)`,
  );
} finally {
  for (const c of children) c.kill('SIGKILL');
  await pg.drop();
}
process.exit(0);
