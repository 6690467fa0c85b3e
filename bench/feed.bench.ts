/**
 * Feed figures (issue 7), each against the ceiling measured in the same run:
 *  - a fresh PostgreSQL database with 1,000,000 messages by 10,000 feed-only users (each following
 *    20) and 32 workspace readers (each following 20 of them), generated with set-based SQL;
 *  - public and personal timeline (Vigil API, limit 30, API-token auth) and MiniTwit's GET /msgs
 *    at 32 concurrent clients, as `vigil server` runs them (read caches on): p99 (target < 10 ms);
 *  - simulator-style mixed writes (1% register, 59% tweet, 30% follow, 10% unfollow, all with
 *    `latest`): requests/s and errors (target ≥ 1,000 req/s, 0 errors);
 *  - the ceiling: a bare Fastify route returning a constant;
 *  - the two timelines with the read caches off (every read goes to PostgreSQL), at 32 and at 1
 *    client (service time without queueing).
 * The server runs in this process on an ephemeral port; autocannon runs in a child process. Each case
 * also prints the CPU it cost per request in this process, in the bench database's PostgreSQL
 * backends and in the load generator (bench/feed-cpu.ts).
 * Env: BENCH_CASES (subset, in order), BENCH_MESSAGES, BENCH_USERS, BENCH_SECONDS, BENCH_CONNECTIONS,
 * BENCH_MIX (the mixed case's register,tweet,follow,unfollow percentages).
 */
import { fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { createDatabase, createUnitOfWork } from '@vigil/db';
import { ApiTokenService, SYSTEM_ACTOR, hashPassword } from '@vigil/core';
import { freshDatabase } from '../test/support/postgres.ts';
import { buildApp } from '../apps/server/src/http/app.ts';
import { createServices } from '../apps/server/src/runtime/services.ts';
import { testServicesConfig } from '../test/support/services-config.ts';
import { createReadCaches, listenForChanges } from '../apps/server/src/cache/read-caches.ts';
import type { LoadFigures, LoadJob } from './feed-load.ts';
import { perRequest, snapshot } from './feed-cpu.ts';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const FOLLOWS_EACH = 20;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
/** The mixed case's percentages of register, tweet, follow, unfollow (BENCH_MIX=1,59,30,10). */
const MIX = (process.env.BENCH_MIX ?? '1,59,30,10').split(',').map(Number) as [number, number, number, number];
if (MIX.length !== 4 || MIX.some((x) => !Number.isInteger(x) || x < 0) || MIX.reduce((a, b) => a + b, 0) !== 100)
  throw new Error('BENCH_MIX: four whole percentages summing to 100');
/** Comma-separated subset of the cases below, in the order given (default: all). */
const CASES = (
  process.env.BENCH_CASES ?? 'ceiling,public,personal,public-uncached,personal-uncached,public@1,personal@1,msgs,mixed'
).split(',');
/** The simulator API is off unless configured (VIGIL_MINITWIT_SIM_AUTH); the bench configures its own credential. */
const SIM_CREDENTIAL = 'bench:bench-simulator-credential';
const SIM_AUTH = `Basic ${Buffer.from(SIM_CREDENTIAL).toString('base64')}`;

function load(
  job: Omit<LoadJob, 'connections' | 'duration'> & { duration?: number; connections?: number },
): Promise<LoadFigures> {
  return new Promise((resolve, reject) => {
    const child = fork(
      new URL('./feed-load.ts', import.meta.url).pathname,
      [JSON.stringify({ connections: CONNECTIONS, duration: DURATION, ...job })],
      {
        execArgv: ['--import', 'tsx'],
      },
    );
    child.once('message', (m) => resolve(m as LoadFigures));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`load generator exited with ${code}`)));
  });
}

function urlOf(app: FastifyInstance): string {
  const a = app.server.address();
  return `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
}

const pg = await freshDatabase();
const handle = await createDatabase({ databaseUrl: pg.url, dataDir: '', poolSize: 32 });
try {
  const k = handle.db;
  const t0 = performance.now();
  const hash = await hashPassword('bench');
  // The simulator's users are feed-only accounts (as its register makes them); the readers of the
  // workspace timelines below are workspace accounts that follow them.
  await sql`INSERT INTO users (username, email, password_hash, feed_only)
    SELECT 'user' || g, 'user' || g || '@bench', ${hash}, true FROM generate_series(1, ${USERS}::int) g`.execute(k);
  await sql`INSERT INTO users (username, email, password_hash) SELECT 'reader' || g, 'reader' || g || '@bench', ${hash}
    FROM generate_series(1, ${CONNECTIONS}::int) g`.execute(k);
  await sql`
    INSERT INTO feed_posts (author_id, text, created_at, feed_only)
      SELECT u.id, 'message ' || g || ' about **something**', now() - make_interval(secs => ${MESSAGES}::int - g), true
      FROM generate_series(1, ${MESSAGES}::int) g JOIN users u ON u.username = 'user' || (1 + g % ${USERS}::int)
      ORDER BY g`.execute(k); // ids in time order, authors interleaved as in a real feed
  await sql`
    INSERT INTO follows (follower_id, followee_id)
      SELECT a.id, b.id FROM users a
      CROSS JOIN generate_series(1, ${FOLLOWS_EACH}::int) s
      JOIN users b ON b.username = 'user' || (1 + (substr(a.username, 5)::int - 1 + s * 487) % ${USERS}::int)
      WHERE a.feed_only
      ON CONFLICT DO NOTHING`.execute(k);
  await sql`
    INSERT INTO follows (follower_id, followee_id)
      SELECT a.id, b.id FROM users a
      CROSS JOIN generate_series(1, ${FOLLOWS_EACH}::int) s
      JOIN users b ON b.username = 'user' || (1 + (substr(a.username, 7)::int - 1 + s * 487) % ${USERS}::int)
      WHERE NOT a.feed_only
      ON CONFLICT DO NOTHING`.execute(k);
  await sql`VACUUM ANALYZE feed_posts`.execute(k);
  await sql`VACUUM ANALYZE follows`.execute(k);
  await sql`VACUUM ANALYZE users`.execute(k);
  const loadSeconds = (performance.now() - t0) / 1000;

  const uow = createUnitOfWork(k);
  // Counts the `latest` writes that reach the database (latest-writer.ts coalesces them).
  let latestWrites = 0;
  const setLatest = uow.repos.feed.setLatest.bind(uow.repos.feed);
  uow.repos.feed.setLatest = (value: number) => {
    latestWrites++;
    return setLatest(value);
  };
  const services = createServices(uow, testServicesConfig({ minitwitSimulatorAuth: SIM_CREDENTIAL }));
  const tokens: string[] = [];
  const readers = await sql<{
    id: number;
  }>`SELECT id FROM users WHERE NOT feed_only ORDER BY id LIMIT ${CONNECTIONS}`.execute(k);
  for (const u of readers.rows)
    tokens.push(`Token ${(await new ApiTokenService(uow).create({ actor: SYSTEM_ACTOR }, u.id, 'bench')).key}`);

  // Two servers on the same database: as `vigil server` runs (read caches on, kept current by
  // LISTEN vigil_changes) and with the caches off (every read goes to PostgreSQL).
  const readCaches = createReadCaches({ ttlMs: 2000, maxBytes: 32 * 1024 * 1024 })!;
  const unlisten = await listenForChanges(handle, pg.url, readCaches, false);
  const serve = async (caches?: typeof readCaches) => {
    const server = await buildApp({
      services,
      repos: uow.repos,
      probe: { pendingMigrations: async () => [] },
      logger: false,
      bodyLimitBytes: 1024 * 1024,
      cookieSecure: 'false',
      trustProxy: false,
      version: 'bench',
      readCaches: caches,
    });
    await server.listen({ port: 0, host: '127.0.0.1' });
    return server;
  };
  const app = await serve(readCaches);
  const url = urlOf(app);
  const uncachedApp = await serve();
  const uncachedUrl = urlOf(uncachedApp);

  const bare = Fastify();
  bare.get('/constant', async () => ({ items: [], nextCursor: null }));
  await bare.listen({ port: 0, host: '127.0.0.1' });

  await load({
    url,
    mode: 'get',
    path: '/api/v1/feed/public?limit=30',
    headers: { authorization: tokens[0] },
    duration: 3,
  }); // warm-up
  const jobs: Record<
    string,
    { label: string; target: string; job: Omit<LoadJob, 'connections' | 'duration'> & { connections?: number } }
  > = {
    ceiling: {
      label: 'ceiling: bare Fastify constant route',
      target: '',
      job: { url: urlOf(bare), mode: 'get', path: '/constant' },
    },
    public: {
      label: 'public timeline GET /api/v1/feed/public?limit=30',
      target: 'p99 < 10 ms',
      job: { url, mode: 'get', path: '/api/v1/feed/public?limit=30', headers: { authorization: tokens[0] } },
    },
    personal: {
      label: 'personal timeline GET /api/v1/feed/timeline?limit=30 (32 users)',
      target: 'p99 < 10 ms',
      job: { url, mode: 'rotate', path: '/api/v1/feed/timeline?limit=30', authorizations: tokens },
    },
    'public-uncached': {
      label: 'public timeline, read caches off',
      target: '',
      job: {
        url: uncachedUrl,
        mode: 'get',
        path: '/api/v1/feed/public?limit=30',
        headers: { authorization: tokens[0] },
      },
    },
    'personal-uncached': {
      label: 'personal timeline, read caches off',
      target: '',
      job: { url: uncachedUrl, mode: 'rotate', path: '/api/v1/feed/timeline?limit=30', authorizations: tokens },
    },
    'public@1': {
      label: 'public timeline, read caches off, 1 client (service time without queueing)',
      target: '',
      job: {
        url: uncachedUrl,
        mode: 'get',
        path: '/api/v1/feed/public?limit=30',
        headers: { authorization: tokens[0] },
        connections: 1,
      },
    },
    'personal@1': {
      label: 'personal timeline, read caches off, 1 client (service time without queueing)',
      target: '',
      job: {
        url: uncachedUrl,
        mode: 'rotate',
        path: '/api/v1/feed/timeline?limit=30',
        authorizations: tokens,
        connections: 1,
      },
    },
    msgs: {
      label: 'MiniTwit GET /msgs?no=30 (Basic auth)',
      target: '',
      job: { url, mode: 'get', path: '/api/minitwit/msgs?no=30', headers: { authorization: SIM_AUTH } },
    },
    mixed: {
      label: `MiniTwit mixed: ${MIX[0]}% register, ${MIX[1]}% tweet, ${MIX[2]}% follow, ${MIX[3]}% unfollow`,
      target: '≥ 1000 req/s, 0 errors',
      job: {
        url,
        mode: 'mixed',
        path: '/api/minitwit',
        users: USERS,
        simulatorAuth: SIM_AUTH,
        runId: Date.now().toString(36),
        mix: MIX,
      },
    },
  };
  const rows: Record<string, string | number>[] = [];
  let latestNote = '';
  const backends = new Map<number, number>();
  const loadBefore = loadavg()[0];
  for (const name of CASES) {
    const c = jobs[name];
    if (!c) throw new Error(`unknown case ${name}; known: ${Object.keys(jobs).join(', ')}`);
    // The write path gets its own warm-up (JIT, PostgreSQL's buffers for the inserts), with its own
    // user names: the first seconds of writes ran at half speed in every run.
    if (name === 'mixed') await load({ ...c.job, runId: `warm${Date.now().toString(36)}`, duration: 3 });
    const before = await snapshot(k, backends);
    const writesBefore = latestWrites;
    const f = await load(c.job);
    if (name === 'mixed')
      latestNote = `mixed: ${latestWrites - writesBefore} \`latest\` writes for ${f.total} requests carrying it`;
    const cpu = perRequest(before, await snapshot(k, backends), f.total);
    rows.push({
      case: c.label,
      'req/s': Math.round(f.rps),
      'mean ms': f.mean,
      'p50 ms': f.p50,
      'p99 ms': f.p99,
      errors: f.errors + f.non2xx,
      requests: f.total,
      'server µs/req': cpu.server,
      'pg µs/req': cpu.postgres,
      'loadgen µs/req': f.loadgenUsPerRequest,
      target: c.target,
    });
  }
  await app.close();
  await uncachedApp.close();
  await unlisten();
  await bare.close();

  console.log(
    `\nFeed with ${MESSAGES.toLocaleString()} messages by ${USERS.toLocaleString()} users (${FOLLOWS_EACH} follows ` +
      `each), generated in ${loadSeconds.toFixed(1)} s`,
  );
  console.log(
    `${CONNECTIONS} connections, ${DURATION} s per case, server in-process, autocannon in a child process; CPU per ` +
      `request of each party`,
  );
  console.log(
    `load average ${loadBefore.toFixed(1)} before the cases, ${loadavg()[0].toFixed(1)} after, on ${cpus().length} ` +
      `cores\n`,
  );
  console.table(rows);
  if (latestNote) console.log(latestNote);
  const st = readCaches.responses.snapshot();
  console.log(`response cache: ${st.hits} hits, ${st.misses} misses, ${st.bypasses} bypassed (caches not live)`);
} finally {
  await handle.close();
  await pg.drop();
}
process.exit(0);
